import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corpus.models import Article
from quizzes.models.classrooms import Assignment
from quizzes.models.items import StudyItem

PIN_DIGITS = 6


def new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


class LiveSession(models.Model):
    """A live quiz (as Kahoot runs them): a teacher's projector, players on phones, one question at a time.

    `version` grows with every change players should see (a question opens or closes, the game
    ends, someone joins), so a phone's poll is answered "nothing new" from one row.
    """

    class State(models.TextChoices):
        LOBBY = "lobby", _("等待开始")
        QUESTION = "question", _("答题中")
        RESULTS = "results", _("公布答案")
        ENDED = "ended", _("已结束")

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="live_sessions", on_delete=models.CASCADE
    )
    article = models.ForeignKey(
        Article, verbose_name=_("文章"), related_name="live_sessions", on_delete=models.CASCADE
    )
    assignment = models.ForeignKey(
        Assignment, related_name="live_sessions", null=True, blank=True, on_delete=models.SET_NULL
    )
    pin = models.CharField(_("PIN"), max_length=PIN_DIGITS, default=new_pin)
    item_ids = models.JSONField(default=list)
    seconds = models.PositiveSmallIntegerField(
        _("每题秒数"), default=30, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    speed_scoring = models.BooleanField(_("答得快得分高"), default=True)
    streak_bonus = models.BooleanField(_("连对加分"), default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.LOBBY)
    index = models.SmallIntegerField(default=-1)  # the current question, -1 in the lobby
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pin"], condition=~models.Q(state="ended"), name="one_open_session_per_pin"
            )
        ]
        verbose_name = _("课堂抢答")
        verbose_name_plural = _("课堂抢答")

    def __str__(self) -> str:
        return f"{self.pin} · {self.article}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:live_host", args=[self.pk])

    @property
    def total(self) -> int:
        return len(self.item_ids)

    @property
    def current_item_id(self) -> int | None:
        return self.item_ids[self.index] if 0 <= self.index < len(self.item_ids) else None

    @property
    def is_last(self) -> bool:
        return self.index >= len(self.item_ids) - 1


class LivePlayer(models.Model):
    session = models.ForeignKey(LiveSession, related_name="players", on_delete=models.CASCADE)
    nickname = models.CharField(_("昵称"), max_length=20)
    # What look-alike nicknames share (quizzes.nicknames.nickname_key): one player per key, a
    # removed player's included, so neither `bob` nor `Ｂｏｂ` joins beside or after `Bob`.
    # Empty only for players who joined before the key existed.
    nickname_key = models.CharField(max_length=200, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    score = models.PositiveIntegerField(default=0)
    streak = models.PositiveSmallIntegerField(default=0)
    removed = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nickname"], name="one_nickname_per_session"
            ),
            models.UniqueConstraint(
                fields=["session", "nickname_key"],
                condition=~models.Q(nickname_key=""),
                name="one_look_alike_nickname_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.nickname


class LiveDelivery(models.Model):
    """When a player's phone first received a question: answer speed is measured from here."""

    player = models.ForeignKey(LivePlayer, related_name="deliveries", on_delete=models.CASCADE)
    index = models.PositiveSmallIntegerField()
    delivered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["player", "index"], name="one_delivery_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.player} · {self.index + 1}"


class LiveAnswer(models.Model):
    session = models.ForeignKey(LiveSession, related_name="answers", on_delete=models.CASCADE)
    player = models.ForeignKey(LivePlayer, related_name="answers", on_delete=models.CASCADE)
    index = models.PositiveSmallIntegerField()
    item = models.ForeignKey(StudyItem, related_name="live_answers", on_delete=models.CASCADE)
    given = models.JSONField(default=list)
    correct = models.BooleanField()
    points = models.PositiveIntegerField(default=0)
    elapsed_ms = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["player", "index"], name="one_answer_per_question")
        ]
        indexes = [models.Index(fields=["session", "index"])]

    def __str__(self) -> str:
        return f"{self.player} · {self.index + 1}: {'✓' if self.correct else '✗'}"


class LiveJoinAttempt(models.Model):
    """A wrong PIN, from a phone (its session) and an address: too many in a short time and
    that phone, or that address, waits (quizzes.limits)."""

    address = models.GenericIPAddressField()
    phone = models.CharField(max_length=40, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["address", "created_at"]),
            models.Index(fields=["phone", "created_at"], name="live_join_attempt_phone"),
        ]

    def __str__(self) -> str:
        return self.address

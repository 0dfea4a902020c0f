from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, Paragraph
from quizzes import scheduling
from quizzes.models.items import StudyItem


class LearnerSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="study_settings", on_delete=models.CASCADE
    )
    desired_retention = models.FloatField(_("目标记忆保持率"), default=scheduling.DEFAULT_RETENTION)
    new_per_day = models.PositiveSmallIntegerField(
        _("每天新条目数"), default=20, validators=[MaxValueValidator(500)]
    )
    reviews_per_day = models.PositiveSmallIntegerField(
        _("每天复习上限"), default=200, validators=[MaxValueValidator(5000)]
    )
    time_zone = models.CharField(_("时区"), max_length=64, default="Asia/Shanghai")
    # Self-study asks a blank fact typed, or as a single choice when the learner prefers that.
    prefer_choice = models.BooleanField(
        _("填空题以选择题出现"),
        default=False,
        help_text=_("有备选项的填空题以单选题的方式提问（默认手写作答）。"),
    )

    class Meta:
        verbose_name = _("学习设置")
        verbose_name_plural = _("学习设置")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def for_user(cls, user) -> "LearnerSettings":
        return cls.objects.get_or_create(user=user)[0]


class StudySelection(models.Model):
    """An article a learner has chosen to study."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="study_selections", on_delete=models.CASCADE
    )
    article = models.ForeignKey(Article, related_name="study_selections", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_selection_per_article")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.article}"


class StudyCard(models.Model):
    """One learner's FSRS state for one item, as columns (see scheduling.CardState)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="study_cards", on_delete=models.CASCADE
    )
    item = models.ForeignKey(StudyItem, related_name="cards", on_delete=models.CASCADE)
    state = models.PositiveSmallIntegerField(default=1)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # Until when recall stays at or above 90% (see scheduling.mastered_until). Mastery counts these.
    mastered_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="one_card_per_learner_item")
        ]
        indexes = [
            models.Index(fields=["user", "due"]),
            models.Index(fields=["user", "mastered_until"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.item}"

    @property
    def fsrs_state(self) -> scheduling.CardState:
        return scheduling.CardState(
            self.state, self.step, self.stability, self.difficulty, self.due, self.last_review
        )

    def apply(self, state: scheduling.CardState) -> None:
        self.state, self.step, self.stability = state.state, state.step, state.stability
        self.difficulty, self.due, self.last_review = state.difficulty, state.due, state.last_review
        self.mastered_until = scheduling.mastered_until(state)


class ReviewLog(models.Model):
    """One answer. `token` makes a double click, a retry or the back button count once."""

    card = models.ForeignKey(StudyCard, related_name="reviews", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="reviews", on_delete=models.CASCADE
    )
    # The card's item and its paragraph, copied at answer time: the next-card query buries today's
    # siblings and the reports group answers by item without joining through the card.
    item = models.ForeignKey(StudyItem, related_name="reviews", null=True, on_delete=models.CASCADE)
    paragraph = models.ForeignKey(
        Paragraph, related_name="+", null=True, db_index=False, on_delete=models.SET_NULL
    )
    # And its section when the item is made from the outline (StudyItem.on_outline): a heading's
    # points and their blanks wait once one of them is answered.
    outline_section = models.ForeignKey(
        "corpus.Section", related_name="+", null=True, db_index=False, on_delete=models.SET_NULL
    )
    rating = models.PositiveSmallIntegerField(_("评分"))
    correct = models.BooleanField(null=True)
    reviewed_at = models.DateTimeField(_("时间"))
    study_day = models.DateField(_("学习日"))
    duration_ms = models.PositiveIntegerField(_("用时（毫秒）"), default=0)
    previous = models.JSONField(default=dict)  # the card before this answer, for undo
    given = models.JSONField(
        default=list, blank=True
    )  # what the learner typed or chose, for item analysis
    # The card's FSRS state before this answer (0 for a new card; 2 is Review, the state "true
    # retention" counts) and how many days overdue it was, for the statistics.
    prior_state = models.PositiveSmallIntegerField(default=0)
    overdue_days = models.PositiveIntegerField(default=0)
    was_new = models.BooleanField(default=False)
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_review_per_token")
        ]
        indexes = [
            models.Index(fields=["user", "study_day"]),
            # Covers the dashboards' counts (by learner, item, day, outcome), so they read this
            # narrow index instead of the wide rows with their JSON snapshots.
            models.Index(
                fields=[
                    "user",
                    "study_day",
                    "item",
                    "correct",
                    "rating",
                    "prior_state",
                    "reviewed_at",
                ],
                name="review_statistics",
            ),
            models.Index(fields=["user", "reviewed_at"], name="review_last_active"),
        ]

    def __str__(self) -> str:
        return f"{self.card} · {self.rating}"

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, Section
from quizzes.models.items import StudyItem

# A submission this long after the time limit still counts: the page's own timer submits at
# zero, and the request needs a moment to arrive.
SUBMIT_GRACE = timedelta(seconds=30)


class PracticeTest(models.Model):
    """A practice test (测验): a fixed set of questions from an article or a section, graded at the end."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="practice_tests", on_delete=models.CASCADE
    )
    article = models.ForeignKey(
        Article, verbose_name=_("文章"), related_name="practice_tests", on_delete=models.CASCADE
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("小节"),
        related_name="practice_tests",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    kinds = models.JSONField(_("题型"), default=list)
    time_limit = models.PositiveIntegerField(_("限时（分钟）"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("答对"), default=0)
    total = models.PositiveSmallIntegerField(_("题数"), default=0)
    late = models.BooleanField(_("超时交卷"), default=False)
    retake_of = models.ForeignKey(
        "self", related_name="retakes", null=True, blank=True, on_delete=models.SET_NULL
    )
    assignment = models.ForeignKey(
        "quizzes.Assignment",
        related_name="attempts",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "-started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"],
                condition=models.Q(assignment__isnull=False),
                name="one_attempt_per_assignment",
            )
        ]
        verbose_name = _("测验")
        verbose_name_plural = _("测验")

    def __str__(self) -> str:
        return f"{self.user} · {self.section or self.article}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:practice_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def deadline(self) -> datetime | None:
        return self.started_at + timedelta(minutes=self.time_limit) if self.time_limit else None

    def accepts_answers(self, now: datetime) -> bool:
        return self.deadline is None or now <= self.deadline + SUBMIT_GRACE

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


class PracticeAnswer(models.Model):
    """One question of a practice test and, once handed in, what the learner answered."""

    test = models.ForeignKey(PracticeTest, related_name="answers", on_delete=models.CASCADE)
    item = models.ForeignKey(StudyItem, related_name="practice_answers", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField()
    # How the question is asked (StudyItem.Asked): a blank fact may be a choice in a test.
    asked_as = models.CharField(
        max_length=10, choices=StudyItem.Asked.choices, default=StudyItem.Asked.TYPED
    )
    given = models.JSONField(default=list)
    correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["test", "position"]
        constraints = [
            models.UniqueConstraint(fields=["test", "position"], name="one_question_per_position"),
            models.UniqueConstraint(fields=["test", "item"], name="one_question_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.test} · {self.position}"

    @property
    def field_prefix(self) -> str:
        """The names of this question's fields on the test page: q3-answer, q3-option."""
        return f"q{self.position}-"

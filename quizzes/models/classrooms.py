import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, Section

# What an assignment keeps of each question: what is asked, what counts as right, and the
# source its feedback shows.
ASKED_FIELDS = ["kind", "prompt", "answers", "options", "cloze", "source", "start", "end", "extra"]

# Join codes avoid letters and digits that are easy to mix up when read off a projector.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class ClassroomQuerySet(models.QuerySet):
    def active(self) -> "ClassroomQuerySet":
        return self.filter(archived_at__isnull=True)


class Classroom(models.Model):
    """A teacher's class: learners join with its code; the teacher assigns quizzes to it."""

    name = models.CharField(_("班级名称"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="taught_classes", on_delete=models.CASCADE
    )
    join_code = models.CharField(_("加入码"), max_length=12, unique=True, default=new_join_code)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["archived_at", "-created_at"]
        verbose_name = _("班级")
        verbose_name_plural = _("班级")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("quizzes:class_detail", args=[self.pk])

    def rename(self, name: str) -> None:
        self.name = name
        self.save(update_fields=["name"])

    def archive(self, *, now) -> None:
        """Archived classes take no new learners and leave their learners' study pages."""
        self.archived_at = now
        self.save(update_fields=["archived_at"])

    def restore(self) -> None:
        self.archived_at = None
        self.save(update_fields=["archived_at"])

    def renew_code(self) -> None:
        """A new join code; the old one stops working (a learner removed stays removed)."""
        for _attempt in range(10):  # a code another class holds: draw another
            code = new_join_code()
            if not Classroom.objects.filter(join_code=code).exists():
                break
        self.join_code = code
        self.save(update_fields=["join_code"])


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, related_name="memberships", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="memberships", on_delete=models.CASCADE
    )
    joined_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "user"], name="one_membership_per_class")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.classroom}"


class Removal(models.Model):
    """A learner the teacher removed from the class: the join code no longer lets them in,
    until the teacher lets them back."""

    classroom = models.ForeignKey(Classroom, related_name="removals", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    removed_at = models.DateTimeField(_("移出时间"), auto_now_add=True)

    class Meta:
        ordering = ["-removed_at"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "user"], name="one_removal_per_class")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.classroom}"


class ClassJoinAttempt(models.Model):
    """A wrong join code, from an account and an address: too many in a short time and that
    account, or that address, waits (quizzes.limits)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    address = models.GenericIPAddressField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "created_at"], name="class_join_attempt_user"),
            models.Index(fields=["address", "created_at"], name="class_join_attempt_address"),
        ]

    def __str__(self) -> str:
        return self.address


class Assignment(models.Model):
    """A quiz assigned to a class: the same questions for every learner, taken as a practice test."""

    classroom = models.ForeignKey(Classroom, related_name="assignments", on_delete=models.CASCADE)
    article = models.ForeignKey(
        Article, verbose_name=_("文章"), related_name="assignments", on_delete=models.CASCADE
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("小节"),
        related_name="assignments",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    kinds = models.JSONField(_("题型"), default=list)
    item_ids = models.JSONField(_("题目"), default=list)
    # Each question as it was when the assignment was set ({item id: ASKED_FIELDS}): the
    # learners answer and are graded on that version, whatever the owner edits later.
    versions = models.JSONField(_("题目版本"), default=dict, blank=True)
    time_limit = models.PositiveIntegerField(_("限时（分钟）"), null=True, blank=True)
    due_at = models.DateTimeField(_("截止时间"))
    created_at = models.DateTimeField(_("布置时间"), auto_now_add=True)

    class Meta:
        ordering = ["-due_at", "-pk"]
        verbose_name = _("作业")
        verbose_name_plural = _("作业")

    def __str__(self) -> str:
        return f"{self.classroom} · {self.section or self.article}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:assignment_detail", args=[self.pk])

    def keep_versions(self, items) -> None:
        """Record the questions as they are now (before the assignment is saved)."""
        self.versions = {
            str(item.pk): {name: getattr(item, name) for name in ASKED_FIELDS} for item in items
        }

    def as_set(self, item):
        """The item as this assignment asks it: its kept version laid over the current row
        (the same object, changed in place, not saved). An item set before versions were kept
        is asked as it is."""
        version = self.versions.get(str(item.pk))
        for name, value in (version or {}).items():
            setattr(item, name, value)
        return item

import re
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corpus.models import Article, Document, Paragraph, Section
from quizzes import grading
from quizzes.generation.items import BLANK
from quizzes.roles import TEACHER, grant_role

# What stands for an answer in a hint, whatever the answer's length.
HINT_MASK = "＿＿＿"


class StudyItemQuerySet(models.QuerySet):
    def active(self) -> "StudyItemQuerySet":
        return self.filter(status=StudyItem.Status.ACTIVE)

    def of_document(self, document: Document) -> "StudyItemQuerySet":
        return self.filter(article__document=document)


class StudyItem(models.Model):
    """One thing to learn, traceable to its source sentence.

    ``key`` is stable across regeneration (kind + source sentence + blank), so a
    learner's history stays attached to the same item. Items whose source
    disappears are retired, never deleted.
    """

    class Kind(models.TextChoices):
        KEYPOINTS = "keypoints", _("要点卡")
        CLOZE = "cloze", _("填空")
        DEFINITION = "definition", _("名词解释")
        QUOTE = "quote", _("引文填空")
        NUMBER = "number", _("数字填空")
        CHOICE = "choice", _("单选")
        MULTI = "multi", _("多选")
        ENUMERATION = "enumeration", _("列举")

    class Status(models.TextChoices):
        # States, not the buttons that change them (English: "Enabled", not "Enable").
        ACTIVE = "active", pgettext_lazy("item state", "启用")
        DISABLED = "disabled", pgettext_lazy("item state", "停用")
        RETIRED = "retired", _("已退役")

    class Origin(models.TextChoices):
        GENERATED = "generated", _("自动生成")
        EDITED = "edited", _("教师修改")
        ADDED = "added", _("教师添加")

    # How each kind is asked: a flashcard is rated by the learner, a choice item answered by
    # picking options, every other kind typed (one input per blank, per list member, or one
    # number). Practice tests and assignments take the kinds the server can grade on its own;
    # a live game those a phone answers within its timer.
    FLASHCARD_KINDS = frozenset({Kind.KEYPOINTS, Kind.DEFINITION})
    CHOICE_KINDS = frozenset({Kind.CHOICE, Kind.MULTI})
    BLANK_KINDS = frozenset({Kind.CLOZE, Kind.QUOTE, Kind.NUMBER})
    TESTABLE_KINDS = (
        Kind.CLOZE,
        Kind.QUOTE,
        Kind.NUMBER,
        Kind.CHOICE,
        Kind.MULTI,
        Kind.ENUMERATION,
    )
    LIVE_KINDS = (Kind.CHOICE, Kind.MULTI, Kind.CLOZE, Kind.NUMBER, Kind.QUOTE)

    # The ways a fact is asked (quizzes.asking): typed, or picked among its options.
    class Asked(models.TextChoices):
        TYPED = "typed", _("填写")
        CHOICE = "choice", _("选择")

    # How this instance is being asked, set by quizzes.asking.asked (not stored): a blank fact
    # with options may be asked as a choice; every other item is asked as its kind says.
    asked_as = ""

    article = models.ForeignKey(Article, related_name="items", on_delete=models.CASCADE)
    section = models.ForeignKey(
        Section, related_name="items", null=True, blank=True, on_delete=models.SET_NULL
    )
    paragraph = models.ForeignKey(
        Paragraph, related_name="items", null=True, blank=True, on_delete=models.SET_NULL
    )
    key = models.CharField(_("标识"), max_length=64)
    kind = models.CharField(_("题型"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    origin = models.CharField(
        _("来源"), max_length=10, choices=Origin.choices, default=Origin.GENERATED
    )
    prompt = models.TextField(_("题面"))
    answers = models.JSONField(_("答案"), default=list)
    options = models.JSONField(_("选项"), null=True, blank=True)
    cloze = models.TextField(_("Anki 填空"), blank=True)
    source = models.TextField(_("原句"), blank=True)
    start = models.PositiveIntegerField(_("起始位置"), default=0)
    end = models.PositiveIntegerField(_("结束位置"), default=0)
    extra = models.JSONField(_("附加信息"), default=dict, blank=True)
    # Made from a title, a heading or a key point: the feedback on one of these answers the
    # others of its section (a heading's points and their blanks), so they wait for another day.
    on_outline = models.BooleanField(_("来自提纲"), default=False)
    # How much it is worth learning, 1-9, from what the text stresses (generation/weights.py):
    # headings and key points, defined terms, lists and targets most, incidental counts least.
    weight = models.PositiveSmallIntegerField(_("权重"), default=1)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = StudyItemQuerySet.as_manager()

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="studyitem_key_unique")
        ]
        indexes = [models.Index(fields=["article", "status", "kind"])]
        verbose_name = _("学习条目")
        verbose_name_plural = _("学习条目")

    def __str__(self) -> str:
        return self.prompt[:60]

    def get_absolute_url(self) -> str:
        return reverse("quizzes:item_detail", args=[self.pk])

    def mark_edited(self, user) -> None:
        """A teacher's change: regeneration leaves this item as the teacher left it."""
        if self.origin == self.Origin.GENERATED:
            self.origin = self.Origin.EDITED
        self.edited_by = user

    @property
    def is_flashcard(self) -> bool:
        return self.kind in self.FLASHCARD_KINDS

    @property
    def is_choice(self) -> bool:
        """Whether it is answered by picking options: a choice item, or a blank fact asked as one."""
        return self.kind in self.CHOICE_KINDS or (
            self.asked_as == self.Asked.CHOICE and self.can_be_choice
        )

    @property
    def can_be_choice(self) -> bool:
        """A fact of one blank with options of its own (the right one among them) can be chosen."""
        return (
            self.kind in self.BLANK_KINDS
            and len(self.answers) == 1
            and len(self.options or []) > 1
            and self.answers[0] in self.options
        )

    @property
    def is_multi(self) -> bool:
        return self.kind == self.Kind.MULTI

    @property
    def is_number(self) -> bool:
        return self.kind == self.Kind.NUMBER

    @property
    def speaker(self) -> str:
        """Who said a quotation, shown above its prompt; empty for every other kind."""
        return self.extra.get("speaker", "") if self.kind == self.Kind.QUOTE else ""

    @property
    def input_slots(self) -> range:
        """One text input per blank, per list member, or one for a number."""
        if self.is_choice:
            return range(0)
        if self.kind == self.Kind.ENUMERATION:
            return range(len(self.answers))
        if self.kind == self.Kind.NUMBER:
            return range(1)
        return range(max(self.prompt.count(BLANK), 1))

    def grade(self, typed: list[str], chosen: list[str]) -> grading.Verdict:
        """The verdict on an answer: the options chosen, or what was typed into the inputs."""
        if self.is_choice:
            return grading.grade_choice(chosen, self.answers)
        if self.kind == self.Kind.NUMBER:
            return grading.grade_number(
                typed[0] if typed else "", self.answers[0], unit=self.extra.get("unit", "")
            )
        if self.kind == self.Kind.ENUMERATION:
            return grading.grade_enumeration(
                typed, self.answers, ordered=bool(self.extra.get("ordered"))
            )
        return grading.grade_blanks(typed, self.answers)

    def prompt_parts(self) -> list[tuple[str, int | None]]:
        """The prompt as (text, None) and (blank, its answer's length) runs: blanks show their size.

        A multiple-choice blank stands for several answers, so its size is 0 (not shown).
        """
        pieces = self.prompt.split(BLANK)
        parts: list[tuple[str, int | None]] = []
        for index, piece in enumerate(pieces):
            if piece:
                parts.append((piece, None))
            if index < len(pieces) - 1:
                answer = self.answers[index] if index < len(self.answers) else ""
                parts.append((BLANK, 0 if self.is_multi else len(answer)))
        return parts

    def answered_by(self, text: str) -> bool:
        """Whether showing `text` (a title or heading) answers this item: it is made from that
        text, or one of its answers is in it."""
        if not text:
            return False
        return bool(self.source and self.source in text) or any(
            answer and answer in text for answer in self.answers
        )

    @property
    def context_text(self) -> str:
        """What the item comes from: its paragraph, or its source when that is a heading or title."""
        return self.paragraph.text if self.paragraph_id else self.source

    @property
    def first_hint(self) -> str:
        """The generator's step towards the answer (首字提示, a list's count and first
        characters, one wrong option struck out), shown above the masked paragraph."""
        extra = self.extra or {}
        if self.is_choice and self.kind in self.BLANK_KINDS:
            return extra.get("choice_hint", "")
        return extra.get("hint", "")

    def hint(self) -> str:
        """The source paragraph with every answer masked, for 查看提示: each by the same mask,
        which gives away no answer's length."""
        text = self.context_text
        for answer in sorted(self.answers, key=len, reverse=True):
            if answer:
                text = text.replace(answer, HINT_MASK)
        return text

    def source_parts(self) -> list[tuple[str, bool]]:
        """The source paragraph cut into (piece, is_answer) runs, for highlighting after answering."""
        text = self.context_text
        answers = [a for a in self.answers if a and a in text]
        if not answers:
            return [(text, False)]
        pattern = re.compile("|".join(re.escape(a) for a in sorted(answers, key=len, reverse=True)))
        parts, cursor = [], 0
        for match in pattern.finditer(text):
            if match.start() > cursor:
                parts.append((text[cursor : match.start()], False))
            parts.append((match.group(), True))
            cursor = match.end()
        if cursor < len(text):
            parts.append((text[cursor:], False))
        return parts


class ItemFlag(models.Model):
    """A learner's report that an item is wrong; open flags are on the teachers' list."""

    class Reason(models.TextChoices):
        WRONG_ANSWER = "wrong_answer", _("答案有误")
        BAD_BLANK = "bad_blank", _("挖空不当")
        UNCLEAR = "unclear", _("题面不清")
        DUPLICATE = "duplicate", _("重复")
        OTHER = "other", _("其他")

    item = models.ForeignKey(StudyItem, related_name="flags", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="item_flags", on_delete=models.CASCADE
    )
    reason = models.CharField(_("原因"), max_length=20, choices=Reason.choices)
    comment = models.CharField(_("说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_flag_per_user",
            )
        ]
        verbose_name = _("问题反馈")
        verbose_name_plural = _("问题反馈")

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.item}"

    def resolve(self, user) -> None:
        self.resolved_at, self.resolved_by = timezone.now(), user
        self.save(update_fields=["resolved_at", "resolved_by"])


class Generation(models.Model):
    """Progress of generating a document's items, shown as a progress bar while it runs."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    document = models.OneToOneField(Document, related_name="generation", on_delete=models.CASCADE)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("已完成文章"), default=0)
    total = models.PositiveIntegerField(_("文章总数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    # DOCUMENT_MAX_ITEMS when the document reached it (later articles got no items), else 0.
    capped = models.PositiveIntegerField(_("条目上限"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("条目生成")
        verbose_name_plural = _("条目生成")

    def __str__(self) -> str:
        return f"{self.document}: {self.get_state_display()}"

    @property
    def is_running(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def is_stalled(self) -> bool:
        """Failed, or silent for GENERATION_STALLED_AFTER seconds while queued or running (its
        worker was killed, or none runs): it will not finish by itself."""
        if self.state == self.State.FAILED:
            return True
        quiet = timezone.now() - self.updated_at
        return self.is_running and quiet > timedelta(seconds=settings.GENERATION_STALLED_AFTER)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class TeacherRequest(models.Model):
    """A new account asked to be a teacher at sign-up; an admin confirms it in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="teacher_request", on_delete=models.CASCADE
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("教师申请")
        verbose_name_plural = _("教师申请")

    def __str__(self) -> str:
        return str(self.user)

    def approve(self) -> None:
        grant_role(self.user, TEACHER)
        self.approved_at = timezone.now()
        self.save(update_fields=["approved_at"])


class SignUp(models.Model):
    """An account made from an address: the sign-up limit counts them (quizzes.limits)."""

    address = models.GenericIPAddressField()
    teacher_request = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address", "created_at"], name="signup_address")]

    def __str__(self) -> str:
        return self.address

import re

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# A paragraph's first sentence: up to the first full stop, question or exclamation mark, or
# semicolon (full or half width).
LEAD_SENTENCE = re.compile(r"\s*([^。！？；!?;]+)")

# An article's page shows this many sections at a time: a report of thousands of headings
# stays a page a phone can load.
SECTIONS_PER_PAGE = 100


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DocumentQuerySet":
        """What the user may read: published documents, their own, and those their class
        teachers share with their classes. Staff who administer the site read everything."""
        if user.is_authenticated and user.is_superuser:
            return self
        published = models.Q(visibility=Document.Visibility.PUBLISHED)
        if not user.is_authenticated:
            return self.filter(published)
        shared = Document.objects.filter(
            visibility=Document.Visibility.CLASSES,
            owner__taught_classes__memberships__user=user,
            owner__taught_classes__archived_at__isnull=True,
        ).values("pk")
        return self.filter(published | models.Q(owner=user) | models.Q(pk__in=shared))

    def for_classes_of(self, user) -> "DocumentQuerySet":
        """What a teacher may set for a class: what they read, but not their private texts,
        which their learners could not open."""
        return self.visible_to(user).exclude(owner=user, visibility=Document.Visibility.PRIVATE)


class Document(models.Model):
    """One imported page or report, kept with the exact text it came from.

    Its owner (who imported it) alone corrects its outline and edits its items; its visibility
    says who else reads it.
    """

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("仅自己")
        CLASSES = "classes", _("我的班级")
        PUBLISHED = "published", _("所有人")

    title = models.CharField(_("标题"), max_length=300)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    banner = models.CharField(_("通栏标题"), max_length=300, blank=True)
    original_text = models.TextField(_("原文"))
    encoding = models.CharField(_("编码"), max_length=20)
    # SHA-256 of the decoded, normalised text: the same page saved as UTF-8 or
    # GB18030 is the same document (one copy per owner).
    sha256 = models.CharField(_("散列"), max_length=64, db_index=True)
    # Who imported it; none for what the site's administrators import with import_articles.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("所有者"),
        related_name="documents",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    visibility = models.CharField(
        _("可见范围"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    # The owner's corrections of the outline, in order (corpus.corrections): kept so that a
    # fresh parse of the text can be corrected the same way.
    corrections = models.JSONField(_("提纲修正"), default=list, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "sha256"], name="document_text_per_owner"),
            models.UniqueConstraint(
                fields=["sha256"],
                condition=models.Q(owner__isnull=True),
                name="document_text_unowned",
            ),
        ]
        # Teachers hold it (quizzes.roles): they share texts with their classes or publish them.
        permissions = [("publish_document", _("可与班级共享或向所有人发布文档"))]
        verbose_name = _("文档")
        verbose_name_plural = _("文档")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("corpus:document_detail", args=[self.pk])

    def is_owned_by(self, user) -> bool:
        """Whether the user corrects and edits it: its owner, or a superuser."""
        return user.is_authenticated and (user.is_superuser or self.owner_id == user.pk)

    @property
    def generation_or_none(self):
        """The item generation's progress (quizzes.Generation), if any was started."""
        try:
            return self.generation
        except ObjectDoesNotExist:
            return None


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ArticleQuerySet":
        return self.filter(document__in=Document.objects.visible_to(user))

    def for_classes_of(self, user) -> "ArticleQuerySet":
        return self.filter(document__in=Document.objects.for_classes_of(user))

    def with_outline(self) -> "ArticleQuerySet":
        """Everything the outline and the text need, in four queries whatever the size."""
        return self.select_related("document").prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.prefetch_related(
                    Prefetch("paragraphs", queryset=Paragraph.objects.prefetch_related("points"))
                ),
            )
        )

    def search(self, query: str) -> "ArticleQuerySet":
        query = query.strip()
        if not query:
            return self
        return self.filter(
            models.Q(title__icontains=query)
            | models.Q(authors_text__icontains=query)
            | models.Q(document__title__icontains=query)
        )


class Article(models.Model):
    document = models.ForeignKey(Document, related_name="articles", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=300)
    subtitle = models.CharField(_("副标题"), max_length=300, blank=True)
    authors = models.JSONField(_("作者"), default=list, blank=True)
    # The authors joined with 、 so the library can search them on any database.
    authors_text = models.CharField(_("作者"), max_length=300, blank=True, editable=False)
    column = models.CharField(_("栏目"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    note = models.CharField(_("文末注释"), max_length=500, blank=True)
    date_line = models.CharField(_("日期"), max_length=100, blank=True)
    kicker = models.CharField(_("引题"), max_length=300, blank=True)
    speakers = models.JSONField(_("报告人"), default=list, blank=True)
    salutation = models.CharField(_("称呼"), max_length=50, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="article_position_unique")
        ]
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("corpus:article_detail", args=[self.pk])


class Section(models.Model):
    class Level(models.IntegerChoices):
        LEAD = 0, _("导语")
        HEADING = 1, _("一级标题")
        SUBHEADING = 2, _("二级标题")
        THIRD = 3, _("三级标题")
        FOURTH = 4, _("四级标题")
        FIFTH = 5, _("五级标题")

    article = models.ForeignKey(Article, related_name="sections", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("序号"))
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    heading = models.CharField(_("标题"), max_length=300, blank=True)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="section_position_unique")
        ]
        verbose_name = _("小节")
        verbose_name_plural = _("小节")

    def __str__(self) -> str:
        return self.heading or str(self.get_level_display())

    def get_absolute_url(self) -> str:
        # By the article's id, not the article: a link to a section costs no query. Positions
        # run 1, 2, 3…, so the section's page of the article follows from its own.
        page = (self.position - 1) // SECTIONS_PER_PAGE + 1
        query = f"?page={page}" if page > 1 else ""
        return f"{reverse('corpus:article_detail', args=[self.article_id])}{query}#s{self.position}"

    @property
    def point_count(self) -> int:
        """Counted from the prefetched paragraphs, so the outline costs no extra query."""
        return sum(len(paragraph.points.all()) for paragraph in self.paragraphs.all())


class Paragraph(models.Model):
    section = models.ForeignKey(Section, related_name="paragraphs", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("序号"))
    text = models.TextField(_("正文"))
    # The lists the paragraph states (一是……二是……), each a list of its members in order.
    lists = models.JSONField(_("列举"), default=list, blank=True)

    class Meta:
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "position"], name="paragraph_position_unique"
            )
        ]
        verbose_name = _("段落")
        verbose_name_plural = _("段落")

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def lead_sentence(self) -> str:
        """The paragraph's first sentence without its closing mark: what "make it a key point"
        makes a point of."""
        match = LEAD_SENTENCE.match(self.text)
        return match.group(1).strip() if match else self.text.strip()

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut into (piece, is_key_point) runs, for highlighting."""
        spans = sorted(
            (p.start, p.start + len(p.text)) for p in self.points.all() if p.start is not None
        )
        pieces, cursor = [], 0
        for start, end in spans:
            if start < cursor:
                continue
            if start > cursor:
                pieces.append((self.text[cursor:start], False))
            pieces.append((self.text[start:end], True))
            cursor = end
        if cursor < len(self.text):
            pieces.append((self.text[cursor:], False))
        return pieces


class KeyPoint(models.Model):
    paragraph = models.ForeignKey(Paragraph, related_name="points", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("序号"))
    text = models.CharField(_("要点"), max_length=500)
    # Where the point starts in its paragraph's text (in characters).
    start = models.PositiveIntegerField(_("起始位置"), null=True, blank=True)

    class Meta:
        ordering = ["paragraph", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "position"], name="keypoint_position_unique"
            )
        ]
        verbose_name = _("要点")
        verbose_name_plural = _("要点")

    def __str__(self) -> str:
        return self.text


class ImportJob(models.Model):
    """A PDF or Word file being read in the background, then previewed before it is saved.

    Reading a long PDF takes longer than a request should, so the upload only stores the file
    and queues the reading; the import page polls until the text is ready or refused.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        READING = "reading", _("读取中")
        READY = "ready", _("已读取")
        FAILED = "failed", _("失败")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="import_jobs", on_delete=models.CASCADE
    )
    filename = models.CharField(_("文件名"), max_length=255)
    data = models.BinaryField(_("文件"), blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    format = models.CharField(_("格式"), max_length=10, blank=True)
    text = models.TextField(_("文本"), blank=True)
    error = models.CharField(_("错误"), max_length=40, blank=True)
    detail = models.CharField(_("详情"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("文件读取")
        verbose_name_plural = _("文件读取")

    def __str__(self) -> str:
        return f"{self.filename}: {self.get_state_display()}"

    @property
    def is_running(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.READING}

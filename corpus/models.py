from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """One imported page or report, kept with the exact text it came from."""

    title = models.CharField(_("标题"), max_length=300)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    banner = models.CharField(_("通栏标题"), max_length=300, blank=True)
    original_text = models.TextField(_("原文"))
    encoding = models.CharField(_("编码"), max_length=20)
    # SHA-256 of the decoded, normalised text: the same page saved as UTF-8 or
    # GB18030 is the same document.
    sha256 = models.CharField(_("散列"), max_length=64, unique=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("文档")
        verbose_name_plural = _("文档")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("corpus:document_detail", args=[self.pk])

    @property
    def generation_or_none(self):
        """The item generation's progress (quizzes.Generation), if any was started."""
        try:
            return self.generation
        except ObjectDoesNotExist:
            return None


class ArticleQuerySet(models.QuerySet):
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
        # By the article's id, not the article: a link to a section costs no query.
        return f"{reverse('corpus:article_detail', args=[self.article_id])}#s{self.position}"

    @property
    def point_count(self) -> int:
        """Counted from the prefetched paragraphs, so the outline costs no extra query."""
        return sum(len(paragraph.points.all()) for paragraph in self.paragraphs.all())


class Paragraph(models.Model):
    section = models.ForeignKey(Section, related_name="paragraphs", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("序号"))
    text = models.TextField(_("正文"))

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

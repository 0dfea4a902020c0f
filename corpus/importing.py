"""From text to database rows: the importer's one workflow, all or nothing."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corpus import parsing
from corpus.decoding import DecodeError, check_text, decode, document_format
from corpus.models import Article, Document, ImportJob, KeyPoint, Paragraph, Section
from quizzes.tasks import items_enqueue, items_restart_if_stalled

MESSAGES = {
    "empty": _("文件或文本是空的，没有可导入的内容。"),
    "too_large": _("内容超过 %(limit)d MB，请分成几部分导入。"),
    "binary": _("这不是文本文件。请上传 .txt 或 .md 文本，或直接粘贴文字。"),
    "unsupported_encoding": _(
        "无法识别文本编码。请使用 UTF-8、GB18030/GBK 或带 BOM 的 UTF-16 保存后再导入。"
    ),
    "no_article": _("没有找到文章：文本应以标题开头，后面是正文段落。"),
    "pdf_no_text": _(
        "这个 PDF 没有文字层（可能是扫描件）。请先用文字识别（OCR）转成文字，或上传文本版。"
    ),
    "pdf_encrypted": _("这个 PDF 已加密，无法读取。请上传未加密的版本。"),
    "pdf_broken": _("这个 PDF 已损坏或不完整，无法读取。"),
    "pdf_unmapped": _("这个 PDF 的字体没有文字编码，读出来是乱码。请上传文本版或 Word 版。"),
    "doc_legacy": _("这是旧版 Word 文件（.doc）。请在 Word 或 WPS 中另存为 .docx 后再上传。"),
    "wps": _("这是 WPS 文字文件（.wps）。请在 WPS 中另存为 .docx 后再上传。"),
    "docx_macro": _("这个 Word 文件含有宏，出于安全考虑不予读取。请另存为不含宏的 .docx。"),
    "zip_bomb": _("这个文件解压后过大，不予读取。"),
    "docx_broken": _("这个 Word 文件已损坏或不是 .docx 文件，无法读取。"),
    "too_many_sections": _(
        "这份文本有 %(count)d 个小节，超过一份文档的上限 %(limit)d 个。请分成几部分导入。"
    ),
    "too_many_imports": _("一小时内最多导入 %(limit)d 次。请稍后再试。"),
    "quota": _(
        "你的文库已有 %(limit)d 份文档，达到上限。可以在文档页删除不再用的文档，或请管理员放宽上限。"
    ),
}


class ImportFailed(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail

    @property
    def message(self) -> str:
        message = str(MESSAGES.get(self.code, MESSAGES["binary"]))
        if self.code == "too_large":
            limit = (
                settings.DOCUMENT_MAX_BYTES
                if self.detail == "document"
                else settings.IMPORT_MAX_BYTES
            )
            message = message % {"limit": max(limit // (1024 * 1024), 1)}
        if self.code == "binary" and self.detail:
            message = f"{message} ({self.detail})"
        if self.code == "too_many_sections":
            message = message % {"count": int(self.detail), "limit": settings.DOCUMENT_MAX_SECTIONS}
        if self.code == "too_many_imports":
            message = message % {"limit": settings.IMPORTS_PER_HOUR}
        if self.code == "quota":
            message = message % {"limit": int(self.detail)}
        return message


@dataclass
class Preview:
    """A parsed text before it is saved: what the preview page shows."""

    text: str
    encoding: str
    outline: parsing.Outline
    sha256: str
    existing: Document | None

    @property
    def read_as(self) -> str:
        """How the text was read, for the preview: a document reader, or the text's encoding."""
        return {"pdf": "PDF", "docx": "Word (.docx)"}.get(self.encoding, self.encoding)


def text_hash(text: str) -> str:
    return hashlib.sha256(parsing.normalize_text(text).encode("utf-8")).hexdigest()


def document_preview(
    *,
    data: bytes | None = None,
    text: str | None = None,
    encoding: str = "utf-8",
    look_up: bool = True,
    user=None,
) -> Preview:
    """Decode (or check) and parse, saving nothing. Raises ImportFailed with a code.

    ``look_up=False`` skips the database (a dry run works before any migration).
    """
    try:
        if data is not None and document_format(data):
            text, encoding = document_read(data)
        elif data is not None:
            decoded = decode(data, max_bytes=settings.IMPORT_MAX_BYTES)
            text, encoding = decoded.text, decoded.encoding
        else:
            text = check_text(text or "", max_bytes=settings.IMPORT_MAX_BYTES)
    except DecodeError as error:
        raise ImportFailed(error.code, error.detail) from None
    return preview_of(text, encoding, look_up=look_up, user=user)


def document_read(data: bytes) -> tuple[str, str]:
    """A PDF's or Word file's text, laid out as a text copy would be, and its format."""
    from corpus.formats import read_document  # pdfminer and python-docx load only when needed

    if len(data) > settings.DOCUMENT_MAX_BYTES:
        raise DecodeError("too_large", "document")
    read = read_document(data, max_bytes=settings.DOCUMENT_MAX_BYTES)
    if read is None:
        raise DecodeError("binary")
    text, kind = read
    return check_text(text, max_bytes=settings.IMPORT_MAX_BYTES), kind


def preview_of(text: str, encoding: str, *, look_up: bool = True, user=None) -> Preview:
    outline = parsing.parse(text)
    if not outline.articles:
        raise ImportFailed("no_article")
    sections = sum(len(article.sections) for article in outline.articles)
    if sections > settings.DOCUMENT_MAX_SECTIONS:
        raise ImportFailed("too_many_sections", str(sections))
    sha256 = text_hash(text)
    existing = existing_copy(sha256, user) if look_up else None
    return Preview(text, encoding, outline, sha256, existing)


def existing_copy(sha256: str, user=None) -> Document | None:
    """The copy of this text the importer already has: their own, else one they may read (a
    published or shared copy serves them as well). The site's own imports (no user) share one
    unowned copy. Someone else's private copy is not there."""
    copies = Document.objects.filter(sha256=sha256)
    if user is None or not user.is_authenticated:
        return copies.filter(owner__isnull=True).first()
    return copies.filter(owner=user).first() or copies.visible_to(user).first()


def visibility_for(user, asked: str | None = None) -> str:
    """Who reads a new document: learners keep their texts to themselves; teachers choose
    (their classes unless they say otherwise); the site's own imports are published."""
    if user is None or not user.is_authenticated:
        return Document.Visibility.PUBLISHED
    if not user.has_perm("corpus.publish_document"):
        return Document.Visibility.PRIVATE
    return asked or Document.Visibility.CLASSES


def import_allowed(user, *, now: datetime) -> None:
    """Raise ImportFailed unless the account may start another import: IMPORTS_PER_HOUR new
    documents and file uploads in the last hour, and documents kept within its quota. The site's
    own imports (no user) are not limited."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return
    hour_ago = now - timedelta(hours=1)
    recent = (
        Document.objects.filter(owner=user, created_at__gte=hour_ago).count()
        + ImportJob.objects.filter(user=user, created_at__gte=hour_ago).count()
    )
    if recent >= settings.IMPORTS_PER_HOUR:
        raise ImportFailed("too_many_imports")
    quota = (
        settings.TEACHER_DOCUMENT_QUOTA
        if user.has_perm("corpus.publish_document")
        else settings.LEARNER_DOCUMENT_QUOTA
    )
    if Document.objects.filter(owner=user).count() >= quota:
        raise ImportFailed("quota", str(quota))


@dataclass
class ImportResult:
    document: Document
    created: bool


def document_import(
    *,
    preview: Preview,
    filename: str = "",
    user=None,
    visibility: str | None = None,
    title: str = "",
) -> ImportResult:
    """Save a previewed text, or return the document that already holds it (whose stalled or
    failed item generation starts again). `title` is the one the importer confirmed; without it
    the title comes from the text (`suggested_title`)."""
    if user is not None and not user.is_authenticated:
        user = None
    with transaction.atomic():
        existing = existing_copy(preview.sha256, user)
        if existing is not None:
            items_restart_if_stalled(existing)
            return ImportResult(existing, created=False)
        import_allowed(user, now=timezone.now())
        document = Document.objects.create(
            title=(title.strip() or suggested_title(preview.outline, filename))[:300],
            filename=PurePath(filename).name[:255],
            banner=(preview.outline.banner or "")[:300],
            original_text=preview.text,
            encoding=preview.encoding,
            sha256=preview.sha256,
            owner=user,
            visibility=visibility_for(user, visibility),
        )
        _save_articles(document, preview.outline.articles, untitled=document.title)
        items_enqueue(document)
    return ImportResult(document, created=True)


def items_regenerate(document: Document) -> None:
    """Generate a saved document's items again (`import_articles --regenerate`): the keys of
    unchanged facts stay, so learners keep their cards."""
    items_enqueue(document)


def suggested_title(outline: parsing.Outline, filename: str) -> str:
    """A document's title: the page banner, else its first article's title; a text that has none
    (a speech that opens with 同志们：) is named by its file, else by its first heading or the
    opening of its first paragraph, so that no document is listed without a name."""
    if outline.banner:
        return outline.banner
    if outline.articles and outline.articles[0].title:
        return outline.articles[0].title
    if PurePath(filename).stem:
        return PurePath(filename).stem
    sections = [section for article in outline.articles for section in article.sections]
    heading = next((section.heading for section in sections if section.heading), "")
    if heading:
        return heading
    opening = next((section.paragraphs[0].text for section in sections if section.paragraphs), "")
    return opening[:UNTITLED_OPENING] + ("…" if len(opening) > UNTITLED_OPENING else "")


UNTITLED_OPENING = 30  # characters of a paragraph that name a text with no title or heading


def _save_articles(
    document: Document, parsed_articles: list[parsing.Article], *, untitled: str
) -> None:
    """`untitled` names the articles the text gives no title (the document's own)."""
    articles = Article.objects.bulk_create(
        Article(
            document=document,
            position=index,
            title=(parsed.title or untitled)[:300],
            subtitle=(parsed.subtitle or "")[:300],
            authors=list(parsed.authors),
            authors_text="、".join(parsed.authors)[:300],
            column=(parsed.column or "")[:100],
            source=(parsed.source or "")[:200],
            note=(parsed.note or "")[:500],
            date_line=(parsed.date or "")[:100],
            kicker=(parsed.kicker or "")[:300],
            speakers=list(parsed.speakers),
            salutation=(parsed.salutation or "")[:50],
        )
        for index, parsed in enumerate(parsed_articles, start=1)
    )
    section_pairs = [
        (
            Section(
                article=article,
                position=index,
                level=parsed.level,
                heading=(parsed.heading or "")[:300],
            ),
            parsed,
        )
        for article, parsed_article in zip(articles, parsed_articles, strict=True)
        for index, parsed in enumerate(parsed_article.sections, start=1)
    ]
    Section.objects.bulk_create([section for section, _ in section_pairs], batch_size=500)
    paragraph_pairs = []
    for section, parsed_section in section_pairs:
        for index, parsed in enumerate(parsed_section.paragraphs, start=1):
            paragraph_pairs.append(
                (
                    Paragraph(
                        section=section, position=index, text=parsed.text, lists=parsed.lists
                    ),
                    parsed,
                )
            )
    Paragraph.objects.bulk_create([paragraph for paragraph, _ in paragraph_pairs], batch_size=500)
    points = []
    for paragraph, parsed in paragraph_pairs:
        for index, point in enumerate(parsed.points, start=1):
            start = paragraph.text.find(point)
            points.append(
                KeyPoint(
                    paragraph=paragraph,
                    position=index,
                    text=point[:500],
                    start=start if start >= 0 else None,
                )
            )
    KeyPoint.objects.bulk_create(points, batch_size=500)


# PDF and Word files are read in the background (corpus.tasks): the upload stores the file,
# the import page polls the job, and its preview is then parsed from the text (fast).


def import_job_start(*, data: bytes, filename: str, user) -> ImportJob:
    if len(data) > settings.DOCUMENT_MAX_BYTES:
        raise ImportFailed("too_large", "document")
    import_allowed(user, now=timezone.now())
    job = ImportJob.objects.create(user=user, filename=PurePath(filename).name[:255], data=data)
    from corpus.tasks import import_job_read

    # Not on commit: the job row is already saved, and a database queue stores the task in the
    # same transaction, so a worker sees both together (the immediate backend reads it now).
    import_job_read.enqueue(job.pk)
    return job


def import_job_run(job: ImportJob) -> ImportJob:
    """Read the job's file; the file is dropped once read or refused."""
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.READING)
    try:
        text, kind = document_read(bytes(job.data))
    except DecodeError as error:
        job.state, job.error, job.detail = ImportJob.State.FAILED, error.code, error.detail[:200]
    else:
        job.state, job.text, job.format = ImportJob.State.READY, text, kind
    job.data = b""
    job.save(update_fields=["state", "error", "detail", "text", "format", "data", "updated_at"])
    return job


def import_job_preview(job: ImportJob) -> Preview:
    """The preview of a read file; ImportFailed for a refused one or a text with no article."""
    if job.state == ImportJob.State.FAILED:
        raise ImportFailed(job.error, job.detail)
    return preview_of(job.text, job.format, user=job.user)

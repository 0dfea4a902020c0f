"""From text to database rows: the importer's one workflow, all or nothing."""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from corpus import parsing
from corpus.decoding import DecodeError, check_text, decode
from corpus.models import Article, Document, KeyPoint, Paragraph, Section
from quizzes.tasks import items_enqueue

MESSAGES = {
    "empty": _("文件或文本是空的，没有可导入的内容。"),
    "too_large": _("内容超过 5 MB，请分成几部分导入。"),
    "binary": _("这不是文本文件。请上传 .txt 或 .md 文本，或直接粘贴文字。"),
    "unsupported_encoding": _(
        "无法识别文本编码。请使用 UTF-8、GB18030/GBK 或带 BOM 的 UTF-16 保存后再导入。"
    ),
    "no_article": _("没有找到文章：文本应以标题开头，后面是正文段落。"),
}


class ImportFailed(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail

    @property
    def message(self) -> str:
        message = str(MESSAGES[self.code])
        if self.code == "binary" and self.detail:
            message = f"{message} ({self.detail})"
        return message


@dataclass
class Preview:
    """A parsed text before it is saved: what the preview page shows."""

    text: str
    encoding: str
    outline: parsing.Outline
    sha256: str
    existing: Document | None


def text_hash(text: str) -> str:
    return hashlib.sha256(parsing.normalize_text(text).encode("utf-8")).hexdigest()


def document_preview(
    *,
    data: bytes | None = None,
    text: str | None = None,
    encoding: str = "utf-8",
    look_up: bool = True,
) -> Preview:
    """Decode (or check) and parse, saving nothing. Raises ImportFailed with a code.

    ``look_up=False`` skips the database (a dry run works before any migration).
    """
    try:
        if data is not None:
            decoded = decode(data, max_bytes=settings.IMPORT_MAX_BYTES)
            text, encoding = decoded.text, decoded.encoding
        else:
            text = check_text(text or "", max_bytes=settings.IMPORT_MAX_BYTES)
    except DecodeError as error:
        raise ImportFailed(error.code, error.detail) from None
    outline = parsing.parse(text)
    if not outline.articles:
        raise ImportFailed("no_article")
    sha256 = text_hash(text)
    existing = Document.objects.filter(sha256=sha256).first() if look_up else None
    return Preview(text, encoding, outline, sha256, existing)


@dataclass
class ImportResult:
    document: Document
    created: bool


def document_import(*, preview: Preview, filename: str = "", user=None) -> ImportResult:
    """Save a previewed text, or return the document that already holds it."""
    if preview.existing is not None:
        return ImportResult(preview.existing, created=False)
    with transaction.atomic():
        existing = Document.objects.select_for_update().filter(sha256=preview.sha256).first()
        if existing is not None:
            return ImportResult(existing, created=False)
        document = Document.objects.create(
            title=_document_title(preview.outline, filename)[:300],
            filename=PurePath(filename).name[:255],
            banner=(preview.outline.banner or "")[:300],
            original_text=preview.text,
            encoding=preview.encoding,
            sha256=preview.sha256,
            imported_by=user if user is not None and user.is_authenticated else None,
        )
        _save_articles(document, preview.outline.articles)
        items_enqueue(document)
    return ImportResult(document, created=True)


def _document_title(outline: parsing.Outline, filename: str) -> str:
    if outline.banner:
        return outline.banner
    if outline.articles:
        return outline.articles[0].title
    return PurePath(filename).stem


def _save_articles(document: Document, parsed_articles: list[parsing.Article]) -> None:
    articles = Article.objects.bulk_create(
        Article(
            document=document,
            position=index,
            title=parsed.title[:300],
            subtitle=(parsed.subtitle or "")[:300],
            authors=list(parsed.authors),
            authors_text="、".join(parsed.authors)[:300],
            column=(parsed.column or "")[:100],
            source=(parsed.source or "")[:200],
            note=(parsed.note or "")[:500],
            date_line=(parsed.date or "")[:100],
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
                (Paragraph(section=section, position=index, text=parsed.text), parsed)
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

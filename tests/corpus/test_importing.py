import pytest

from corpus.importing import ImportFailed, document_import, document_preview
from corpus.models import Article, Document, KeyPoint, Paragraph, Section
from tests.corpus.samples import (
    LIBRARY_HEADINGS,
    LIBRARY_PAGE,
    LIBRARY_POINTS,
    LIBRARY_TITLE,
    make_document,
)

ALL_MODELS = (Document, Article, Section, Paragraph, KeyPoint)


def row_counts() -> list[int]:
    return [model.objects.count() for model in ALL_MODELS]


@pytest.mark.django_db
def test_it_saves_the_outline_as_queryable_rows():
    document = make_document()

    article = Article.objects.with_outline().get(document=document)
    assert article.title == LIBRARY_TITLE
    assert article.authors == ["林知远"]
    sections = list(article.sections.all())
    assert [s.heading for s in sections if s.level == 1] == LIBRARY_HEADINGS
    points = [p.text for s in sections for para in s.paragraphs.all() for p in para.points.all()]
    assert points == LIBRARY_POINTS
    for point in KeyPoint.objects.select_related("paragraph"):
        assert point.paragraph.text[point.start : point.start + len(point.text)] == point.text
    assert document.original_text == LIBRARY_PAGE
    assert document.encoding == "utf-8"
    assert len(document.sha256) == 64


@pytest.mark.django_db
def test_it_creates_nothing_when_the_same_text_comes_again_in_another_encoding():
    first = make_document()
    before = row_counts()

    preview = document_preview(data=LIBRARY_PAGE.replace("\n", "\r\n").encode("gb18030"))
    assert preview.existing == first
    result = document_import(preview=preview, filename="again.txt")

    assert result.created is False
    assert result.document == first
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 binary", "pdf_broken"),  # a PDF is read now, and this one is broken
        ("Big5 正體中文內容".encode("big5"), "unsupported_encoding"),
        (b"hello world, no Chinese article here", "no_article"),
        (b"x" * (5 * 1024 * 1024 + 1), "too_large"),
    ],
)
def test_it_refuses_bad_input_and_leaves_no_row(data, code):
    with pytest.raises(ImportFailed) as raised:
        document_preview(data=data)
    assert raised.value.code == code
    assert raised.value.message  # a sentence for the user, in the active language
    assert row_counts() == [0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_it_saves_nothing_when_saving_fails_half_way(monkeypatch):
    preview = document_preview(data=LIBRARY_PAGE.encode())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(KeyPoint.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        document_import(preview=preview, filename="x.md")
    assert row_counts() == [0, 0, 0, 0, 0]

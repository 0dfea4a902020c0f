"""read_pdf: a PDF of a text gives the outline parse() gives for the text itself.

The PDFs are made in the test run (tests/corpus/documents.py) from short original texts;
the last tests read the real crawler-made PDF of the shared corpus, when it is there.
"""

import base64
import io
import re
from functools import cache

import pytest
from pdfminer.high_level import extract_text
from pdfminer.pdfpage import PDFPage

from corpus.decoding import DecodeError
from corpus.formats import pdf_tokens, read_document
from corpus.formats.pdf import read_pdf
from corpus.formats.pdf_content import TextRun
from corpus.formats.pdf_layout import page_lines
from corpus.parsing import outline_to_dict, parse
from tests.conftest import CORPUS_DIR, FIXTURE_REQUIRED
from tests.corpus import browser_documents, documents, word_documents
from tests.corpus.documents import NEWS_HEADER, NEWS_LINES, NEWS_TEXT, REPORT_LINES, REPORT_TEXT

REAL_PDF = CORPUS_DIR / "real" / "binary" / "rmrb-20251020-crawler-generated.pdf"
needs_real_pdf = pytest.mark.skipif(
    not REAL_PDF.exists() and not FIXTURE_REQUIRED,
    reason=f"shared corpus PDF not found at {REAL_PDF} (set XUEER_SHARED_CORPUS)",
)
LIMIT = 50 * 1024 * 1024
# Characters a line may not start with in Chinese typesetting: a paragraph that starts
# with one was cut from the paragraph before it.
# (Not "）": the crawler prints a subscript as a paragraph of its own, "M" / "2" / "）…".)
NO_PARAGRAPH_START = tuple("，。、；：？！")
CLOSERS = tuple("。！？；…”’）)!?;：:")


def outline(text: str) -> dict:
    return outline_to_dict(parse(text))


def paragraphs(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def page_count(data: bytes) -> int:
    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))


@cache
def report_pdf(bold_style: str = "stroke") -> bytes:
    return documents.make_report_pdf(bold_style=bold_style)


# --------------------------------------------------------------------------- an A4 report


def test_it_reads_an_a4_report_with_the_outline_of_its_plain_text():
    assert outline(read_pdf(report_pdf())) == outline(REPORT_TEXT)


def summary(text: str) -> list[tuple]:
    """What a reader of the outline sees first: title block, headings with levels, points."""
    return [
        (article.title, article.subtitle, article.date, article.authors)
        + tuple(
            (section.level, section.heading, tuple(section.points)) for section in article.sections
        )
        for article in parse(text).articles
    ]


def test_it_finds_the_reports_title_headings_and_points_as_in_the_plain_text():
    found = summary(read_pdf(report_pdf()))
    assert found == summary(REPORT_TEXT)
    assert found[0][0] == REPORT_LINES[0]
    headings = [(level, heading) for level, heading, _ in found[0][4:] if heading]
    assert headings[:2] == [(1, "2024年工作回顾"), (1, "2025年重点工作")]


def test_it_gives_one_line_per_paragraph_with_the_wrapped_lines_joined():
    assert paragraphs(read_pdf(report_pdf())) == REPORT_LINES


def test_it_rejoins_a_subtitle_centred_on_two_lines():
    data = documents.make_report_pdf(body=16)
    subtitle_start = extract_text(io.BytesIO(data), maxpages=1).splitlines()[2]
    assert REPORT_LINES[1].startswith(subtitle_start) and subtitle_start != REPORT_LINES[1]
    assert paragraphs(read_pdf(data)) == REPORT_LINES


def test_it_rejoins_a_paragraph_cut_by_a_page_break():
    data = report_pdf()
    first_page = [line for line in extract_text(io.BytesIO(data), page_numbers=[0]).splitlines()]
    last_line = [line for line in first_page if line.strip() and "—" not in line][-1]
    cut = [line for line in REPORT_LINES if last_line in line and not line.endswith(last_line)]
    assert page_count(data) >= 2
    assert cut, "the fixture should break a paragraph across pages 1 and 2"
    assert cut[0] in paragraphs(read_pdf(data))


def test_it_drops_the_page_numbers():
    text = read_pdf(report_pdf())
    assert not re.search(r"—\s*\d+\s*—", text)


@pytest.mark.parametrize("page_numbers", ["第 {page} 页", "- {page} -", "{page}"])
def test_it_drops_page_numbers_in_other_forms(page_numbers):
    data = documents.make_report_pdf(page_numbers=page_numbers)
    assert paragraphs(read_pdf(data)) == REPORT_LINES


# --------------------------------------------------------------------------- fake bold


@pytest.mark.parametrize("bold_style", ["double_glyph", "double_line"])
def test_it_reads_glyphs_drawn_twice_once(bold_style):
    data = report_pdf(bold_style)
    assert "青青溪溪" in extract_text(io.BytesIO(data)) or bold_style == "double_line"
    text = read_pdf(data)
    assert paragraphs(text)[0] == REPORT_LINES[0]
    assert outline(text) == outline(REPORT_TEXT)


# --------------------------------------------------------------------------- superscripts and subscripts

SCRIPTED_PLAIN = [documents.scripted_plain(line) for line in documents.SCRIPTED_LINES]


@pytest.mark.parametrize("placing", ["rise", "moved"])
def test_it_keeps_superscripts_and_subscripts_in_their_line_and_paragraph(placing):
    text = read_pdf(documents.make_scripted_pdf(placing=placing))
    assert paragraphs(text) == SCRIPTED_PLAIN
    assert "15.3m²" in text and "10⁴" in text and "CO₂" in text and "PM2.5" in text


def test_it_gives_a_scripted_report_the_outline_of_its_plain_text():
    text = read_pdf(documents.make_scripted_pdf())
    assert outline(text) == outline("\n".join(SCRIPTED_PLAIN) + "\n")


def test_it_keeps_a_small_line_set_a_line_apart_as_a_line_of_its_own():
    # A caption or a note under the text is small too, but a line's height away.
    body = [TextRun(700.0, 72.0, 72.0 + 14 * 20, 14.0, False, "全县森林覆盖率达到百分之七十二。")]
    note = [TextRun(700.0 - 14 * 1.2, 72.0, 72.0 + 9 * 20, 9.0, False, "①按国土调查口径计算。")]
    assert [line.text for line in page_lines(body + note, 0)] == [body[0].text, note[0].text]


# --------------------------------------------------------------------------- a newspaper page


def test_it_reads_a_three_column_newspaper_page_with_the_outline_of_its_plain_text():
    assert outline(read_pdf(documents.make_newspaper_pdf())) == outline(NEWS_TEXT)


def test_it_reads_the_columns_in_order_and_rejoins_paragraphs_across_them():
    assert paragraphs(read_pdf(documents.make_newspaper_pdf())) == NEWS_LINES


def test_it_drops_the_header_of_a_one_page_newspaper():
    text = read_pdf(documents.make_newspaper_pdf())
    assert not any(part.format(page=1) in text for part in NEWS_HEADER)
    assert "- 1 -" not in text


def test_it_follows_an_article_onto_the_next_newspaper_page():
    data = documents.make_newspaper_pdf(body=14, leading=24)
    text = read_pdf(data)
    assert page_count(data) == 2
    assert paragraphs(text) == NEWS_LINES
    assert outline(text) == outline(NEWS_TEXT)
    assert not any(part.format(page=page) in text for part in NEWS_HEADER for page in (1, 2))


# --------------------------------------------------------------------------- a browser's PDF


@cache
def browser_pdf(kind: str) -> bytes | None:
    return browser_documents.make_browser_pdf(kind)


@pytest.mark.parametrize(("kind", "plain"), [("report", REPORT_TEXT), ("news", NEWS_TEXT)])
def test_it_reads_a_pdf_printed_by_a_browser_as_the_plain_text(kind, plain):
    data = browser_pdf(kind)
    if data is None:
        pytest.skip("Chromium or the Noto CJK font is not installed")
    text = read_pdf(data)
    assert paragraphs(text) == paragraphs(plain.replace("\n", "\n\n"))
    assert outline(text) == outline(plain)


def test_it_reads_radicals_a_font_names_for_characters_as_the_characters():
    # Noto CJK names the glyph of 人 "⼈" (KANGXI RADICAL MAN) in its ToUnicode map.
    data = browser_pdf("report")
    if data is None:
        pytest.skip("Chromium or the Noto CJK font is not installed")
    assert "⼈" in extract_text(io.BytesIO(data))
    assert "⼈" not in read_pdf(data) and "人民" in read_pdf(data)


# --------------------------------------------------------------------------- content streams


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (rb"plain", b"plain"),
        (rb"\101\102C", b"ABC"),  # octal escapes, as reportlab writes CJK codes
        (rb"a\(b\)c\\d", b"a(b)c\\d"),
        (rb"tab\tnew\nline", b"tab\tnew\nline"),
        (rb"odd \x and \q", b"odd x and q"),  # unknown escapes keep the character only
        (b"wrapped \\\nline", b"wrapped line"),  # a backslash at a line end joins lines
    ],
)
def test_it_unescapes_literal_strings_as_pdf_does(raw, text):
    assert pdf_tokens.unescape(raw) == text


def test_it_reads_nested_literals_and_skips_inline_image_data():
    stream = b"(a(b)c) Tj BI /W 1 /H 1 ID \x00(\xffEI EI (after) Tj"
    found = [token[0] or token[2] for token in pdf_tokens.tokens(stream)]
    assert found == [b"(a(b)c)", b"Tj", b"BI", None, b"1", None, b"1", b"ID", b"(after)", b"Tj"]


@pytest.mark.parametrize("size", [0, 1, 4, 5, 7, 64, 1001])
def test_it_decodes_ascii85_as_the_standard_library_does(size):
    data = b"\0" * 8 + bytes(range(256)) * 4  # with the "z" shorthand for four zero bytes
    encoded = base64.a85encode(data[:size], wrapcol=60, adobe=True)
    assert pdf_tokens.ascii85(encoded) == data[:size]


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("stamp", [None, "— 1 —"])
def test_it_refuses_a_scan_without_a_text_layer(stamp):
    with pytest.raises(DecodeError) as refused:
        read_pdf(documents.make_scan_pdf(stamp=stamp))
    assert refused.value.code == "pdf_no_text"


def test_it_refuses_a_pdf_that_needs_a_password():
    with pytest.raises(DecodeError) as refused:
        read_pdf(documents.make_encrypted_pdf())
    assert refused.value.code == "pdf_encrypted"


def test_it_reads_a_pdf_that_only_forbids_copying():
    text = read_pdf(documents.make_copy_protected_pdf())
    assert paragraphs(text)[0] == "Qingxi County Work Report"


def test_it_reads_a_chinese_report_that_only_forbids_copying_as_the_plain_text():
    # reportlab leaves the strings naming the font's character collection unencrypted,
    # so decrypted they are noise: the characters come from the CMap's name instead.
    data = documents.make_report_pdf(copy_protected=True)
    assert b"/Encrypt" in data
    assert outline(read_pdf(data)) == outline(REPORT_TEXT)


def test_it_reads_a_report_set_in_vertical_columns_as_the_plain_text():
    data = documents.make_vertical_pdf()
    assert page_count(data) > 1
    text = read_pdf(data)
    assert "— 1 —" not in text
    assert outline(text) == outline(REPORT_TEXT)


def test_it_leaves_a_vertical_note_out_of_a_horizontal_page():
    data = documents.make_report_pdf(vertical_note="内部资料注意保存")
    assert outline(read_pdf(data)) == outline(REPORT_TEXT)


def test_it_refuses_a_truncated_pdf():
    data = report_pdf()
    with pytest.raises(DecodeError) as refused:
        read_pdf(data[: len(data) // 2])
    assert refused.value.code == "pdf_broken"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"%%EOF",
    ],
)
def test_it_refuses_a_pdf_with_a_broken_body(data):
    with pytest.raises(DecodeError) as refused:
        read_pdf(data)
    assert refused.value.code == "pdf_broken"


def test_it_refuses_glyphs_without_a_unicode_mapping():
    data = documents.make_unmapped_pdf()
    assert "(cid:" in extract_text(io.BytesIO(data))  # what other extractors make of it
    with pytest.raises(DecodeError) as refused:
        read_pdf(data)
    assert refused.value.code == "pdf_unmapped"


# --------------------------------------------------------------------------- read_document


def test_it_tells_a_pdf_by_its_signature():
    assert read_document(report_pdf(), max_bytes=LIMIT) == (read_pdf(report_pdf()), "pdf")


def test_it_refuses_a_document_over_the_size_limit():
    with pytest.raises(DecodeError) as refused:
        read_document(report_pdf(), max_bytes=1000)
    assert refused.value.code == "too_large"


@pytest.mark.parametrize(
    "data",
    [
        REPORT_TEXT.encode("utf-8"),
        "说明：本文件不是 %PDF-1.7 文件。".encode(),
        b"\x89PNG\r\n\x1a\n\x00\x00",
        word_documents.make_ole_file("Workbook"),
    ],
)
def test_it_leaves_other_files_to_the_text_decoder(data):
    assert read_document(data, max_bytes=LIMIT) is None


# --------------------------------------------------------------------------- the real PDF


@cache
def real_pdf_text() -> str:
    return read_pdf(REAL_PDF.read_bytes())


@needs_real_pdf
def test_it_finds_the_real_pdf():
    assert REAL_PDF.is_file(), f"the shared corpus PDF is missing at {REAL_PDF}"


@needs_real_pdf
def test_it_puts_the_real_pdfs_title_first():
    first_line = next(line for line in extract_text(str(REAL_PDF), maxpages=1).splitlines() if line)
    assert paragraphs(real_pdf_text())[0] == first_line.strip()


@needs_real_pdf
def test_it_drops_the_real_pdfs_page_numbers():
    assert not [
        line for line in real_pdf_text().splitlines() if re.fullmatch(r"第\s*\d+\s*页", line)
    ]


@needs_real_pdf
def test_it_leaves_no_real_paragraph_hard_wrapped():
    # The crawler breaks lines at about 30 characters: a paragraph of that length that
    # stops mid-sentence is a line the reader failed to join to the next.
    # Headings and contents entries of that length exist too, but a few dozen at most;
    # unjoined lines would be thousands.
    blocks = paragraphs(real_pdf_text())
    wrapped = [block for block in blocks if 27 <= len(block) <= 33 and not block.endswith(CLOSERS)]
    assert len(blocks) > 1000
    assert len(wrapped) < len(blocks) // 30, wrapped[:5]


@needs_real_pdf
def test_it_ends_nearly_every_real_body_paragraph_with_a_sentence_end():
    long_blocks = [block for block in paragraphs(real_pdf_text()) if len(block) >= 60]
    unfinished = [block[-20:] for block in long_blocks if not block.endswith(CLOSERS)]
    assert len(unfinished) < len(long_blocks) // 50, unfinished[:5]


@needs_real_pdf
def test_it_keeps_short_real_paragraphs_to_headings_and_names():
    # Short blocks are headings, bylines, editors' names, the crawler's one-character
    # subscripts (M2 printed as "M" / "2"): a few percent, not the debris of broken joins.
    blocks = paragraphs(real_pdf_text())
    short = [block for block in blocks if len(block) < 10 and not block.endswith(CLOSERS)]
    assert len(short) < len(blocks) // 10


@needs_real_pdf
def test_it_starts_no_real_paragraph_with_closing_punctuation():
    assert not [
        block for block in paragraphs(real_pdf_text()) if block.startswith(NO_PARAGRAPH_START)
    ]

"""read_docx: a Word file of a text gives the outline parse() gives for the text itself.

The Word files are made in the test run (tests/corpus/documents.py); the last tests read
the real provincial reports of the shared corpus, when they are there.
"""

import io
import re
import zipfile

import docx
import pytest

from corpus.decoding import DecodeError
from corpus.formats import read_document
from corpus.formats.docx import read_docx
from corpus.formats.docx_numbering import NUMBER_FORMATS, chinese_number
from corpus.parsing import outline_to_dict, parse
from tests.conftest import CORPUS_DIR, FIXTURE_REQUIRED
from tests.corpus import word_documents
from tests.corpus.documents import REPORT_LINES, REPORT_TEXT

REAL_DIR = CORPUS_DIR / "real" / "binary"
REAL_DOCX = [
    "beijing-gov-report-2025.docx",
    "guangdong-gov-report-2025.docx",
    "shanghai-gov-report-2025.docx",
]
needs_real_docx = pytest.mark.skipif(
    not REAL_DIR.is_dir() and not FIXTURE_REQUIRED,
    reason=f"shared corpus Word files not found in {REAL_DIR} (set XUEER_SHARED_CORPUS)",
)
LIMIT = 50 * 1024 * 1024
# "来源：北京日报", "来源 : 南方日报": the source line under a provincial report's title.
SOURCE_LINE = re.compile(r"来源\s*[:：]\s*\S{2,10}")


def outline(text: str) -> dict:
    return outline_to_dict(parse(text))


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n\n") if line.strip()]


def refusal(data: bytes) -> str:
    with pytest.raises(DecodeError) as refused:
        read_docx(data)
    return refused.value.code


# --------------------------------------------------------------------------- automatic numbering


def test_it_reads_auto_numbered_headings_with_the_outline_of_the_plain_text():
    assert outline(read_docx(word_documents.make_numbered_docx())) == outline(REPORT_TEXT)


def test_it_writes_the_numbering_labels_into_the_text():
    data = word_documents.make_numbered_docx()
    plain = [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]
    assert not any(
        text.startswith(("一、", "（一）")) for text in plain
    )  # labels are numbering only
    assert lines(read_docx(data)) == REPORT_LINES


def test_it_restarts_a_level_after_a_higher_level_and_formats_each_level():
    data = word_documents.make_numbering_docx(
        [(5, 0, "总则"), (5, 1, "目的"), (5, 1, "范围"), (5, 0, "分则"), (5, 1, "要求"),
         (5, 2, "细目"), (5, 2, "细目"), (5, 1, "期限"), (5, 2, "细目")]
    )  # fmt: skip
    assert lines(read_docx(data)) == [
        "第一章 总则", "1. 目的", "2. 范围", "第二章 分则", "1. 要求",
        "甲、细目", "乙、细目", "2. 期限", "甲、细目",
    ]  # fmt: skip


def test_it_restarts_a_list_where_a_new_num_overrides_its_start():
    data = word_documents.make_numbering_docx(
        [(2, 0, "甲"), (2, 0, "乙"), (3, 0, "丙"), (3, 0, "丁")]
    )
    assert lines(read_docx(data)) == ["（一）甲", "（二）乙", "（一）丙", "（二）丁"]


def test_it_continues_a_list_across_nums_sharing_one_definition():
    data = word_documents.make_numbering_docx([(2, 0, "甲"), (2, 0, "乙"), (4, 0, "丙")])
    assert lines(read_docx(data)) == ["（一）甲", "（二）乙", "（三）丙"]


def test_it_counts_an_empty_numbered_paragraph_but_skips_it():
    data = word_documents.make_numbering_docx(
        [(2, 0, "甲"), (2, 0, ""), (2, 0, "丙"), (0, 0, "正文")]
    )
    assert lines(read_docx(data)) == ["（一）甲", "（三）丙", "正文"]


@pytest.mark.parametrize(
    ("number", "chinese"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"),
     (101, "一百零一"), (110, "一百一十"), (1001, "一千零一"), (10001, "一万零一")],
)  # fmt: skip
def test_it_counts_in_chinese(number, chinese):
    assert chinese_number(number) == chinese
    assert NUMBER_FORMATS["chineseCountingThousand"](number) == chinese


@pytest.mark.parametrize(
    ("fmt", "number", "label"),
    [("decimal", 12, "12"), ("decimalZero", 3, "03"), ("chineseLegalSimplified", 11, "壹拾壹"),
     ("ideographTraditional", 3, "丙"), ("ideographZodiac", 13, "子"), ("upperRoman", 14, "XIV"),
     ("lowerLetter", 28, "bb"), ("decimalEnclosedCircle", 3, "③"), ("ideographDigital", 2025, "二〇二五")],
)  # fmt: skip
def test_it_formats_the_other_number_formats(fmt, number, label):
    assert NUMBER_FORMATS[fmt](number) == label


# --------------------------------------------------------------------------- styles and spacing


def test_it_reads_heading_styles_indents_and_empty_paragraphs_as_the_plain_text():
    text = read_docx(word_documents.make_styled_docx())
    assert lines(text) == REPORT_LINES
    assert outline(text) == outline(REPORT_TEXT)


def test_it_drops_em_space_and_ideographic_space_indents():
    text = read_docx(word_documents.make_styled_docx())
    assert not re.search(r"^[ \t\xa0\u2003\u3000]", text, re.MULTILINE)
    assert "\n\n\n" not in text  # empty paragraphs leave no empty lines


# --------------------------------------------------------------------------- text boxes and notes


def test_it_reads_a_text_box_once_where_it_is_anchored():
    data = word_documents.make_text_box_docx(
        [
            ("", ["青溪县政府工作报告"], ""),  # a title drawn in a box, anchored first
            ("全县经济平稳增长。", ["亮点", "规上工业增加值增长百分之八"], "民生持续改善。"),
            ("今年要抓好三件事。", [], ""),
        ]
    )
    assert lines(read_docx(data)) == [
        "青溪县政府工作报告",
        "全县经济平稳增长。民生持续改善。",
        "亮点",
        "规上工业增加值增长百分之八",
        "今年要抓好三件事。",
    ]  # the VML copy Word keeps of each box is not read again


def test_it_reads_a_legacy_vml_text_box():
    data = word_documents.make_text_box_docx(
        [("", ["青溪县政府工作报告"], ""), ("全县经济平稳增长。", [], "")], vml_only=True
    )
    assert lines(read_docx(data)) == ["青溪县政府工作报告", "全县经济平稳增长。"]


def test_it_gives_a_report_titled_in_a_text_box_the_outline_of_the_plain_text():
    title, first, *rest = REPORT_LINES
    data = word_documents.make_text_box_docx(
        [("", [title], first), *((line, [], "") for line in rest)]
    )
    assert outline(read_docx(data)) == outline(REPORT_TEXT)


def test_it_leaves_footnotes_endnotes_and_their_marks_out_of_the_body():
    data = word_documents.make_noted_docx(
        [
            [("坚持以人民为中心", "footnote", None), ("，推动高质量发展。", "", None)],
            [("加快建设创新型国家", "endnote", "①"), ("。", "", None)],
            [("全面推进乡村振兴", "footnote", "*"), ("。", "", None)],
        ]
    )
    text = read_docx(data)
    assert lines(text) == [
        "坚持以人民为中心，推动高质量发展。",
        "加快建设创新型国家。",
        "全面推进乡村振兴。",
    ]
    assert "注：" not in text  # the notes are in the file, but not in the body


def test_it_finds_the_key_points_of_noted_sentences_without_marks():
    data = word_documents.make_noted_docx(
        [
            [("青溪县政府工作报告", "", None)],
            [("加快建设创新型县城", "footnote", "①"), ("。全县新建产业园两个。", "", None)],
        ]
    )
    points = [p for s in outline(read_docx(data))["articles"][0]["sections"] for p in s["points"]]
    assert points == ["加快建设创新型县城"]


# --------------------------------------------------------------------------- refusals


def test_it_refuses_an_old_binary_doc():
    assert refusal(word_documents.make_ole_file("WordDocument", "1Table")) == "doc_legacy"


def test_it_refuses_a_wps_document():
    assert refusal(word_documents.make_ole_file("WpsCustomData", "WordDocument")) == "wps"
    assert refusal(word_documents.make_ole_file("CONTENTS", "MatOST")) == "wps"


@pytest.mark.parametrize(("with_project", "macro_type"), [(True, False), (False, True)])
def test_it_refuses_a_document_with_macros(with_project, macro_type):
    assert (
        refusal(word_documents.make_docm(with_project=with_project, macro_type=macro_type))
        == "docx_macro"
    )


@pytest.mark.parametrize("make", [word_documents.make_zip_bomb, word_documents.make_lying_zip])
def test_it_refuses_a_zip_bomb_from_its_directory(make):
    assert refusal(make()) == "zip_bomb"


def test_it_refuses_a_truncated_docx():
    data = word_documents.make_styled_docx()
    assert refusal(data[: len(data) // 2]) == "docx_broken"


def test_it_refuses_a_zip_that_is_no_word_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("notes.txt", "学而时习之")
    assert refusal(buffer.getvalue()) == "docx_broken"


def test_it_refuses_a_word_file_without_text():
    assert refusal(word_documents.make_numbering_docx([(0, 0, ""), (0, 0, "\u3000")])) == "empty"


def test_it_reads_tables_row_by_row():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(
        table.rows, [("指标", "目标"), ("地区生产总值增长", "5%左右")], strict=True
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    assert lines(read_docx(buffer.getvalue())) == ["指标", "目标", "地区生产总值增长", "5%左右"]


def test_it_refuses_bytes_that_are_not_a_zip():
    assert refusal("学而时习之".encode()) == "docx_broken"


# --------------------------------------------------------------------------- read_document


def test_it_tells_a_word_file_by_its_content():
    data = word_documents.make_numbered_docx()
    assert read_document(data, max_bytes=LIMIT) == (read_docx(data), "docx")


def test_it_refuses_an_old_doc_through_read_document():
    with pytest.raises(DecodeError) as refused:
        read_document(word_documents.make_ole_file("WordDocument"), max_bytes=LIMIT)
    assert refused.value.code == "doc_legacy"


def test_it_leaves_other_zip_files_to_the_text_decoder():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert read_document(buffer.getvalue(), max_bytes=LIMIT) is None


# --------------------------------------------------------------------------- the real files


@needs_real_docx
@pytest.mark.parametrize("name", REAL_DOCX)
def test_it_reads_a_real_report_with_its_title_first(name):
    data = (REAL_DIR / name).read_bytes()
    first = next(
        p.text.strip() for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()
    )
    text = read_docx(data)
    assert lines(text)[0] == first
    assert parse(text).articles[0].title == first


@needs_real_docx
@pytest.mark.parametrize("name", REAL_DOCX)
def test_it_keeps_a_real_reports_source_line_as_a_line(name):
    text = read_docx((REAL_DIR / name).read_bytes())
    assert [line for line in lines(text)[:4] if SOURCE_LINE.fullmatch(line)]


@needs_real_docx
@pytest.mark.parametrize("name", REAL_DOCX)
def test_it_reads_every_paragraph_of_a_real_report_once(name):
    data = (REAL_DIR / name).read_bytes()
    paragraphs = [
        p.text.strip() for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()
    ]
    text = read_docx(data)
    assert lines(text) == paragraphs  # no numbering in these: the text is the paragraphs'
    assert not re.search(r"^[ \t\xa0\u2003\u3000]", text, re.MULTILINE)


@needs_real_docx
@pytest.mark.parametrize("name", REAL_DOCX)
def test_it_finds_the_parts_of_a_real_report(name):
    # Each opens with "一、2024年工作回顾" and a second part for the year ahead.
    sections = parse(read_docx((REAL_DIR / name).read_bytes())).articles[0].sections
    assert len([section for section in sections if section.level == 1]) >= 2

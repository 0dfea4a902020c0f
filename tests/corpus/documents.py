"""Fixtures for the format tests, made in the test run: make_*() builders.

The texts (document_texts.py) are original, one paragraph per line as a user's .txt copy
has them; the builders lay the same text out as a PDF here (reportlab, with its built-in
Chinese CID font STSong-Light) or as a Word file (python-docx, word_documents.py, whose
builders are named here too), so each format can be checked against parse() of the text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from tests.corpus.document_texts import (
    NEWS_HEADER,
    NEWS_LINES,
    NEWS_TEXT,
    REPORT_LINES,
    REPORT_TEXT,
    SCRIPTED_LINES,
)
from tests.corpus.word_documents import (
    make_docm,
    make_lying_zip,
    make_noted_docx,
    make_numbered_docx,
    make_numbering_docx,
    make_ole_file,
    make_styled_docx,
    make_text_box_docx,
    make_zip_bomb,
)

# The Word builders live in word_documents.py; they are named here too, so that one module
# holds every fixture builder.
__all__ = [
    "NEWS_HEADER",
    "NEWS_LINES",
    "NEWS_TEXT",
    "REPORT_LINES",
    "REPORT_TEXT",
    "SCRIPTED_LINES",
    "make_copy_protected_pdf",
    "make_docm",
    "make_encrypted_pdf",
    "make_lying_zip",
    "make_newspaper_pdf",
    "make_noted_docx",
    "make_numbered_docx",
    "make_numbering_docx",
    "make_ole_file",
    "make_report_pdf",
    "make_scan_pdf",
    "make_scripted_pdf",
    "make_styled_docx",
    "make_text_box_docx",
    "make_unmapped_pdf",
    "make_vertical_pdf",
    "make_zip_bomb",
    "wrap",
]

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
# The same font in vertical writing mode (UniGB-UCS2-V), registered under a name of its own:
# reportlab names both after the face.
VERTICAL_FONT = "STSong-Light-V"
_vertical = UnicodeCIDFont(FONT, isVertical=True)
_vertical.name = _vertical.fontName = VERTICAL_FONT
pdfmetrics.registerFont(_vertical)

# Characters a line may not start with: Chinese typesetting hangs them on the line above.
NO_LINE_START = set("，。、；：？！”’）》…")
FAKE_BOLD_OFFSET = 0.2


@dataclass
class _Style:
    size: float
    bold: bool = False
    indent: int = 0  # first-line indent, in characters
    centred: bool = False
    space_before: float = 0.0


def wrap(text: str, size: float, width: float, indent: int = 0) -> list[str]:
    """Greedy line breaking by glyph width, hanging closing punctuation as typesetters do."""
    lines, line, used = [], "", indent * size
    for char in text:
        advance = pdfmetrics.stringWidth(char, FONT, size)
        if line and used + advance > width and char not in NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += advance
    return [*lines, line] if line else lines


class _Pen:
    """Draws strings in one of the ways PDF writers embolden a CID font with no bold face."""

    def __init__(self, canvas: Canvas, bold_style: str) -> None:
        self.canvas = canvas
        self.bold_style = bold_style
        self.size: float | None = None

    def font(self, size: float) -> None:
        # reportlab writes a text block for every setFont: only when the size changes.
        if size != self.size:
            self.canvas.setFont(FONT, size)
            self.size = size

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False) -> None:
        canvas = self.canvas
        if not bold:
            self.font(size)
            canvas.drawString(x, y, text)
        elif self.bold_style == "stroke":
            # The render mode is graphics state: saved and restored, or the rest of the
            # page would be drawn bold too.
            canvas.saveState()
            writer = canvas.beginText(x, y)
            writer.setFont(FONT, size)
            writer.setTextRenderMode(2)
            writer.textOut(text)
            canvas.setLineWidth(size / 30)
            canvas.drawText(writer)
            canvas.restoreState()
        elif self.bold_style == "double_glyph":
            self.font(size)
            for char in text:
                canvas.drawString(x, y, char)
                canvas.drawString(x + FAKE_BOLD_OFFSET, y, char)
                x += pdfmetrics.stringWidth(char, FONT, size)
        else:  # "double_line": the whole line drawn again, nudged
            self.font(size)
            canvas.drawString(x, y, text)
            canvas.drawString(x + FAKE_BOLD_OFFSET, y + FAKE_BOLD_OFFSET, text)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.size = None  # a new page starts with no font set

    def width(self, text: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, FONT, size)


def _report_style(number: int, line: str, body: float) -> tuple[_Style, int]:
    """How the report sets a line, and how many of its characters are a bold run-in head."""
    if number == 0:
        return _Style(body * 1.5, bold=True, centred=True), 0
    if number == 1 and line.startswith("——"):
        return _Style(body, centred=True, space_before=body), 0
    if line[:1] in "一二三四五六七八九十" and "、" in line[:4]:
        return _Style(body * 1.15, bold=True, space_before=body * 0.6), 0
    if line.startswith("（") and "。" in line:
        return _Style(body, indent=2), line.index("。") + 1
    return _Style(body, indent=0 if line.endswith("：") else 2), 0


def make_report_pdf(
    lines: list[str] = REPORT_LINES,
    *,
    bold_style: str = "stroke",
    body: float = 15.0,
    page_numbers: str = "— {page} —",
    copy_protected: bool = False,
    vertical_note: str | None = None,
) -> bytes:
    """An A4 report: a larger bold title, a centred subtitle, larger bold headings, body
    paragraphs hard-wrapped with a two-character indent, `— N —` page numbers.
    `copy_protected`: encrypted with an owner password only (opens without one, forbids
    copying), as a copy-protected report is published. `vertical_note`: a note set in a
    vertical column in the right margin of the first page ("内部资料"), as a stamp is."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buffer = io.BytesIO()
    lock = StandardEncryption("", ownerPassword="owner-qingxi", canCopy=0)
    canvas = Canvas(buffer, pagesize=A4, encrypt=lock if copy_protected else None)
    pen = _Pen(canvas, bold_style)
    width, height = A4
    left, right, top, bottom = 72.0, width - 72.0, height - 80.0, 90.0
    page, y = 1, top
    if vertical_note:
        canvas.setFont(VERTICAL_FONT, 10.5)
        canvas.drawString(width - 40, top, vertical_note)
    for number, line in enumerate(lines):
        style, bold_head = _report_style(number, line, body)
        leading = style.size * 1.8
        y -= style.space_before
        for row, text in enumerate(wrap(line, style.size, right - left, style.indent)):
            if y < bottom:
                pen.text(width / 2 - 20, 50, page_numbers.format(page=page), 10.5)
                pen.new_page()
                page, y = page + 1, top
            x = left + (style.indent * style.size if row == 0 else 0)
            if style.centred:
                x = (width - pen.width(text, style.size)) / 2
            head = text[:bold_head] if row == 0 else ""
            if head:
                pen.text(x, y, head, style.size, bold=True)
            pen.text(
                x + pen.width(head, style.size), y, text[len(head) :], style.size, bold=style.bold
            )
            y -= leading
    pen.text(width / 2 - 20, 50, page_numbers.format(page=page), 10.5)
    pen.new_page()
    canvas.save()
    return buffer.getvalue()


def make_vertical_pdf(lines: list[str] = REPORT_LINES, *, body: float = 14.0) -> bytes:
    """The report set in vertical columns (竖排), right to left: the title larger and the
    subtitle centred in their columns, the first column of each paragraph indented two
    characters, `— N —` page numbers set horizontally under the columns."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    right, left, top, bottom = width - 72.0, 72.0, height - 72.0, 100.0
    page, x = 1, right

    def page_number() -> None:
        canvas.setFont(FONT, 10.5)
        canvas.drawCentredString(width / 2, 60, f"— {page} —")

    for number, line in enumerate(lines):
        style, _bold_head = _report_style(number, line, body)
        per_column = int((top - bottom) // style.size)
        columns, column, used = [], "", style.indent
        for char in line:  # every glyph of a vertical font advances one em down
            if column and used >= per_column and char not in NO_LINE_START:
                columns.append(column)
                column, used = "", 0
            column += char
            used += 1
        columns.append(column)
        x -= style.space_before
        for row, text in enumerate(columns):
            if x < left:
                page_number()
                canvas.showPage()
                page, x = page + 1, right
            canvas.setFont(VERTICAL_FONT, style.size)
            y = top - (style.indent * style.size if row == 0 else 0)
            if style.centred:
                y = top - (top - bottom - len(text) * style.size) / 2
            canvas.drawString(x - style.size / 2, y, text)
            x -= style.size * 1.8
    page_number()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_newspaper_pdf(
    lines: list[str] = NEWS_LINES, *, columns: int = 3, body: float = 11.0, leading: float = 17.0
) -> bytes:
    """A newspaper page in three columns under a spanning title and byline, with a page
    header (paper, date, page name) and `- N -` page numbers; the article runs on to a
    second page when it is long enough."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    pen = _Pen(canvas, "stroke")
    width, height = A4
    margin, gutter = 40.0, 14.0
    column_width = (width - 2 * margin - (columns - 1) * gutter) / columns

    def furniture(page: int) -> None:
        paper, date, name = NEWS_HEADER
        pen.text(margin, height - 36, paper, 9)
        pen.text((width - pen.width(date, 9)) / 2, height - 36, date, 9)
        name = name.format(page=page)
        pen.text(width - margin - pen.width(name, 9), height - 36, name, 9)
        canvas.line(margin, height - 42, width - margin, height - 42)
        pen.text(width / 2 - 10, 28, f"- {page} -", 9)

    page, column = 1, 0
    furniture(page)
    title, byline, *paragraphs = lines
    pen.text((width - pen.width(title, 24)) / 2, height - 100, title, 24, bold=True)
    pen.text((width - pen.width(byline, 11)) / 2, height - 128, byline, 11)
    column_top = height - 160
    y = column_top
    for paragraph in paragraphs:
        heading = paragraph[:1] in "一二三四五六七八九十" and "、" in paragraph[:4]
        indent = 0 if heading else 2
        if heading and y != column_top:
            y -= leading / 2
        for row, text in enumerate(wrap(paragraph, body, column_width, indent)):
            if y < 60:
                column += 1
                if column == columns:
                    pen.new_page()
                    page, column = page + 1, 0
                    furniture(page)
                    column_top = height - 70
                y = column_top
            x = margin + column * (column_width + gutter) + (indent * body if row == 0 else 0)
            pen.text(x, y, text, body, bold=heading)
            y -= leading
    pen.new_page()
    canvas.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------- scripts

SCRIPT_MARKUP = re.compile(r"([\^_])\{([^}]*)\}")
SCRIPT_SIZE = 0.6  # of the body size
SCRIPT_SHIFT = {"^": 0.4, "_": -0.15}  # baseline shift, in body sizes


def scripted_plain(line: str) -> str:
    """A line of SCRIPTED_LINES as its plain text: digits raised or lowered in Unicode's
    forms where every character of the script has one (m², 10⁴, CO₂, not PM2.5)."""
    raised = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    lowered = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

    def plain(match: re.Match) -> str:
        kind, text = match.groups()
        forms = text.translate(raised if kind == "^" else lowered)
        return text if set(forms) & set(text) else forms

    return SCRIPT_MARKUP.sub(plain, line)


def _script_units(line: str) -> list[tuple[str, str]]:
    """(kind, text) units to lay out: each character of the line ("" kind), each script
    whole ("^" or "_"), never put at the start of a line."""
    units: list[tuple[str, str]] = []
    end = 0
    for match in SCRIPT_MARKUP.finditer(line):
        units += [("", char) for char in line[end : match.start()]]
        units.append((match[1], match[2]))
        end = match.end()
    return units + [("", char) for char in line[end:]]


def make_scripted_pdf(
    lines: list[str] = SCRIPTED_LINES, *, placing: str = "rise", body: float = 14.0
) -> bytes:
    """A one-page report whose scripts are set smaller and off the baseline, as word
    processors print them: with the text rise operator inside the line's text object
    (`placing="rise"`), or each drawn at its own position (`placing="moved"`)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    left, right = 72.0, width - 72.0
    y = height - 90.0
    for number, line in enumerate(lines):
        size = body * 1.4 if number == 0 else body
        indent = 0 if number == 0 or line[:1] in "一二三四五六七八九十" else 2
        rows: list[list[tuple[str, str]]] = [[]]
        used = indent * size
        for kind, text in _script_units(line):
            unit_size = size * SCRIPT_SIZE if kind else size
            advance = pdfmetrics.stringWidth(text, FONT, unit_size)
            if (
                rows[-1]
                and used + advance > right - left
                and not kind
                and text not in NO_LINE_START
            ):
                rows.append([])
                used = 0.0
            rows[-1].append((kind, text))
            used += advance
        for row, units in enumerate(rows):
            x = left + (indent * size if row == 0 else 0)
            writer = canvas.beginText(x, y)
            for kind, text in units:
                unit_size = size * SCRIPT_SIZE if kind else size
                shift = SCRIPT_SHIFT.get(kind, 0.0) * size
                if placing == "rise":
                    writer.setFont(FONT, unit_size)
                    writer.setRise(shift)
                    writer.textOut(text)
                else:
                    canvas.setFont(FONT, unit_size)
                    canvas.drawString(x, y + shift, text)
                x += pdfmetrics.stringWidth(text, FONT, unit_size)
            if placing == "rise":
                canvas.drawText(writer)
            y -= size * 1.8
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDFs to refuse


def make_scan_pdf(*, stamp: str | None = None) -> bytes:
    """A page that is only a picture of text, as a scanner makes it (maybe with a page
    number stamped on as text)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    picture = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(picture)
    for row in range(40, 560, 18):
        draw.rectangle((40, row, 380, row + 8), fill=40)  # lines of "print"
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawImage(ImageReader(picture), 0, 0, *A4)
    if stamp:
        _Pen(canvas, "stroke").text(280, 30, stamp, 10)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_encrypted_pdf(*, user_password: str = "qingxi") -> bytes:
    """The start of the report, encrypted by reportlab with a password to open it."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buffer = io.BytesIO()
    lock = StandardEncryption(user_password, ownerPassword="owner-qingxi", canCopy=0)
    canvas = Canvas(buffer, pagesize=A4, encrypt=lock)
    pen = _Pen(canvas, "stroke")
    y = 760.0
    for line in REPORT_LINES[:5]:
        for text in wrap(line, 12, 450):
            pen.text(72, y, text, 12)
            y -= 22
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_unmapped_pdf() -> bytes:
    """The report with its font's character mapping taken away: the codes are read as
    CIDs of an unknown character collection, with no ToUnicode map, so extractors print
    (cid:N). The replacements keep every byte offset, so the file stays valid."""
    data = make_report_pdf(REPORT_LINES[:6])
    for old, new in (
        (b"/Encoding /UniGB-UCS2-H", b"/Encoding /Identity-H  "),
        (b"/Ordering (GB1)", b"/Ordering (XYZ)"),
    ):
        assert old in data, old
        data = data.replace(old, new)
    return data


def make_copy_protected_pdf() -> bytes:
    """A PDF that opens without a password but forbids copying (owner password only).
    Latin text in a standard font: reportlab leaves the CID font's CIDSystemInfo strings
    encrypted in a way pdfminer does not decrypt, which would hide the test's point."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buffer = io.BytesIO()
    lock = StandardEncryption("", ownerPassword="owner-qingxi", canCopy=0)
    canvas = Canvas(buffer, pagesize=A4, encrypt=lock)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(72, 760, "Qingxi County Work Report")
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "The county economy grew by 5.6 percent last year.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()

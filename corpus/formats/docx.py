"""Word (.docx) bytes to the text a user's .txt copy of the document would hold.

One paragraph per line with a blank line between (so the parser never runs a title into
the line under it), automatic numbering written out as text ("（一）坚持……"), empty
paragraphs skipped, indents of em or ideographic spaces dropped. python-docx (MIT) opens
the package and gives the styles and the numbering part; the paragraphs are walked on its
lxml tree, so tables, text inserted with tracked changes and content controls count too.

Text boxes (a title or a boxed summary drawn as a shape) are read where they are anchored:
their paragraphs come before the paragraph that holds them, or after it when the box sits
behind some of its text. Each box is read once, though Word stores it twice (the drawing
and a VML copy for older readers).

Footnotes and endnotes are left out, and so are their reference marks, a custom mark
("①", "*") included. What a learner studies is the body: its sentences become key points
and blanks, and a mark left in one ("坚持以人民为中心①") would be learnt with it; the notes
themselves, in policy and theory texts mostly the sources of quotations, are no part of the
argument to learn. (A report's 名词解释 written out as paragraphs is body text, and the parser
reads it as the report's glossary.)

Refused, each with its `DecodeError` code: an old binary .doc (`doc_legacy`), a WPS or
Works document (`wps`), a document with macros (`docx_macro`), an archive that would
unpack to far more than it weighs (`zip_bomb`, judged from the zip directory before
anything is extracted), anything else that is not a readable .docx (`docx_broken`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from corpus.decoding import DecodeError
from corpus.formats.docx_numbering import Numbering

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# Names of streams inside an OLE compound file, as its directory stores them (UTF-16LE):
# Kingsoft WPS and Microsoft Works write their own; Word writes WordDocument.
WPS_STREAMS = tuple(name.encode("utf-16-le") for name in ("WpsCustomData", "KSOProduct", "MatOST"))
WORD_STREAM = "WordDocument".encode("utf-16-le")
MACRO_CONTENT_TYPE = b"application/vnd.ms-word.document.macroEnabled"
MACRO_PART = "vbaproject.bin"

# Limits read from the zip directory before anything is extracted. A real report of a
# few megabytes unpacks to tens; XML compresses about tenfold, images not at all.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 100  # for a member over RATIO_FLOOR; deflate tops out near 1000
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 5000

HEADING_STYLES = ("heading", "title", "标题")
# Run content that is text, and what it reads as in a .txt copy.
RUN_TEXT = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
# Where a paragraph's runs sit: directly, or inside links, tracked insertions and moves,
# fields, smart tags and content controls. Deleted and moved-away text (w:del,
# w:moveFrom) is left out, as Word shows the document.
RUN_PATHS = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:moveTo/w:r | ./w:fldSimple/w:r"
    " | ./w:smartTag/w:r | ./w:customXml/w:r | ./w:sdt/w:sdtContent/w:r | ./w:hyperlink/w:ins/w:r"
)
# A footnote or endnote reference; with customMarkFollows its mark is the text after it.
NOTE_REFERENCES = (qn("w:footnoteReference"), qn("w:endnoteReference"))
ON = ("1", "true", "on")
# Markup compatibility (ECMA-376 part 3): a reader that understands a Choice skips the
# Fallback, where Word keeps a VML copy of the same text box.
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
TEXT_BOX = qn("w:txbxContent")
# Removed text, as Word shows the document: its text boxes go with it.
REMOVED = (qn("w:del"), qn("w:moveFrom"))


def read_docx(data: bytes) -> str:
    if data.startswith(OLE_SIGNATURE):
        raise DecodeError(ole_kind(data) or "doc_legacy")
    if not data.startswith(ZIP_SIGNATURE):
        raise DecodeError("docx_broken", "not a zip archive")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DecodeError("docx_broken", "unreadable zip") from None
    check_archive(members)
    names = {member.filename for member in members}
    if any(name.lower().rsplit("/", 1)[-1] == MACRO_PART for name in names):
        raise DecodeError("docx_macro")
    try:
        content_types = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DecodeError("docx_broken", "no content types") from None
    if MACRO_CONTENT_TYPE in content_types:
        raise DecodeError("docx_macro")
    try:
        text = document_text(docx.Document(BytesIO(data)))
    except Exception as error:
        # python-docx and lxml fail on a damaged part with anything from KeyError to
        # XMLSyntaxError; to the user they all mean the same.
        raise DecodeError("docx_broken", type(error).__name__) from None
    if not text:
        raise DecodeError("empty")  # as the text decoder says of an empty file
    return text


def ole_kind(data: bytes) -> str | None:
    """The refusal code for a WPS/Works file ("wps") or a Word binary file ("doc_legacy"),
    None for other OLE files (an .xls, a .ppt). Directory names are searched as bytes: no
    OLE parser is needed for that."""
    if any(name in data for name in WPS_STREAMS):
        return "wps"
    if WORD_STREAM in data:
        return "doc_legacy"
    return None


def check_archive(members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from its directory alone. Python's zipfile then stops each member
    at its declared size, so a directory that lies cannot unpack more than it says."""
    if len(members) > MAX_MEMBERS:
        raise DecodeError("zip_bomb", f"{len(members)} members")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise DecodeError("zip_bomb", member.filename)
    if total > MAX_UNPACKED:
        raise DecodeError("zip_bomb", f"{total} bytes")


# --------------------------------------------------------------------------- text


def document_text(document: Any) -> str:
    reader = _Reader(document)
    lines = [
        line for paragraph in _paragraphs(document.element.body) if (line := reader.line(paragraph))
    ]
    return "\n\n".join(lines) + "\n" if lines else ""


def _paragraphs(container: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, table cells and content controls included."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            before, after = _text_boxes(child)
            for box in before:
                yield from _paragraphs(box)
            yield child
            for box in after:
                yield from _paragraphs(box)
        elif child.tag == qn("w:tbl"):
            # Row by row, cell by cell; a table inside a cell is read in that cell.
            for row in child.iterfind(qn("w:tr")):
                for cell in row.iterfind(qn("w:tc")):
                    yield from _paragraphs(cell)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _paragraphs(content)
        elif child.tag == qn("w:customXml"):
            yield from _paragraphs(child)


class _Reader:
    def __init__(self, document: Any) -> None:
        part = document.part
        self.styles: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        links: dict[str, str] = {}
        for style in part.styles.element.iterfind(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self.styles[style_id] = style
            name = style.find(qn("w:name"))
            self.names[style_id] = (name.get(qn("w:val")) if name is not None else "") or ""
            if (num := _num_pr(style)) is not None and num[0]:
                links[style_id] = num[0]
        try:
            numbering = part.part_related_by(RT.NUMBERING).element
        except KeyError:
            numbering = None
        self.numbering = Numbering(numbering, links)

    def line(self, paragraph: Any) -> str:
        label = ""
        if (num := self._numbering(paragraph)) is not None:
            label = self.numbering.label(*num)  # counted even if the paragraph is empty
        text = _paragraph_text(paragraph).strip()
        if not text:
            return ""
        if self._is_heading(paragraph):
            # A heading broken with line breaks is still one heading.
            text = "".join(part.strip() for part in text.splitlines())
        return label + text

    def _style_chain(self, paragraph: Any) -> Iterator[Any]:
        properties = paragraph.find(qn("w:pPr"))
        style_id = _val(properties, "w:pStyle")
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = _val(self.styles[style_id], "w:basedOn")

    def _numbering(self, paragraph: Any) -> tuple[str, int] | None:
        direct = _num_pr(paragraph)
        num_id, level = direct if direct is not None else (None, None)
        for style in self._style_chain(paragraph):
            if num_id is not None and level is not None:
                break
            if (inherited := _num_pr(style)) is not None:
                num_id = num_id if num_id is not None else inherited[0]
                level = level if level is not None else inherited[1]
        if not num_id or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, level or 0

    def _is_heading(self, paragraph: Any) -> bool:
        for style in self._style_chain(paragraph):
            name = self.names.get(style.get(qn("w:styleId")), "").lower()
            if name.startswith(HEADING_STYLES) or _val(style.find(qn("w:pPr")), "w:outlineLvl"):
                return True
        return _val(paragraph.find(qn("w:pPr")), "w:outlineLvl") is not None


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _num_pr(element: Any) -> tuple[str | None, int | None] | None:
    properties = element.find(qn("w:pPr"))
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is None:
        return None
    level = _val(numbering, "w:ilvl")
    return _val(numbering, "w:numId"), int(level) if level and level.isdigit() else None


def _text_boxes(paragraph: Any) -> tuple[list[Any], list[Any]]:
    """The text boxes anchored in a paragraph (not those inside them, read with their box):
    those before any of its text, and those after some."""
    before: list[Any] = []
    after: list[Any] = []
    if paragraph.find(".//" + TEXT_BOX) is None:  # most paragraphs: a quick look first
        return before, after
    text_seen = False
    stack = [paragraph]
    while stack:
        element = stack.pop()
        if element.tag == TEXT_BOX:
            (after if text_seen else before).append(element)
            continue
        if element.tag == qn("w:t") and (element.text or "").strip():
            text_seen = True
        children = [
            child
            for child in element.iterchildren()
            if isinstance(child.tag, str)  # not a comment or a processing instruction
            and child.tag not in REMOVED
            and not (child.tag == MC_FALLBACK and element.find(MC_CHOICE) is not None)
        ]
        stack.extend(reversed(children))  # document order
    return before, after


def _paragraph_text(paragraph: Any) -> str:
    pieces: list[str] = []
    custom_mark = False  # a note reference's own mark is still to come
    for run in paragraph.xpath(RUN_PATHS):
        for child in run.iterchildren():
            if child.tag in NOTE_REFERENCES:
                custom_mark = child.get(qn("w:customMarkFollows")) in ON
            elif child.tag == qn("w:sym"):
                custom_mark = False  # the mark was a symbol glyph, not read as text
            elif child.tag == qn("w:t"):
                if custom_mark:
                    custom_mark = False
                    continue
                pieces.append(child.text or "")
            elif child.tag in RUN_TEXT:
                pieces.append(RUN_TEXT[child.tag])
    return "".join(pieces)

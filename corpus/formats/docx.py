"""Word (.docx) bytes to the text a user's .txt copy of the document would hold.

One paragraph per line with a blank line between (so the parser never runs a title into
the line under it), automatic numbering written out as text ("（一）坚持……"), empty
paragraphs skipped, indents of em or ideographic spaces dropped. python-docx (MIT) opens
the package and gives the styles and the numbering part; the paragraphs are walked on its
lxml tree, so tables, text inserted with tracked changes and content controls count too.

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
            yield child
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


def _paragraph_text(paragraph: Any) -> str:
    pieces: list[str] = []
    for run in paragraph.xpath(RUN_PATHS):
        for child in run.iterchildren():
            if child.tag == qn("w:t"):
                pieces.append(child.text or "")
            elif child.tag in RUN_TEXT:
                pieces.append(RUN_TEXT[child.tag])
    return "".join(pieces)

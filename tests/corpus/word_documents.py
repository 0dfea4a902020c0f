"""Word fixtures made in the test run: make_*() builders over the report of documents.py.

python-docx writes the documents; numbering.xml, macros, zip bombs and OLE files are
written by hand, since python-docx makes none of them.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml import parse_xml

from tests.corpus.document_texts import REPORT_LINES

# --------------------------------------------------------------------------- Word files

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# numbering.xml as Word writes it for a Chinese report: "一、" headings (chineseCounting,
# "%1、") and "（一）" headings (chineseCounting, "（%1）") as two lists; the second list is
# restarted in each part by a new w:num with a startOverride, as Word does.
NUMBERING_XML = f"""
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="10">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="11">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="12">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>
      <w:lvlText w:val="%3、"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="11"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="11"/></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>
"""
HEADING_LABEL = ("一二三四五六七八九十", "、")


def _numbered(paragraph, num_id: int, level: int = 0) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def _with_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING_XML):
        numbering.append(child)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _label(line: str) -> tuple[str, str] | None:
    """("part" | "sub", text without its label) for a numbered heading line."""
    if line[:1] in HEADING_LABEL[0] and "、" in line[:4]:
        return "part", line[line.index("、") + 1 :]
    if line.startswith("（") and "）" in line[:5]:
        return "sub", line[line.index("）") + 1 :]
    return None


def make_numbered_docx(lines: list[str] = REPORT_LINES) -> bytes:
    """The report as Word writes it with automatic numbering: no "一、" or "（一）" in the
    text, only w:numPr pointing at numbering.xml. Each part restarts its "（一）" list."""
    document = docx.Document()
    _with_numbering(document)
    sub_list = 2
    for line in lines:
        label = _label(line)
        if label is None:
            document.add_paragraph(line)
        elif label[0] == "part":
            _numbered(document.add_paragraph(label[1]), 1)
            sub_list = 3 if sub_list == 2 else 2  # a fresh restart for the next part
        else:
            _numbered(document.add_paragraph(label[1]), 3 if sub_list == 3 else 2)
    return _save(document)


def make_numbering_docx(items: list[tuple[int, int, str]]) -> bytes:
    """Paragraphs (numId, level, text) numbered by NUMBERING_XML, numId 0 for none."""
    document = docx.Document()
    _with_numbering(document)
    for num_id, level, text in items:
        paragraph = document.add_paragraph(text)
        if num_id:
            _numbered(paragraph, num_id, level)
    return _save(document)


def make_styled_docx(lines: list[str] = REPORT_LINES) -> bytes:
    """The report with Word's own styles: Title, Heading 1 for "一、" parts, body text
    indented with em spaces or ideographic spaces, and empty paragraphs between."""
    document = docx.Document()
    title, *rest = lines
    # A title broken by a line break is still one title.
    document.add_paragraph(style="Title").add_run(title[:7]).add_break()
    document.paragraphs[-1].add_run(title[7:])
    for number, line in enumerate(rest):
        if _label(line) and _label(line)[0] == "part":
            document.add_heading(line, level=1)
        else:
            indent = "\u2003\u2003" if number % 2 else "\u3000\u3000"
            document.add_paragraph(indent + line)
        if number % 3 == 0:
            document.add_paragraph("")
            document.add_paragraph("\u3000 ")
    return _save(document)


def make_zip_bomb() -> bytes:
    """A .docx-shaped zip whose document part inflates a thousandfold."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def make_lying_zip() -> bytes:
    """A .docx whose zip directory claims its document part unpacks to 3 GB."""
    data = bytearray(_save(docx.Document()))
    directory = data.rfind(b"PK\x01\x02", 0)
    name = b"word/document.xml"
    while directory != -1:
        name_length = int.from_bytes(data[directory + 28 : directory + 30], "little")
        if bytes(data[directory + 46 : directory + 46 + name_length]) == name:
            data[directory + 24 : directory + 28] = (3 * 1024**3).to_bytes(4, "little")
            return bytes(data)
        directory = data.rfind(b"PK\x01\x02", 0, directory)
    raise AssertionError("no central directory entry for the document part")


WORD_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"


def make_docm(*, with_project: bool = True, macro_type: bool = False) -> bytes:
    """A Word file with macros: a vbaProject.bin part, or the macro-enabled content type."""
    source = zipfile.ZipFile(io.BytesIO(_save(docx.Document())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if macro_type and member.filename == "[Content_Types].xml":
                data = data.replace(WORD_MAIN_TYPE, MACRO_MAIN_TYPE)
            archive.writestr(member, data)
        if with_project:
            archive.writestr("word/vbaProject.bin", b"\xcc\x61" + b"\0" * 64)
    return buffer.getvalue()


def make_ole_file(*streams: str) -> bytes:
    """The start of an OLE compound file (the container of .doc, .wps, .xls) whose
    directory names these streams, as far as a reader that only looks needs it."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    header += b"\0" * (512 - len(header))
    directory = b""
    for name in ("Root Entry", *streams):
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry = encoded + b"\0" * (64 - len(encoded)) + len(encoded).to_bytes(2, "little")
        directory += entry + b"\0" * (128 - len(entry))
    return header + directory + b"\0" * 1024

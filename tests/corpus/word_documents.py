"""Word fixtures made in the test run: make_*() builders over the report of documents.py.

python-docx writes the documents; numbering.xml, text boxes, footnotes and endnotes, macros,
zip bombs and OLE files are written by hand, since python-docx makes none of them.
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


# Namespaces of a text box as Word 2010 and later write it: the drawing (wps) in an
# mc:AlternateContent whose Fallback holds the same text again as VML, for older readers.
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"


def _box_content(lines: list[str]) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return f"<w:txbxContent>{paragraphs}</w:txbxContent>"


def _text_box_run(lines: list[str], *, vml_only: bool = False) -> object:
    """A run holding a floating text box with these lines, as Word writes it."""
    vml = (
        '<w:pict><v:shape style="width:200pt;height:60pt">'
        f"<v:textbox>{_box_content(lines)}</v:textbox></v:shape></w:pict>"
    )
    if vml_only:  # Word 2003 and WPS: the VML shape alone
        body = vml
    else:
        body = (
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:txbx>{_box_content(lines)}</wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>"
        )
    return parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:wp="{WP_NS}"'
        f' xmlns:a="{A_NS}" xmlns:v="{V_NS}">{body}</w:r>'
    )


def make_text_box_docx(
    paragraphs: list[tuple[str, list[str], str]], *, vml_only: bool = False
) -> bytes:
    """Paragraphs (text before the box, the box's lines, text after it); a paragraph
    without box lines has none."""
    document = docx.Document()
    for before, box, after in paragraphs:
        paragraph = document.add_paragraph(before)
        if box:
            paragraph._p.append(_text_box_run(box, vml_only=vml_only))
        if after:
            paragraph.add_run(after)
    return _save(document)


NOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
NOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"


def _note_reference(kind: str, number: int, mark: str | None) -> object:
    custom = ' w:customMarkFollows="1"' if mark else ""
    text = f"<w:t>{mark}</w:t>" if mark else ""
    return parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:{kind}Reference w:id="{number}"{custom}/>{text}</w:r>'
    )


def _notes_part(kind: str, notes: list[str]) -> str:
    # The separators Word writes as notes -1 and 0, then one note per reference.
    entries = "".join(
        f'<w:{kind} w:id="{number}"><w:p><w:r><w:{kind}Ref/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for number, text in enumerate(notes, start=1)
    )
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
    )
    return f'<w:{kind}s xmlns:w="{W_NS}">{separators}{entries}</w:{kind}s>'


def make_noted_docx(paragraphs: list[list[tuple[str, str, str | None]]]) -> bytes:
    """Paragraphs as pieces (text, note kind "footnote" | "endnote" | "" for none, custom
    mark or None): each noted piece is followed by its reference; the notes' own text is
    "注：" and the piece, in word/footnotes.xml and word/endnotes.xml."""
    document = docx.Document()
    notes: dict[str, list[str]] = {"footnote": [], "endnote": []}
    for pieces in paragraphs:
        paragraph = document.add_paragraph()
        for text, kind, mark in pieces:
            paragraph.add_run(text)
            if kind:
                notes[kind].append(f"注：{text}")
                paragraph._p.append(_note_reference(kind, len(notes[kind]), mark))
    source = zipfile.ZipFile(io.BytesIO(_save(document)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "[Content_Types].xml":
                overrides = "".join(
                    f'<Override PartName="/word/{kind}s.xml" ContentType="{NOTES_TYPE.format(kind=kind)}"/>'
                    for kind in notes
                )
                data = data.replace(b"</Types>", overrides.encode() + b"</Types>")
            elif member.filename == "word/_rels/document.xml.rels":
                relationships = "".join(
                    f'<Relationship Id="rIdNotes{kind}" Type="{NOTES_RELATIONSHIP.format(kind=kind)}"'
                    f' Target="{kind}s.xml"/>'
                    for kind in notes
                )
                data = data.replace(
                    b"</Relationships>", relationships.encode() + b"</Relationships>"
                )
            archive.writestr(member, data)
        for kind, texts in notes.items():
            archive.writestr(f"word/{kind}s.xml", _notes_part(kind, texts))
    return buffer.getvalue()


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

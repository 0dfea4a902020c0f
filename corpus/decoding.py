"""Bytes to text for the importer: which encodings 学而 reads, and why a file is refused.

Pure Python (no Django) so it can be tested on plain bytes. Every refusal is a
``DecodeError`` with a ``code``; the web form and the command turn the code
into a message in the user's language.
"""

import codecs
import re
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024

# Signatures of files people upload by mistake, so the message can name them.
BINARY_SIGNATURES = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP/DOCX",
    b"\xd0\xcf\x11\xe0": "DOC/XLS",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x7fELF": "ELF",
}

# Decoded text is accepted as GB18030 only if nearly all its Chinese characters
# are in GB2312, the 6,763 common characters every real page is written in.
# Text in another encoding (Big5, Shift-JIS, Latin-1) also decodes as GB18030,
# but into rare characters, which this ratio exposes.
GB2312_SHARE_MIN = 0.9


# Files the text decoder hands to the PDF and Word readers (corpus.formats) instead: PDF, ZIP
# (a .docx, or something posing as one) and OLE (an old .doc or .wps, which they refuse by name).
DOCUMENT_SIGNATURES = {b"%PDF": "pdf", b"PK\x03\x04": "docx", b"\xd0\xcf\x11\xe0": "docx"}


# Control characters other than tab and line ends (C0, DEL, C1), and the bidirectional
# overrides that make a line read differently from how it is stored: removed from every
# imported text, so none reaches the database, a page or a terminal raw.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def remove_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def document_format(data: bytes) -> str | None:
    """ "pdf" or "docx" when the bytes are for a document reader, None for text (or other binaries)."""
    head = data[:1024].lstrip(b"\x00\t\n\r ")
    return next((kind for sign, kind in DOCUMENT_SIGNATURES.items() if head.startswith(sign)), None)


class DecodeError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, *, max_bytes: int = MAX_BYTES) -> Decoded:
    if len(data) > max_bytes:
        raise DecodeError("too_large", str(len(data)))
    if not data.strip():
        raise DecodeError("empty")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DecodeError("unsupported_encoding", "UTF-32")
    decoded = _decode(data)
    text = remove_controls(decoded.text)
    if not text.strip():
        raise DecodeError("empty")
    return Decoded(text, decoded.encoding)


def _decode(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data[3:], "utf-8"), "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE):
        return Decoded(_strict(data[2:], "utf-16-le"), "utf-16")
    if data.startswith(codecs.BOM_UTF16_BE):
        return Decoded(_strict(data[2:], "utf-16-be"), "utf-16")
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DecodeError("binary", kind)
    # A text file has no NUL; one early on is a binary file (or UTF-16 without its mark). A
    # stray one further in is removed with the other control characters.
    if b"\x00" in data[:8192]:
        raise DecodeError("binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DecodeError("unsupported_encoding") from None
    if not looks_like_gb_text(text):
        raise DecodeError("unsupported_encoding")
    return Decoded(text, "gb18030")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DecodeError("unsupported_encoding", encoding) from None


def looks_like_gb_text(text: str) -> bool:
    hanzi = [ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003ffff"]
    if not hanzi:
        # No Chinese at all, yet not valid UTF-8: some other single-byte encoding.
        return False
    common = 0
    for ch in hanzi:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(hanzi) >= GB2312_SHARE_MIN


def check_text(text: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The checks ``decode`` makes, for text that arrives already decoded (pasted, or read
    from a PDF or Word file): the text without its control characters."""
    if len(text.encode("utf-8")) > max_bytes:
        raise DecodeError("too_large")
    text = remove_controls(text)
    if not text.strip():
        raise DecodeError("empty")
    return text

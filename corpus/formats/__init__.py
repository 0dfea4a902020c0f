"""PDF and Word files to the text the parser reads, for the importer (pure Python, no Django).

`read_document(data, max_bytes=...)` tells a PDF or a Word file from anything else by its
signature and content and returns (text, format name); for anything else it returns None,
so the text decoder (corpus.decoding) takes the bytes. Refusals are `DecodeError`s with a
code, as the text decoder's are.
"""

from __future__ import annotations

from corpus.decoding import DecodeError
from corpus.formats.docx import OLE_SIGNATURE, ZIP_SIGNATURE, ole_kind, read_docx
from corpus.formats.pdf import HEADER_BYTES, TAIL_BYTES, read_pdf

__all__ = ["read_docx", "read_document", "read_pdf"]

# A zip is a Word file if it holds Word's main part; its name sits in the zip directory
# in plain bytes, so no extraction is needed to tell (an .xlsx or .epub is left alone).
WORD_MARKERS = (b"word/document.xml", b"wordprocessingml", b"macroEnabled.main+xml")


def read_document(data: bytes, *, max_bytes: int) -> tuple[str, str] | None:
    if len(data) > max_bytes:
        raise DecodeError("too_large", str(len(data)))
    if _is_pdf(data):
        return read_pdf(data), "pdf"
    if data.startswith(OLE_SIGNATURE):
        if kind := ole_kind(data):
            raise DecodeError(kind)
        return None  # an .xls or .ppt: the decoder names it as binary
    if data.startswith(ZIP_SIGNATURE) and any(marker in data for marker in WORD_MARKERS):
        return read_docx(data), "docx"
    return None


def _is_pdf(data: bytes) -> bool:
    # The header may follow a little junk; a text file that merely mentions "%PDF-" has
    # no cross-reference trailer at its end.
    if data.startswith(b"%PDF-"):
        return True
    tail = data[-TAIL_BYTES:]
    return b"%PDF-" in data[:HEADER_BYTES] and (b"startxref" in tail or b"%%EOF" in tail)

"""PDF bytes to the text a user's .txt copy of the document would hold.

pdfminer.six (MIT) parses the file, decrypts it and builds its fonts; pdf_content reads
the pages' text runs, pdf_layout orders them and drops page furniture, pdf_paragraphs
rebuilds the paragraphs. Every refusal is a `DecodeError` whose code names the reason,
as for text files.
"""

from __future__ import annotations

import logging
from io import BytesIO

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from corpus.decoding import DecodeError
from corpus.formats.pdf_content import GlyphCount, PageReader
from corpus.formats.pdf_layout import Line, drop_furniture, frames, page_lines, reading_order
from corpus.formats.pdf_paragraphs import Paragraphs, body_style

# A file cut short (an interrupted download) has no end-of-file marker near its end;
# pdfminer would read whatever pages survive, and half a report is worse than none.
TAIL_BYTES = 4096
HEADER_BYTES = 1024  # the %PDF- header may follow some junk, but not much (PDF 32000-1, 7.5.2)
# Share of glyphs without a character above which the text would be (cid:N) noise.
UNMAPPED_SHARE = 0.02
# Fewer visible characters per page than this: a scan (maybe with a stamped page number).
MIN_CHARS_PER_PAGE = 5
GUTTER = 0.8  # the narrowest gap between two columns, in body font sizes

# pdfminer reports every oddity of a damaged file as a warning; the refusal says enough.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pdf(data: bytes) -> str:
    if b"%PDF-" not in data[:HEADER_BYTES]:
        raise DecodeError("pdf_broken", "no PDF header")
    if b"%%EOF" not in data[-TAIL_BYTES:]:
        raise DecodeError("pdf_broken", "truncated")
    try:
        pages, heights, count = _read_pages(data)
    except DecodeError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DecodeError("pdf_encrypted") from None
    except Exception as error:
        # pdfminer fails on damaged files with anything from PSEOF to KeyError and
        # struct.error; they all mean the same to the user.
        raise DecodeError("pdf_broken", type(error).__name__) from None
    if not pages:
        raise DecodeError("pdf_broken", "no pages")
    if count.unmapped > UNMAPPED_SHARE * (count.shown + count.unmapped):
        raise DecodeError("pdf_unmapped", f"{count.unmapped} of {count.shown + count.unmapped}")
    visible = sum(len(line.text.replace(" ", "")) for lines in pages for line in lines)
    if visible < MIN_CHARS_PER_PAGE * len(pages):
        raise DecodeError("pdf_no_text")
    return lines_to_text(pages, heights)


def _read_pages(data: bytes) -> tuple[list[list[Line]], list[float], GlyphCount]:
    # An empty user password opens a file that is only protected against editing or
    # copying: a viewer shows it without asking, so it is read. One that asks is refused.
    document = PDFDocument(PDFParser(BytesIO(data)), password="")
    count = GlyphCount()
    reader = PageReader(PDFResourceManager(caching=True), count)
    pages: list[list[Line]] = []
    heights: list[float] = []
    for number, page in enumerate(PDFPage.create_pages(document)):
        pages.append(page_lines(reader.read(page), number))
        # A page read turned (vertical columns) is as high as the page is wide.
        box = page.mediabox
        heights.append(float(box[2] - box[0] if reader.vertical else box[3] - box[1]))
    return pages, heights, count


def lines_to_text(pages: list[list[Line]], heights: list[float]) -> str:
    body, bold_sets_apart = body_style([line for lines in pages for line in lines])
    drop_furniture(pages, heights, body)
    ordered = [line for lines in pages for line in reading_order(lines, GUTTER * body)]
    paragraphs = Paragraphs({}, body, bold_sets_apart)
    # The columns' measures come from body lines only: a title is wider, a caption narrower.
    in_body = {id(line) for line in ordered if paragraphs.style(line) == "body"}
    paragraphs.frames = frames(ordered, in_body)
    return paragraphs.text(ordered)

"""PDF content streams to positioned text runs: the per-glyph work of the PDF reader.

pdfminer.six opens the document, decrypts it, walks the page tree and builds the fonts.
Its content-stream interpreter, though, costs about ten times a jieba pass over the same
text, mostly in its byte-by-byte tokenizer and in one layout object per glyph. So this
module tokenizes each stream with one regular expression and runs only the operators
that place text (PDF 32000-1, chapter 9), turning each text-showing operator into
`TextRun`s: a baseline, a font size, a left and right edge, and the text.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any, NamedTuple

from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, list_value, resolve1
from pdfminer.psparser import PSLiteral

from corpus.decoding import DecodeError
from corpus.formats.pdf_fonts import FontGlyphs, describe_font
from corpus.formats.pdf_tokens import (
    FILTERS,
    NUMBER_START,
    ascii85,
    hex_string,
    tokens,
    unescape,
)
from corpus.formats.pdf_tokens import name as name_text

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# Decompressed content may not grow past this: a few megabytes of deflated zeros
# would otherwise expand to gigabytes in memory.
MAX_CONTENT_BYTES = 64 * 1024 * 1024
MAX_FORM_DEPTH = 8  # Form XObjects inside Form XObjects, deeper than real files go

# A glyph this far right of the previous one starts a new run: the gutter between two
# columns, or words spaced apart on a header line ("2025年3月6日      要闻").
RUN_GAP = 1.5  # in font sizes
# Space glyphs are text, kept as the user would see them ("领航定向  驾驭发展"); only a
# stretch of them this wide (a header spaced across the page) separates two runs.
SPACE_GAP = 4.0
# A glyph repeated within this distance is the same glyph drawn twice ("fake bold").
DOUBLE_DRAW = 0.3  # in font sizes
# Text render mode 2 fills and strokes each glyph: how PDF writers embolden a CID font
# that has no bold face.
FILL_STROKE = 2
# Glyphs that only move the pen: a run starts at its first visible glyph, so a line
# indented with ideographic spaces ("　　") shows its indent as its left edge.
BLANK = frozenset(" \t\xa0\u2002\u2003\u3000")

OPEN_MARK = object()
# The operators that place text or move the coordinate system (PDF 32000-1, 8.4.4, 9.3,
# 9.4); the other ~60 only draw.
OPERATORS = frozenset(b"Tj TJ Td TD Tf Tm T* BT Tc Tw Tz TL Ts Tr q Q cm Do".split()) | {b"'", b'"'}


class TextRun(NamedTuple):
    y: float  # baseline, in points from the bottom of the page
    x0: float
    x1: float  # right edge of the last glyph that is not a space
    size: float  # font size on the page, in points
    bold: bool
    text: str


@dataclass
class GlyphCount:
    """Glyphs seen in the whole document, to tell a scan or an unmapped font from text."""

    shown: int = 0
    unmapped: int = 0


@dataclass(slots=True)
class _State:
    """The graphics state that matters for text (PDF 32000-1, 8.4 and 9.3)."""

    ctm: Matrix = IDENTITY
    font: FontGlyphs | None = None
    size: float = 0.0
    charspace: float = 0.0
    wordspace: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0

    def copy(self) -> _State:
        return _State(*(getattr(self, name) for name in self.__slots__))  # type: ignore[attr-defined]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _literal_name(value: object) -> str:
    return value.name if isinstance(value, PSLiteral) else str(value)


class PageReader:
    """Runs the text operators of one document's pages; fonts are shared between pages."""

    def __init__(self, resources: PDFResourceManager, count: GlyphCount) -> None:
        self.resources = resources
        self.count = count
        self.fonts: dict[int, FontGlyphs] = {}
        self.budget = MAX_CONTENT_BYTES
        self.runs: list[TextRun] = []
        self.vertical_runs: list[TextRun] = []
        self.page_height = 0.0
        self.vertical = False  # the last page read is set in vertical columns

    def read(self, page: PDFPage) -> list[TextRun]:
        """The page's text runs. A page set mostly in vertical columns (竖排) is read turned a
        quarter turn: each column a line, the rightmost first, its top at the left, so that
        the layout and paragraph passes read it as they read a horizontal page; its few
        horizontal runs (a page number) are dropped then, as vertical ones are otherwise."""
        # The page's /Rotate is ignored on purpose: text is laid out in the page's own
        # unrotated coordinates, which is the order it is read in.
        x0, y0 = page.mediabox[0], page.mediabox[1]
        self.page_height = float(page.mediabox[3] - y0)
        self.runs, self.vertical_runs = [], []
        streams = page.contents if isinstance(page.contents, list) else [page.contents]
        self._render(page.resources, streams, (1.0, 0.0, 0.0, 1.0, -x0, -y0), frozenset())
        vertical_chars = sum(len(run.text) for run in self.vertical_runs)
        self.vertical = vertical_chars > sum(len(run.text) for run in self.runs)
        return self.vertical_runs if self.vertical else self.runs

    # ------------------------------------------------------------------ streams and resources

    def _stream_bytes(self, stream: PDFStream) -> bytes:
        filters = [(_literal_name(name), params) for name, params in stream.get_filters()]
        data = stream.rawdata
        if (
            data is not None
            and stream.decipher is None
            and all(name in FILTERS and not params for name, params in filters)
        ):
            try:
                for name, _ in filters:
                    if FILTERS[name] == "flate":
                        # Inflated with a ceiling rather than all at once (a deflate bomb).
                        data = zlib.decompressobj().decompress(data, self.budget + 1)
                    else:
                        data = ascii85(data)
            except (zlib.error, ValueError):
                data = stream.get_data()  # pdfminer recovers what it can of a bad stream
        else:
            data = stream.get_data()
        self.budget -= len(data)
        if self.budget < 0:
            raise DecodeError("pdf_broken", "content streams too large")
        return data

    def _render(self, resources: Any, streams: list[Any], ctm: Matrix, seen: frozenset) -> None:
        resources = dict_value(resources) if resources else {}
        fonts = dict_value(resources.get("Font", {}))
        forms = dict_value(resources.get("XObject", {}))
        data = [resolve1(ref) for ref in streams]
        content = b"\n".join(self._stream_bytes(s) for s in data if isinstance(s, PDFStream))
        self._execute(content, fonts, forms, _State(ctm), seen)

    def _font(self, fonts: dict[Any, Any], name: str) -> FontGlyphs | None:
        spec = fonts.get(name)
        if spec is None:
            return None
        # Keyed by the font's object: pages share fonts, and pdfminer builds each once.
        key = spec.objid if isinstance(spec, PDFObjRef) else id(spec)
        described = self.fonts.get(key)
        if described is None:
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            font = self.resources.get_font(objid, dict_value(spec))
            described = self.fonts[key] = describe_font(font)
        return described

    def _form(self, forms: dict[Any, Any], name: str, ctm: Matrix, seen: frozenset) -> None:
        form = resolve1(forms.get(name))
        if not isinstance(form, PDFStream) or _literal_name(form.get("Subtype")) != "Form":
            return  # an image: nothing to read
        key = form.objid if form.objid is not None else id(form)
        if key in seen or len(seen) >= MAX_FORM_DEPTH:
            return  # a form that draws itself, or nesting no real file has
        matrix = tuple(float(value) for value in list_value(form.get("Matrix", IDENTITY)))
        self._render(form.get("Resources"), [form], _multiply(matrix, ctm), seen | {key})  # type: ignore[arg-type]

    # ------------------------------------------------------------------ operators

    def _execute(
        self,
        data: bytes,
        fonts: dict[Any, Any],
        forms: dict[Any, Any],
        state: _State,
        seen: frozenset,
    ) -> None:
        stack: list[Any] = []
        saved: list[_State] = []
        line: Matrix = IDENTITY  # the text line matrix; `advance` is measured along it
        advance = 0.0
        for word, name, literal, _nested, hexa, opening, closing in tokens(data):
            if word:
                if word[0] in NUMBER_START:
                    try:
                        stack.append(float(word))
                        continue
                    except ValueError:
                        pass
            elif literal:
                stack.append(unescape(literal[1:-1]))
                continue
            elif name:
                stack.append(name_text(name))
                continue
            elif hexa:
                stack.append(hex_string(hexa))
                continue
            elif opening:
                stack.append(OPEN_MARK)
                continue
            elif closing:
                if OPEN_MARK in stack:
                    at = len(stack) - 1 - stack[::-1].index(OPEN_MARK)
                    items = stack[at + 1 :]
                    del stack[at:]
                    stack.append(items if closing == b"]" else None)
                continue
            else:
                continue  # a comment
            if word not in OPERATORS:
                stack.clear()  # drawing, colour, marked content: nothing to read
                continue
            try:
                if word == b"Tj" or word == b"TJ":
                    shown = stack[-1]
                    items = shown if isinstance(shown, list) else [shown]
                    advance = self._show(items, state, line, advance)
                elif word == b"Td" or word == b"TD":
                    if word == b"TD":
                        state.leading = -stack[-1]
                    line = _multiply((1, 0, 0, 1, stack[-2], stack[-1]), line)
                    advance = 0.0
                elif word == b"Tf":
                    state.font = self._font(fonts, stack[-2])
                    state.size = stack[-1]
                elif word == b"Tm":
                    line = _multiply(tuple(stack[-6:]), IDENTITY)  # type: ignore[arg-type]
                    advance = 0.0
                elif word == b"T*" or word == b"'" or word == b'"':
                    if word == b'"':
                        state.wordspace, state.charspace = stack[-3], stack[-2]
                    line = _multiply((1, 0, 0, 1, 0, -state.leading), line)
                    advance = 0.0
                    if word != b"T*":
                        advance = self._show([stack[-1]], state, line, advance)
                elif word == b"BT":
                    line, advance = IDENTITY, 0.0
                elif word == b"Tc":
                    state.charspace = stack[-1]
                elif word == b"Tw":
                    state.wordspace = stack[-1]
                elif word == b"Tz":
                    state.scale = stack[-1] / 100
                elif word == b"TL":
                    state.leading = stack[-1]
                elif word == b"Ts":
                    state.rise = stack[-1]
                elif word == b"Tr":
                    state.render = int(stack[-1])
                elif word == b"q":
                    saved.append(state.copy())
                elif word == b"Q":
                    if saved:
                        state = saved.pop()
                elif word == b"cm":
                    state.ctm = _multiply(tuple(stack[-6:]), state.ctm)  # type: ignore[arg-type]
                elif word == b"Do":
                    self._form(forms, stack[-1], state.ctm, seen)
            except (IndexError, TypeError, ValueError, ZeroDivisionError):
                pass  # an operator with missing or wrong operands: readers skip it
            stack.clear()

    def _show(self, items: list[Any], state: _State, line: Matrix, advance: float) -> float:
        """Place the glyphs of one text-showing operator; returns the pen's new advance."""
        font = state.font
        if font is None:
            return advance
        a, b, c, d, e, f = _multiply(line, state.ctm)
        scale = state.size * state.scale  # text-space units per glyph-width unit
        tc, tw = state.charspace * state.scale, state.wordspace * state.scale
        size = abs(state.size * d)
        # Rotated or mirrored text (a watermark, a stamp) is counted, since it still proves
        # a text layer, but is never laid out with the body.
        placed = size > 0 and a > 0 and d > 0 and abs(b) < 1e-3 * a and abs(c) < 1e-3 * d
        if font.vertical:
            return self._show_vertical(items, state, (d, e, f), advance, placed)
        bold = font.bold or state.render == FILL_STROKE
        y = d * state.rise + f
        gap, space_gap, double = RUN_GAP * size, SPACE_GAP * size, DOUBLE_DRAW * size
        glyphs, new_glyph, codes = font.glyphs, font.glyph, font.codes
        # Spacing that keeps every glyph right of the one before lets whole strings take
        # the fast path: no glyph can be a double draw or far from its neighbour.
        simple = 0 <= tc < gap
        runs: list[TextRun] = []
        chars: list[str] = []
        start = right = last_x = -1e9
        last_text = ""
        shown = unmapped = 0
        for item in items:
            if not isinstance(item, bytes):
                if isinstance(item, float):
                    move = -item / 1000 * scale
                    advance += move
                    if chars and (move * a < -double or move * a > gap):
                        # Drawn back over itself (a double draw) or far ahead: a new run.
                        _flush(runs, y, start, right, size, bold, chars)
                        chars = []
                continue
            entries = [glyphs.get(code) or new_glyph(code) for code in codes(item)]
            if not entries:
                continue
            texts = [entry[0] for entry in entries]
            if simple and None not in texts and BLANK.isdisjoint(texts):
                x = e + a * advance
                width = sum([entry[1] for entry in entries]) * scale + tc * len(entries)
                if chars and x - right > gap:
                    _flush(runs, y, start, right, size, bold, chars)
                    chars = []
                if not chars:
                    start = x
                chars += texts
                advance += width
                right = e + a * (advance - tc)
                last_text, last_x = texts[-1], right - a * entries[-1][1] * scale
                shown += len(texts)
                continue
            for text, width, space in entries:
                x = e + a * advance
                advance += width * scale + tc + (tw if space else 0.0)
                if text is None:
                    unmapped += 1
                    continue
                shown += 1
                if text in BLANK:
                    if chars:
                        chars.append(" ")
                    continue
                if chars:
                    if x - right > (space_gap if chars[-1] == " " else gap):
                        _flush(runs, y, start, right, size, bold, chars)
                        chars = []
                    elif text == last_text and abs(x - last_x) < double:
                        bold = True  # the same glyph again at the same place
                        continue
                if not chars:
                    start = x
                chars.append(text)
                last_text, last_x = text, x
                right = x + a * width * scale
        if chars:
            _flush(runs, y, start, right, size, bold, chars)
        self.count.shown += shown
        self.count.unmapped += unmapped
        if placed:
            self.runs += runs
        return advance

    def _show_vertical(
        self, items: list[Any], state: _State, place: tuple, advance: float, placed: bool
    ) -> float:
        """Place the glyphs of one operator in a vertical font (writing mode 1): the pen
        moves down by each glyph's vertical displacement (PDF 32000-1, 9.4.4; pdfminer
        gives it as the width of a vertical font's glyph, -1000 by default). The column
        becomes a run turned a quarter turn: its x for a baseline, its top for a left edge."""
        font = state.font
        assert font is not None
        d, e, f = place
        size = abs(state.size * d)
        tc, tw = state.charspace, state.wordspace
        gap = RUN_GAP * size
        runs: list[TextRun] = []
        chars: list[str] = []
        start = bottom = 0.0
        shown = unmapped = 0
        for item in items:
            if not isinstance(item, bytes):
                if isinstance(item, float):
                    advance -= item / 1000 * state.size
                continue
            for code in font.codes(item):
                text, width, space = font.glyphs.get(code) or font.glyph(code)
                top = f + d * advance
                advance += width * state.size + tc + (tw if space else 0.0)
                if text is None:
                    unmapped += 1
                    continue
                shown += 1
                if text in BLANK:
                    if chars:
                        chars.append(" ")
                    continue
                if chars and bottom - top > gap:
                    self._flush_column(runs, e, start, bottom, size, font.bold, chars)
                    chars = []
                if not chars:
                    start = top
                chars.append(text)
                bottom = f + d * advance
        if chars:
            self._flush_column(runs, e, start, bottom, size, font.bold, chars)
        self.count.shown += shown
        self.count.unmapped += unmapped
        if placed:
            self.vertical_runs += runs
        return advance

    def _flush_column(self, runs, x, top, bottom, size, bold, chars) -> None:
        # Turned: the column's x is its baseline (the rightmost highest, read first), the
        # distance from the page's top its position along the line.
        height = self.page_height
        _flush(runs, x, height - top, height - bottom, size, bold, chars)


def _flush(
    runs: list[TextRun],
    y: float,
    start: float,
    right: float,
    size: float,
    bold: bool,
    chars: list[str],
) -> None:
    text = "".join(chars).rstrip()
    if text:
        runs.append(TextRun(y, start, right, size, bold, text))

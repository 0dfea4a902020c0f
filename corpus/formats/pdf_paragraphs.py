"""Lines in reading order to the text of a .txt copy: one paragraph per line, blank lines
between blocks, titles and headings on lines of their own.

A PDF keeps no paragraphs, only lines broken to the column's measure. A line ends its
paragraph when it stops short of the column's right edge, when the next line is
indented or set further down than the line spacing, when the font changes (a larger or
bold line is a title or heading, a block of its own), or when the next line opens with a
heading number after a sentence end. Otherwise the paragraph goes on, across column and
page breaks too: page furniture is gone by then, so the two halves meet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from corpus.formats.pdf_layout import Frame, Line

DISPLAY_SIZE = 1.12  # a line this much larger than the body font is a title or heading
SMALL_SIZE = 0.88  # and this much smaller, a caption, byline or note
SAME_SIZE = 0.1  # sizes closer than this share, in font sizes, are one font
SHORT = 1.1  # a line ending this far, in font sizes, left of the right edge is short
# A line ending this far right of the edge ran past the margin: it was never broken to
# the measure, so it is not the first half of a wrapped paragraph.
OVERRUN = 3.0
INDENT = 0.8  # a line starting this far right of the left edge is indented
PARAGRAPH_GAP = 1.2  # a baseline step this many times the column's leading opens a paragraph
DISPLAY_GAP = 2.0  # title lines further apart than this, in font sizes, are separate blocks
WIDE = 0.75  # a centred or display line this wide, as a share of the measure, wraps on
CENTRED = 0.6  # margins equal to within this, in font sizes, make a line centred
OFF_EDGE = 0.25  # and each margin wider than this: the line touches neither edge

# How lines open that start a heading or a point of their own (一、 （一） 第一章 1． ——),
# and how a sentence ends: together they break a paragraph that geometry would join.
HEADING_START = re.compile(
    r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}[章节篇条部分]|\d{1,2}[．.、](?!\d)|——"
)
SENTENCE_END = tuple("。！？；：…”’）)!?;:")
LATIN = re.compile(r"[A-Za-z]")


def body_style(lines: list[Line]) -> tuple[float, bool]:
    """The body font size (the one most characters are set in) and whether bold sets a
    line apart (not when most of the body is bold)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    if not sizes:
        return 0.0, False
    body = sizes.most_common(1)[0][0]
    in_body = [line for line in lines if abs(line.size - body) <= SAME_SIZE * body]
    bold = sum(len(line.text) for line in in_body if line.bold)
    return body, bold < 0.5 * sum(len(line.text) for line in in_body)


class Paragraphs:
    def __init__(self, frames: dict[tuple[int, int, int] | None, Frame], body: float, bold: bool):
        self.frames = frames
        self.body = body
        self.bold_sets_apart = bold

    def style(self, line: Line) -> str:
        if line.size >= DISPLAY_SIZE * self.body or (self.bold_sets_apart and line.bold):
            return "display"
        if line.size <= SMALL_SIZE * self.body:
            return "small"
        return "body"

    def text(self, lines: list[Line]) -> str:
        blocks: list[list[Line]] = []
        for line in lines:
            if blocks and self._continues(blocks[-1], line):
                blocks[-1].append(line)
            else:
                blocks.append([line])
        return "\n\n".join(self._block_text(block) for block in blocks) + "\n"

    def _continues(self, block: list[Line], line: Line) -> bool:
        above = block[-1]
        style = self.style(line)
        if self.style(above) != style or abs(above.size - line.size) > SAME_SIZE * line.size:
            return False
        if style == "display":
            return (
                above.page == line.page
                and above.bold == line.bold
                and 0 < above.y - line.y <= DISPLAY_GAP * line.size
                and not HEADING_START.match(line.text)
            )
        frame, next_frame = self.frames[above.column], self.frames[line.column]
        if above.page == line.page and above.column == line.column:
            step = above.y - line.y
            leading = frame.leading or 1.5 * line.size
            if step <= 0 or step > PARAGRAPH_GAP * leading:
                return False
        # A numbered line after a sentence end, or after another numbered item (a list,
        # a table of contents), starts a block of its own.
        if HEADING_START.match(line.text) and (
            above.text.endswith(SENTENCE_END) or HEADING_START.match(block[0].text)
        ):
            return False
        line_centred = self._centred(line, next_frame)
        if line_centred or self._centred(above, frame):
            # A centred block (a subtitle) runs on only into a centred line, and only
            # when it filled (or nearly filled) the measure.
            return (
                line_centred and self._wide(above, frame) and not above.text.endswith(SENTENCE_END)
            )
        return (
            frame.right - SHORT * above.size <= above.x1 <= frame.right + OVERRUN * above.size
            and line.x0 <= next_frame.left + INDENT * line.size
        )

    def _centred(self, line: Line, frame: Frame) -> bool:
        # Short of both edges by the same: neither flush nor an indented first line.
        left, right = line.x0 - frame.left, frame.right - line.x1
        return min(left, right) > OFF_EDGE * line.size and abs(left - right) < CENTRED * line.size

    def _wide(self, line: Line, frame: Frame) -> bool:
        measure = frame.right - frame.left
        return line.x1 >= frame.right - SHORT * line.size or (
            measure > 0 and line.x1 - line.x0 >= WIDE * measure
        )

    def _block_text(self, block: list[Line]) -> str:
        if self.style(block[0]) != "display":
            return _join(line.text for line in block)
        # A title or heading broken over lines stays one line; lines set apart on
        # purpose (a two-line title, a heading under a heading) stay lines.
        rows = [[block[0]]]
        for above, line in zip(block, block[1:], strict=False):
            if self._wide(above, self.frames[above.column]):
                rows[-1].append(line)
            else:
                rows.append([line])
        return "\n".join(_join(line.text for line in row) for row in rows)


def _join(texts: Iterable[str]) -> str:
    pieces: list[str] = []
    for text in texts:
        text = text.strip()
        # Chinese runs on without a space; a line broken between two Latin words gets
        # its space back.
        if pieces and LATIN.fullmatch(pieces[-1][-1]) and LATIN.match(text):
            pieces.append(" ")
        pieces.append(text)
    return "".join(pieces)

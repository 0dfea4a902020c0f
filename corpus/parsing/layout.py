"""How a text sets its lines, read once for the whole text: hard-wrapped at a width or one
paragraph per line, paragraphs indented or not, a blank line after every line or not. The
passes read a line break differently in each (a wrapped line goes on in the next line; a
line of its own ends where it ends)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from corpus.parsing.lines import _Line
from corpus.parsing.patterns import (
    HEADING_NUMBER,
    LAYOUT_MIN_LINES,
    LONG_LINE_CHARS,
    PARAGRAPH_CLOSERS,
    PROSE_LINE_CHARS,
    SENTENCE_ENDS,
    WRAP_MIN_CUT_SHARE,
    WRAP_MIN_LINES,
    WRAP_MIN_SHARE,
    WRAP_SLACK,
)


@dataclass(frozen=True, slots=True)
class Layout:
    wrap_width: int | None = None  # the width of a hard-wrapped text's full lines
    indented: bool = False  # a paragraph's first line is indented
    spaced: bool = False  # a blank line between paragraphs (and not between a paragraph's lines)
    line_per_paragraph: bool = False  # every paragraph on a line of its own, none wrapped
    blank_between_lines: bool = False  # a blank line after every line: blanks tell nothing

    def fills_line(self, line: _Line) -> bool:
        """A full line of a hard-wrapped text, cut at the width: its paragraph goes on."""
        if self.wrap_width is None or line.width < self.wrap_width - WRAP_SLACK:
            return False
        # One short of the width and ending a sentence, it is a paragraph's last line.
        return line.width >= self.wrap_width or line.text[-1] not in SENTENCE_ENDS


PLAIN = Layout()  # what a text too short to tell is read as


def text_layout(lines: list[_Line]) -> Layout:
    text = [line for line in lines if line.kind == "text"]
    if len(text) < LAYOUT_MIN_LINES:
        return PLAIN
    long = [line for line in text if line.width >= LONG_LINE_CHARS]
    wrap_width = _wrap_width(long)
    # Paragraphs, not headings: long lines without a number.
    prose = [
        line
        for line in long
        if line.width >= PROSE_LINE_CHARS and not HEADING_NUMBER.match(line.text)
    ]
    blank_between_lines = sum(line.gap_before for line in lines) >= 0.8 * len(lines)
    return Layout(
        wrap_width=wrap_width,
        indented=_paragraph_starts(text, lambda line: line.indented),
        spaced=not blank_between_lines and _paragraph_starts(text, lambda line: line.gap_before),
        line_per_paragraph=(
            wrap_width is None
            and len(prose) >= LAYOUT_MIN_LINES
            and sum(line.text[-1] in PARAGRAPH_CLOSERS for line in prose) >= 0.9 * len(prose)
        ),
        blank_between_lines=blank_between_lines,
    )


def _wrap_width(long: list[_Line]) -> int | None:
    """The width most long lines have (or one more or less: a mark kept off a line's start,
    a half-width digit), when a large share of them do and those mostly end in mid-sentence:
    the text was wrapped there."""
    if len(long) < WRAP_MIN_LINES:
        return None
    widths = Counter(line.width for line in long)
    mode = widths.most_common(1)[0][0]
    full = [line for line in long if abs(line.width - mode) <= WRAP_SLACK]
    if len(full) < WRAP_MIN_SHARE * len(long):
        return None
    cut = sum(line.text[-1] not in PARAGRAPH_CLOSERS for line in full)
    return mode if cut >= WRAP_MIN_CUT_SHARE * len(full) else None


def _paragraph_starts(text: list[_Line], mark) -> bool:
    """Whether the line after a sentence's end mostly has the mark (an indent, a blank line
    above it): paragraphs start with it."""
    after_ends = [mark(line) for before, line in pairwise(text) if before.text[-1] in "。！？；"]
    return len(after_ends) >= LAYOUT_MIN_LINES and sum(after_ends) >= 0.6 * len(after_ends)

"""Text runs of PDF pages to lines in reading order, page furniture removed.

Pure geometry on `TextRun`s (see pdf_content): runs on one baseline become a line, the
same glyphs drawn twice become one bold line, page numbers and running headers go, and
each page's lines are put in reading order, column by column. Each line also gets the
column ("frame") it wraps in, so the paragraph pass can tell a full line from a short one.

A superscript or subscript (a note mark ①, m², 10⁵, CO₂) is set smaller, off the baseline:
it joins the line it touches rather than making a line of its own, and digits and signs
that Unicode has raised or lowered forms of are written in them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from corpus.formats.pdf_content import TextRun

SAME_BASELINE = 0.3  # runs whose baselines differ by less, in font sizes, share a line
LINE_GAP = 0.5  # runs further apart on a line, in font sizes, are separate lines (columns)
WORD_GAP = 0.25  # a gap this wide between two runs of a line stands for a space
DOUBLE_DRAW = 0.3  # a run repeated within this distance is a double draw ("fake bold")
BOLD_SHARE = 0.8  # a line is bold when this share of its characters is
ASCENT, DESCENT = 0.75, 0.15  # a line's box around its baseline, in font sizes
OUTER_BAND = 0.12  # headers and footers sit in this share of the page height, top or bottom
RUNNING_SHARE = 0.5  # a line repeated on at least this share of the pages is a running header
SMALL_FRAME = 4  # a column with fewer body lines borrows its edges from a bigger one
RIGHT_EDGE_SHARE = 0.2  # this share of a column's lines ending at one x makes it the edge
GUTTER_CROSSING = 0.05  # at most this share of a page's lines may cross a gutter (titles)
MIN_COLUMN_LINES = 3  # a column holds at least this many lines
# A run at most this size, as a share of a run it touches (at most SCRIPT_GAP font sizes
# away, left or right), with its baseline up to SUPERSCRIPT_RISE font sizes above that
# run's or SUBSCRIPT_DROP below, is a superscript or subscript of that run's line.
SCRIPT_SIZE = 0.85
SCRIPT_GAP = 0.3
SUPERSCRIPT_RISE = 0.6
SUBSCRIPT_DROP = 0.4
SCRIPT_SHIFT = 0.08  # a smaller run this far off its line's baseline (line font sizes) is one
SUPERSCRIPTS = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")

# Page numbers as printed: "— 3 —", "- 3 -", "第 3 页", "第3页 共20页", "3 / 20", "Page 3", "3".
PAGE_NUMBER = re.compile(
    r"[-—–－―~·•]*\s*(?:第\s*)?\d{1,4}\s*页?\s*(?:(?:/|／|共)\s*\d{1,4}\s*页?)?\s*[-—–－―~·•]*"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d+")
HANGING = frozenset("，。、；：？！”’）》")
# A newspaper's page header on a one-page file, where nothing repeats: a date or a page
# name ("2025年3月6日 星期四", "第3版 要闻"), set smaller than the body at the top.
HEADER_HINT = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]|第\s*\d+\s*版"
)


@dataclass(slots=True)
class Line:
    page: int
    y: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str
    # (page, column, columns) on a multi-column band; None in single-column text.
    column: tuple[int, int, int] | None = None


@dataclass(slots=True)
class Frame:
    """The measure a column's lines wrap to."""

    left: float
    right: float
    leading: float | None


# --------------------------------------------------------------------------- lines


def page_lines(runs: list[TextRun], page: int) -> list[Line]:
    """The lines of one page, top to bottom, each left to right."""
    groups: list[list[TextRun]] = []
    for run in sorted(runs, key=lambda run: -run.y):
        if not groups or groups[-1][0].y - run.y > SAME_BASELINE * groups[-1][0].size:
            groups.append([])
        groups[-1].append(run)
    lines: list[Line] = []
    for group in _join_scripts(groups):
        lines += _baseline_lines(group, page)
    return lines


def _join_scripts(groups: list[list[TextRun]]) -> list[list[TextRun]]:
    """Runs on one baseline, each superscript and subscript moved to the line it touches."""
    largest = [max(run.size for run in group) for group in groups]
    moves: list[tuple[int, TextRun, int]] = []
    for number, group in enumerate(groups):
        # Lines are a leading apart, so the line a script touches is a close neighbour.
        near = [at for at in range(max(0, number - 2), number + 3) if at < len(groups)]
        near.remove(number)
        ceiling = SCRIPT_SIZE * max((largest[at] for at in near), default=0.0)
        for run in group:
            if run.size > ceiling:  # most runs: as large as the lines around them
                continue
            touched = [at for at in near if any(_scripts(run, base) for base in groups[at])]
            if touched:
                moves.append((number, run, touched[0]))
    for number, run, line in moves:
        groups[number].remove(run)
        groups[line].append(run)
    return [group for group in groups if group]


def _scripts(run: TextRun, base: TextRun) -> bool:
    """Whether `run` is a superscript or subscript set beside `base`."""
    if run.size > SCRIPT_SIZE * base.size:
        return False
    if not -SUBSCRIPT_DROP * base.size <= run.y - base.y <= SUPERSCRIPT_RISE * base.size:
        return False
    gap = max(run.x0 - base.x1, base.x0 - run.x1)  # negative where they overlap
    return gap <= SCRIPT_GAP * base.size


def _baseline_lines(group: list[TextRun], page: int) -> list[Line]:
    if len(group) == 1:  # most lines: one text-showing operator each
        run = group[0]
        return [Line(page, run.y, run.x0, run.x1, run.size, run.bold, run.text)]
    lines: list[Line] = []
    parts: list[TextRun] = []
    bold_runs: set[int] = set()
    right = 0.0
    for run in sorted(group, key=lambda run: run.x0):
        if parts:
            last = parts[-1]
            if run.text == last.text and abs(run.x0 - last.x0) < DOUBLE_DRAW * run.size:
                bold_runs.add(len(parts) - 1)  # the same run drawn again: fake bold
                continue
            if run.x0 - right > LINE_GAP * run.size:
                lines.append(_line(parts, bold_runs, page))
                parts, bold_runs = [], set()
        parts.append(run)
        right = max(right, run.x1) if len(parts) > 1 else run.x1
    lines.append(_line(parts, bold_runs, page))
    return lines


def _line(parts: list[TextRun], bold_runs: set[int], page: int) -> Line:
    # The line's baseline and size are those most of its characters are set in, not a
    # script's (a subscript "2.5" may be longer than any run of a line drawn glyph by glyph).
    sizes: Counter[float] = Counter()
    for part in parts:
        sizes[part.size] += len(part.text)
    size = sizes.most_common(1)[0][0]
    main = max((part for part in parts if part.size == size), key=lambda part: len(part.text))
    texts = [_script_text(part, main) for part in parts]
    pieces = [texts[0]]
    for before, after, text in zip(parts, parts[1:], texts[1:], strict=False):
        if after.x0 - before.x1 > WORD_GAP * after.size and not pieces[-1].endswith(" "):
            pieces.append(" ")
        pieces.append(text)
    chars = sum(len(part.text) for part in parts)
    bold = sum(len(part.text) for i, part in enumerate(parts) if part.bold or i in bold_runs)
    return Line(
        page,
        main.y,
        parts[0].x0,
        max(part.x1 for part in parts),
        main.size,
        bold >= BOLD_SHARE * chars,
        "".join(pieces),
    )


def _script_text(part: TextRun, main: TextRun) -> str:
    """A superscript's or subscript's text in Unicode's raised or lowered forms where it has
    them all (m², 10⁻⁵, CO₂); other text (a note mark ①) as it is."""
    if part.size > SCRIPT_SIZE * main.size or abs(part.y - main.y) <= SCRIPT_SHIFT * main.size:
        return part.text
    table = SUPERSCRIPTS if part.y > main.y else SUBSCRIPTS
    forms = part.text.translate(table)
    return forms if not set(forms) & set(part.text) else part.text


# --------------------------------------------------------------------------- furniture


def drop_furniture(pages: list[list[Line]], heights: list[float], body_size: float) -> None:
    """Remove page numbers and running headers and footers, in place."""
    outer = [
        [line for line in lines if _in_outer_band(line, height)]
        for lines, height in zip(pages, heights, strict=True)
    ]
    seen: defaultdict[tuple[str, int], set[int]] = defaultdict(set)
    for number, lines in enumerate(outer):
        for line in lines:
            seen[_running_key(line)].add(number)
    needed = max(2, RUNNING_SHARE * len(pages))
    for number, lines in enumerate(pages):
        drop = {
            id(line)
            for line in outer[number]
            if PAGE_NUMBER.fullmatch(line.text.strip()) or len(seen[_running_key(line)]) >= needed
        }
        if len(pages) == 1:
            drop |= _lone_page_header(outer[0], heights[0], body_size)
        if drop:
            lines[:] = [line for line in lines if id(line) not in drop]


def _lone_page_header(outer: list[Line], height: float, body_size: float) -> set[int]:
    """On a one-page file nothing repeats: the header is the row at the top, set smaller
    than the body, where a date or a page name stands ("2025年3月6日 星期四", "第3版")."""
    header = [line for line in outer if line.y > height / 2 and line.size < 0.95 * body_size]
    rows = {round(line.y) for line in header if HEADER_HINT.search(line.text)}
    return {id(line) for line in header if round(line.y) in rows}


def _in_outer_band(line: Line, height: float) -> bool:
    return line.y < OUTER_BAND * height or line.y > (1 - OUTER_BAND) * height


def _running_key(line: Line) -> tuple[str, int]:
    # Digits vary from page to page ("第 3 版", a date); the position does not.
    return DIGITS.sub("#", line.text.replace(" ", "")), round(line.y / 3)


# --------------------------------------------------------------------------- reading order


def reading_order(lines: list[Line], gutter: float) -> list[Line]:
    """A page's lines in reading order. Gutters are the vertical strips that almost no
    line crosses; the few lines that do (a title over the columns) cut the page into
    bands, read top to bottom, and each band is read column by column, left to right.
    Sets `column` on the lines of a multi-column band. `gutter` is the narrowest gap
    that can separate two columns."""
    gutters = _gutters(lines, gutter)
    if not gutters:
        return sorted(lines, key=lambda line: -line.y)
    spanning = sorted((line for line in lines if _crosses(line, gutters)), key=lambda line: -line.y)
    ordered: list[Line] = []
    rest = [line for line in lines if not _crosses(line, gutters)]
    for line in [*spanning, None]:
        floor = line.y if line is not None else float("-inf")
        ordered += _band_order([above for above in rest if above.y > floor], gutters)
        rest = [below for below in rest if below.y <= floor]
        if line is not None:
            ordered.append(line)
    return ordered


def _text_right(line: Line) -> float:
    # Closing punctuation may hang past the measure, into the gutter (Chinese typesetting
    # never starts a line with it); it must not bridge two columns.
    return line.x1 - line.size if line.text[-1] in HANGING else line.x1


def _gutters(lines: list[Line], narrowest: float) -> list[tuple[float, float]]:
    """Strips at least `narrowest` wide crossed by at most a few lines, with text on both
    sides: the gutters between columns, from how many lines cover each x."""
    if len(lines) < MIN_COLUMN_LINES * 2:
        return []
    events = sorted([(line.x0, 1) for line in lines] + [(_text_right(line), -1) for line in lines])
    crossing_at_most = max(1, int(GUTTER_CROSSING * len(lines)))
    gutters: list[tuple[float, float]] = []
    covered, start = 0, None
    for x, step in events:
        before = covered
        covered += step
        if before > crossing_at_most >= covered:
            start = x
        elif before <= crossing_at_most < covered and start is not None:
            if x - start >= narrowest:
                gutters.append((start, x))
            start = None
    return [
        (g0, g1)
        for g0, g1 in gutters
        if sum(_text_right(line) <= g0 for line in lines) >= MIN_COLUMN_LINES
        and sum(line.x0 >= g1 for line in lines) >= MIN_COLUMN_LINES
    ]


def _crosses(line: Line, gutters: list[tuple[float, float]]) -> bool:
    # Across the whole gutter: a line of a column may reach a little into it.
    return any(line.x0 < g0 and _text_right(line) > g1 for g0, g1 in gutters)


def _band_order(band: list[Line], gutters: list[tuple[float, float]]) -> list[Line]:
    """One band, column by column. Lines above where every column starts (a byline
    centred over the middle column) are read first, as the head of the band."""
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]
    for line in band:
        at = sum(line.x0 >= g1 for _, g1 in gutters)
        line.column = (line.page, at, len(columns))
        columns[at].append(line)
    filled = [column for column in columns if column]
    head: set[int] = set()
    if len(filled) > 1:
        common_top = min(max(line.y for line in column) for column in filled)
        head = {id(line) for line in band if line.y > common_top + line.size / 2}
    ordered = sorted((line for line in band if id(line) in head), key=lambda line: -line.y)
    for line in ordered:
        line.column = None
    for column in columns:
        ordered += sorted(
            (line for line in column if id(line) not in head), key=lambda line: -line.y
        )
    return ordered


# --------------------------------------------------------------------------- frames


def frames(lines: list[Line], body: set[int]) -> dict[tuple[int, int, int] | None, Frame]:
    """The measure of each column (key None: the single-column text of all pages), from
    the lines in `body` (ids of lines set in the body font). A column with few lines
    borrows the measure of the same column on every page, then of the whole text."""
    in_body = [line for line in lines if id(line) in body] or lines
    members: defaultdict[object, list[Line]] = defaultdict(list)
    for line in in_body:
        members[line.column].append(line)
        if line.column is not None:
            members[line.column[1:]].append(line)  # the same column on every page
    whole = _frame(in_body) if in_body else Frame(0.0, 0.0, None)
    found: dict[tuple[int, int, int] | None, Frame] = {}
    for key in {line.column for line in lines}:
        for candidate in (key, key[1:] if key else None):
            if len(members.get(candidate, ())) >= SMALL_FRAME:
                found[key] = _frame(members[candidate])
                break
        else:
            found[key] = whole
    return found


def _frame(lines: list[Line]) -> Frame:
    # Percentiles, not extremes: a line set off to the left, or digits that overrun
    # the measure, must not move the edges every other line is measured against.
    lefts = sorted(line.x0 for line in lines)
    left = lefts[len(lefts) // 10]
    # Full lines share the right edge, so the commonest right end is the edge; ragged
    # text has none, and then a high percentile stands in.
    ends = Counter(round(line.x1) for line in lines)
    right_end, count = ends.most_common(1)[0]
    if count < max(2, RIGHT_EDGE_SHARE * len(lines)):
        rights = sorted(line.x1 for line in lines)
        right_end = rights[min(len(rights) - 1, len(rights) * 9 // 10)]
    right = float(right_end)
    steps = Counter(
        round(above.y - below.y, 1)
        for above, below in zip(lines, lines[1:], strict=False)
        if above.page == below.page and above.y > below.y and above.size == below.size
    )
    leading = _median(steps) if steps else None
    return Frame(left, right, leading)


def _median(counts: Counter[float]) -> float:
    values = sorted(counts.elements())
    return values[len(values) // 2]

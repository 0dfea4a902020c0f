"""Pass 2, title blocks: a title right above a byline starts an article; a page without
bylines is one article whose first short line is the title (report style)."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.parsing.lines import _Line
from corpus.parsing.patterns import (
    AUTHOR_LINE_MAX_CHARS,
    COLUMN_LABEL,
    COMPOUND_SURNAMES,
    DATE_LINE,
    HAN_CHAR,
    HAN_ONLY,
    HEADING_NUMBER,
    INNER_STOP,
    NAME_SEPARATORS,
    OPEN_ENDINGS,
    PARAGRAPH_CLOSERS,
    SUBTITLE,
    SURNAMES,
    TITLE_MAX_CHARS,
    TITLE_MAX_LINES,
    TITLE_MIN_HAN_SHARE,
)


@dataclass
class _TitleBlock:
    start: int  # first line of the block: the title, or a column label above it
    body: int  # first line of the article's body
    title: str
    subtitle: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    column: str | None = None


def _find_title_blocks(lines: list[_Line]) -> list[_TitleBlock]:
    blocks: list[_TitleBlock] = []
    for index, line in enumerate(lines):
        floor = blocks[-1].body if blocks else 0
        if line.kind == "byline" and index >= floor:
            if block := _title_above_byline(lines, index, floor, first=not blocks):
                blocks.append(block)
    if not blocks and (block := _report_title_block(lines)):
        blocks.append(block)
    return blocks


def _title_above_byline(
    lines: list[_Line], at: int, floor: int, *, first: bool
) -> _TitleBlock | None:
    """The title block ending in the byline at `at`, looking no higher than `floor`."""
    subtitle = date = None
    above = at - 1
    while above >= floor and lines[above].kind == "text":
        text = lines[above].text
        if date is None and (dated := DATE_LINE.fullmatch(text)):
            date = dated["date"]
        elif subtitle is None and (sub := SUBTITLE.fullmatch(text)):
            subtitle = sub[1].strip()
        else:
            break
        above -= 1
    start = _title_start(lines, above, floor)
    if start is None:
        return None
    title = "".join(line.text for line in lines[start : above + 1])
    block = _TitleBlock(start, at + 1, title, subtitle, date, list(lines[at].authors))
    while block.body < len(lines) and lines[block.body].kind == "byline":
        block.authors += lines[block.body].authors
        block.body += 1
    _take_column_label(lines, block, floor, first=first)
    return block


def _title_start(lines: list[_Line], last: int, floor: int) -> int | None:
    """First line of a title ending at `last`: one markdown heading, or up to three
    plain lines with no blank between (a title broken by a markdown hard break)."""
    if last < floor or not _is_title_like(lines[last].text):
        return None
    if lines[last].kind == "heading":
        return last
    if lines[last].kind != "text":
        return None
    start = last
    while (
        start > floor
        and last - start + 1 < TITLE_MAX_LINES
        and not lines[start].gap_before
        and lines[start - 1].kind == "text"
        and lines[start - 1].text[-1] not in PARAGRAPH_CLOSERS
        and _is_title_like(lines[start - 1].text)
    ):
        start -= 1
    return start


def _take_column_label(lines: list[_Line], block: _TitleBlock, floor: int, *, first: bool) -> None:
    """A column label sits right under the byline or right above the title. Above the
    page's first title, a lone line is the page banner rather than a label."""
    below = block.body
    if (
        below + 1 < len(lines)
        and (label := _column_label(lines[below]))
        and lines[below + 1].kind == "text"
    ):
        block.column, block.body = label, below + 1
        return
    above = block.start - 1
    if above < floor or (first and above == 0):
        return
    if (label := _column_label(lines[above])) and (
        lines[above].kind == "heading" or lines[block.start].gap_before
    ):
        block.column, block.start = label, above
    elif lines[above].kind == "heading" and not first:
        # Nothing follows this heading before the title, so it heads no section of the
        # article above (a banner repeated on a later page, say): it belongs to neither.
        block.start = above


def _column_label(line: _Line) -> str | None:
    if line.kind not in ("heading", "text") or len(line.text) > 8:
        return None
    label = COLUMN_LABEL.fullmatch(line.text)
    return label[1] if label else None


def _report_title_block(lines: list[_Line]) -> _TitleBlock | None:
    """A page without bylines is one article if its first line reads as a title; the
    subtitle, date and author lines below it may come in any order."""
    if not lines or lines[0].kind not in ("heading", "text") or not _is_title_like(lines[0].text):
        return None
    end = 1
    if lines[0].kind == "text":
        while (
            end < min(len(lines), TITLE_MAX_LINES)
            and lines[end].kind == "text"
            and not lines[end].gap_before
            and lines[end - 1].text[-1] not in PARAGRAPH_CLOSERS
            and _is_title_like(lines[end].text)
            and not _is_title_meta(lines[end].text)
        ):
            end += 1
    block = _TitleBlock(0, end, "".join(line.text for line in lines[:end]))
    while block.body < len(lines) and _take_title_meta(lines[block.body], block):
        block.body += 1
    return block


def _take_title_meta(line: _Line, block: _TitleBlock) -> bool:
    if line.kind == "byline" and not block.authors:
        block.authors = list(line.authors)
        return True
    if line.kind != "text":
        return False
    if block.subtitle is None and (sub := SUBTITLE.fullmatch(line.text)):
        block.subtitle = sub[1].strip()
    elif block.date is None and (dated := DATE_LINE.fullmatch(line.text)):
        block.date = dated["date"]
    elif not block.authors and (names := _author_line(line.text)):
        block.authors = names
    else:
        return False
    return True


def _is_title_meta(text: str) -> bool:
    return bool(SUBTITLE.fullmatch(text) or DATE_LINE.fullmatch(text) or _author_line(text))


def _author_line(text: str) -> list[str] | None:
    """Names on an unmarked author line: "张三", "张三、李四", "某某省人民政府省长 张三"."""
    if len(text) > AUTHOR_LINE_MAX_CHARS:
        return None
    tokens = [token for token in NAME_SEPARATORS.split(text) if token]
    first_name = len(tokens)
    while first_name > 0 and _looks_like_name(tokens[first_name - 1]):
        first_name -= 1
    positions = tokens[:first_name]
    if first_name == len(tokens) or not all(HAN_ONLY.fullmatch(position) for position in positions):
        return None
    return tokens[first_name:]


def _looks_like_name(token: str) -> bool:
    if not HAN_ONLY.fullmatch(token):
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return 3 <= len(token) <= 4
    return 2 <= len(token) <= 3 and token[0] in SURNAMES


def _is_title_like(text: str) -> bool:
    if len(text) > TITLE_MAX_CHARS or text[-1] in OPEN_ENDINGS or text[0] in "—-－（(":
        return False
    if INNER_STOP.search(text) or HEADING_NUMBER.match(text):
        return False
    visible = len(text) - text.count(" ")
    return len(HAN_CHAR.findall(text)) >= TITLE_MIN_HAN_SHARE * visible


def _banner(lines: list[_Line], first_start: int) -> str | None:
    """The page banner: the first title-like line above the page's first article."""
    for line in lines[:first_start]:
        if line.kind in ("heading", "text") and _is_title_like(line.text):
            return line.text
    return None

"""Pass 2, title blocks: a title right above a byline starts an article (newspaper style);
a page without bylines is one article whose title block front.py reads (report style)."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.parsing.lines import _Line, _names
from corpus.parsing.patterns import (
    AUTHOR_LINE_MAX_CHARS,
    COLUMN_LABEL,
    COMPOUND_SURNAMES,
    DATE_LINE,
    DATED_LINE,
    HAN_CHAR,
    HAN_ONLY,
    HEADING_NUMBER,
    INNER_STOP,
    NAME_SEPARATORS,
    OPEN_ENDINGS,
    ORGANISATION,
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
    kicker: str | None = None
    speakers: list[str] = field(default_factory=list)
    source: str | None = None
    # Names on an unmarked line under a report's title: the speaker of a speech, else authors.
    names: list[str] = field(default_factory=list)
    glossary: bool = False  # an attachment of notes ("名词解释"): its numbered entries head nothing
    # The title's lines: repeated in the body they are a running header, page furniture.
    running_header: frozenset[str] = frozenset()
    paper: str | None = None  # the paper its date line names: the source if none other is
    byline_source: str | None = None  # "本报记者" -> the paper, "新华社记者" -> 新华社


def _find_title_blocks(lines: list[_Line]) -> list[_TitleBlock]:
    """The title blocks of a newspaper page: each ends in a byline, or in the paper's date
    line of a web or crawled copy ("《人民日报》（2025年10月20日 第 01 版）")."""
    blocks: list[_TitleBlock] = []
    # On a page whose articles carry the paper's date line, a byline without one signs a
    # part of the article it is in.
    dated_page = any(
        line.kind == "paperdate"
        and index > 0
        and (lines[index - 1].kind == "byline" or _is_title_like(lines[index - 1].text))
        for index, line in enumerate(lines)
    )
    for index, line in enumerate(lines):
        floor = blocks[-1].body if blocks else 0
        if index < floor or line.kind not in ("byline", "paperdate"):
            continue
        if line.kind == "byline":
            block = _title_above_byline(lines, index, floor, first=not blocks)
            if block and dated_page and block.paper is None:
                block = None
        else:
            block = _title_above_paper_date(lines, index, floor)
        if block:
            blocks.append(block)
    return blocks


def _title_above_paper_date(lines: list[_Line], at: int, floor: int) -> _TitleBlock | None:
    """The title (and an author line without a role: "任仲平", "洪  勇") above the paper's
    date line at `at`, looking no higher than `floor`."""
    above, authors = at - 1, None
    if above - 1 >= floor and lines[above].kind == "text" and lines[above - 1].kind == "text":
        if _is_title_like(lines[above - 1].text) and (
            authors := _authors_under_title(lines[above].text)
        ):
            above -= 1
    if above < floor or lines[above].kind != "text" or not _is_title_like(lines[above].text):
        return None
    block = _TitleBlock(above, at, lines[above].text, authors=authors or [])
    _take_paper_date(lines, block)
    return block


def _authors_under_title(text: str) -> list[str] | None:
    """Right under a title, a line of names or of an institution is its author line."""
    if ORGANISATION.fullmatch(text):
        return [text]
    names = _names(text)
    return names if names and all(len(name) <= 4 or "·" in name for name in names) else None


def _take_paper_date(lines: list[_Line], block: _TitleBlock) -> None:
    """The paper's date line under the title block gives its date and paper; a dated line
    right under it ("2025年2月 听取……工作汇报") is the subtitle, without its date."""
    line = lines[block.body]
    block.date, block.paper, block.body = line.date, line.source, block.body + 1
    if block.body < len(lines) and (dated := DATED_LINE.fullmatch(lines[block.body].text)):
        block.subtitle, block.body = dated["rest"], block.body + 1


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
    block.byline_source = lines[at].source
    while block.body < len(lines) and lines[block.body].kind == "byline":
        block.authors += lines[block.body].authors
        block.body += 1
    if block.body < len(lines) and lines[block.body].kind == "paperdate":
        _take_paper_date(lines, block)
    else:
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

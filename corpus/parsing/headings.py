"""Headings in a body: which blocks are headings, which are items of a list, which lines
are a table of contents, and the level of each heading.

A heading is numbered (第一章, 一、, （一）, 1., （1）, ①, 第一，, ●) or unnumbered (a short
line without punctuation standing alone: 前言, 结束语). A numbered paragraph is a run-in
heading: its clause up to the first 。 heads the section, the rest is its first paragraph.
Levels are not fixed per style but come from nesting: a heading is one level below the
open heading it falls under (see assign_levels), so （一） is level 1 in a document without
一、, and 1. is level 3 under （一） but 2 right under 一、. Unnumbered headings take level 1,
the level of the outermost numbered headings beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.parsing.patterns import (
    CLAUSE_END,
    CONTENTS_LABELS,
    CONTENTS_MIN_ENTRIES,
    CONTENTS_MIN_SHARE,
    HAN_CHAR,
    HEADING_MAX_CHARS,
    HEADING_NUMBER,
    HEADING_TRAILER,
    ITEMS_LEAD_ENDINGS,
    NESTING_ORDER,
    NUMERALS,
    OPEN_ENDINGS,
    OWN_LINE_STYLES,
    PARAGRAPH_CLOSERS,
    SENTENCE_END,
    SPACES,
    UNNUMBERED_BREAKERS,
    UNNUMBERED_HEADING_MAX_CHARS,
    UNNUMBERED_PAUSED_MAX_CHARS,
    UNNUMBERED_PAUSES,
)


@dataclass(slots=True)
class _Block:
    # "text" (a block of lines not yet told apart), "heading", "candidate" (an unnumbered
    # heading if a paragraph follows it) or "paragraph"
    kind: str
    text: str  # a heading's text without its number; a paragraph's whole text
    style: str | None = None  # the numbering style (a named group of HEADING_NUMBER)
    hashes: int = 0  # a markdown heading's level marks
    run_in: bool = False  # the rest of a run-in heading's paragraph
    front: bool = False  # a wire lead or an abstract: body text that states no key point
    lists: list[list[str]] = field(default_factory=list)
    level: int = 0
    line: str = ""  # a numbered heading's whole line, number and all


def numbered_blocks(text: str) -> list[_Block]:
    """A paragraph as blocks: a heading and the rest of its paragraph, a heading alone, or
    the paragraph itself (a 第X条 article, a list, a numbered sentence too long to head)."""
    number = HEADING_NUMBER.match(text)
    if not number:
        return [_Block("paragraph", text)]
    style, rest = number.lastgroup, text[number.end() :].strip()
    if not rest and style not in ("tiao", "ordinal", "bullet"):
        return [_Block("heading", "", style, line=text)]  # a part numbered "（一）" alone
    if style == "tiao" or not rest:
        return [_Block("paragraph", text, style)]
    if style == "ordinal" and _next_ordinal(number.group()) in rest:
        return [_Block("paragraph", text, style)]  # 第一，……第二，…… is a list
    end = CLAUSE_END.search(rest)
    if style in OWN_LINE_STYLES or end is None or not rest[end.end() :].strip():
        heading = _own_line_heading(rest)  # a chapter's title never runs in
        if heading is None:
            return [_Block("paragraph", text, style)]
        return [_Block("heading", heading, style, line=text)]
    clause = rest[: end.start()].strip()
    if not clause or len(clause) > HEADING_MAX_CHARS:
        return [_Block("paragraph", text, style)]
    return [
        _Block("heading", clause, style, line=text),
        _Block("paragraph", rest[end.end() :].strip(), run_in=True),
    ]


def _own_line_heading(rest: str) -> str | None:
    heading = rest.rstrip(HEADING_TRAILER)
    if not heading or len(heading) > HEADING_MAX_CHARS or SENTENCE_END.search(heading):
        return None
    return clean_spacing(heading)


def _next_ordinal(number: str) -> str:
    """ "第二" after "第一，": the number that would continue a list in the same paragraph."""
    digits = number[1:-1]
    following = NUMERALS.find(digits[-1]) + 1
    return "第" + (NUMERALS[following] if len(digits) == 1 and following < 10 else "十")


def clean_spacing(text: str) -> str:
    """Spaces that spread single letters go ("总\xa0则" -> "总则"); a run of spaces between
    two parts becomes one ("初心\xa0\xa0履职" -> "初心 履职")."""
    parts = SPACES.split(text.strip())
    if len(parts) > 1 and all(len(part) == 1 for part in parts):
        return "".join(parts)
    return " ".join(parts)


def is_standalone_line(text: str) -> bool:
    """A line that stands alone: a numbered heading without a sentence in it, a short one
    without punctuation (an unnumbered heading), or an attribution ("——习近平……强调")."""
    if number := HEADING_NUMBER.match(text):
        if text[-1] in PARAGRAPH_CLOSERS or text[-1] in OPEN_ENDINGS:
            return False
        rest = text[number.end() :]
        return number.lastgroup != "tiao" and (not rest or _own_line_heading(rest) is not None)
    attribution = text.startswith(("——", "--")) and len(text) <= HEADING_MAX_CHARS
    return is_unnumbered_heading(text) or (attribution and text[-1] not in OPEN_ENDINGS)


def is_unnumbered_heading(text: str) -> bool:
    """A short line without a closing mark or a sentence in it, with two ideographs at least;
    a line ending in a dash ("为何著书——") announces the line below it."""
    if text[0] == "“" and text[-1] == "”":
        text = text[1:-1]  # a quoted subhead: "“中国经济蕴含强大韧性和持久活力”"
    if (
        not text
        or text[-1] in PARAGRAPH_CLOSERS
        or text[-1] in OPEN_ENDINGS
        or text.endswith(("—", "-"))
        or UNNUMBERED_BREAKERS.search(text)
        or len(HAN_CHAR.findall(text)) < 2
    ):
        return False
    if UNNUMBERED_PAUSES.search(text):
        return len(text) <= UNNUMBERED_PAUSED_MAX_CHARS and not text.startswith(("——", "--"))
    return len(text) <= UNNUMBERED_HEADING_MAX_CHARS


def take_items(blocks: list[_Block]) -> list[_Block]:
    """Items announced by a paragraph ending in "：" ("有下列情形之一的，……：" / "（一）……；" /
    "（二）……。") join that paragraph as its list: they are neither headings nor points.
    `blocks` are the text blocks before they are told apart (kind "text")."""
    kept: list[_Block] = []
    index = 0
    while index < len(blocks):
        lead = blocks[index]
        kept.append(lead)
        end = index + 1
        if lead.kind == "text" and lead.text[-1] in ITEMS_LEAD_ENDINGS:
            end = _items_end(blocks, index + 1)
            items = [block.text for block in blocks[index + 1 : end]]
            if items:
                lead.text += "".join(items)
                lead.lists.append([_item_text(item) for item in items])
        index = end
    return kept


def _items_end(blocks: list[_Block], start: int) -> int:
    """The end of a run of one-clause numbered lines of one style, at least one ending in ；."""
    style, end, semicolon = None, start, False
    while end < len(blocks) and blocks[end].kind == "text":
        text = blocks[end].text
        number = HEADING_NUMBER.match(text)
        if not number or (style and number.lastgroup != style) or number.lastgroup == "tiao":
            break
        rest = text[number.end() :].rstrip("。；;.")
        if not rest or SENTENCE_END.search(rest):
            break
        style, end = number.lastgroup, end + 1
        semicolon = semicolon or text[-1] in "；;"
        if text[-1] in "。.":
            break
    return end if semicolon else start


def _item_text(item: str) -> str:
    return item[HEADING_NUMBER.match(item).end() :].rstrip("。；;.，,")


def drop_contents(blocks: list[_Block]) -> list[_Block]:
    """A table of contents is a run of headings that mostly come back as headings later in
    the text: it goes (with its 目录 line), and the body's headings stay."""
    last_seen = {
        _key(block): index
        for index, block in enumerate(blocks)
        if block.kind in ("heading", "candidate")
    }
    keep: list[_Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while end < len(blocks) and blocks[end].kind in ("heading", "candidate"):
            end += 1
        # The contents end with the last entry that comes back later; the run may go on
        # into the body's first heading ("前言" right after the contents).
        recurring = [at for at in range(index, end) if last_seen[_key(blocks[at])] > at]
        contents_end = recurring[-1] + 1 if recurring else index
        if contents_end - index >= CONTENTS_MIN_ENTRIES and len(recurring) >= CONTENTS_MIN_SHARE * (
            contents_end - index
        ):
            if keep and "".join(SPACES.split(keep[-1].text)) in CONTENTS_LABELS:
                keep.pop()
            keep.extend(blocks[contents_end:end])
        else:
            keep.extend(blocks[index:end] or blocks[index : index + 1])
        index = max(end, index + 1)
    return keep


def _key(block: _Block) -> tuple[str | None, str]:
    return block.style, "".join(SPACES.split(block.text))


def assign_levels(blocks: list[_Block]) -> None:
    """A heading's level is how deep it sits: one below the open heading it falls under.

    A heading closes the open headings of its own numbering style and of the styles that
    rank below it, and opens inside the rest; so "1." right under "二、" is level 2 and
    under "（一）" level 3, wherever else the document uses "（一）". Styles rank in the
    order they first appear, with the official styles among them in NESTING_ORDER.
    Unnumbered headings stand beside the outermost numbered ones, at level 1, and
    markdown ones without a number take their level from the hashes."""
    ranks = _style_ranks([block.style for block in blocks if block.kind == "heading"])
    open_ranks: list[int] = []  # the ranks of the headings the next one may fall under
    for block in blocks:
        if block.kind != "heading":
            continue
        if block.style:
            rank = ranks[block.style]
        elif block.hashes:
            block.level = 1 if block.hashes <= 2 else 2
            continue
        else:
            rank = 0
        while open_ranks and open_ranks[-1] >= rank:
            open_ranks.pop()
        open_ranks.append(rank)
        block.level = len(open_ranks)


def _style_ranks(styles: list[str | None]) -> dict[str, int]:
    """Each numbering style's rank, 0 for the outermost: first appearance decides, except
    that the official styles take the places they hold among themselves in NESTING_ORDER."""
    seen = list(dict.fromkeys(style for style in styles if style))
    official = iter(sorted((s for s in seen if s in NESTING_ORDER), key=NESTING_ORDER.index))
    ordered = [next(official) if style in NESTING_ORDER else style for style in seen]
    return {style: rank for rank, style in enumerate(ordered)}

"""Pass 2 for a page without bylines: the title block of a report, a document or a speech.

The title is the first line (two or three when a long title is broken), with a kicker (引题)
above it and a column tag after it; under it, in any order, a subtitle ("——在……上的报告",
with or without a date), a date or adoption line, the speaker's line ("国务院总理 李强"),
the source ("来源：北京日报") and a promulgation block ("……国务院令 / 第722号 / …… /
总理 李克强 / 2019年10月22日"). A speech without a title opens with its salutation.
"""

from __future__ import annotations

from corpus.parsing.front_patterns import (
    ADOPTION_LINE,
    ATTACHMENT,
    COLUMN_TAG,
    DATED_SUBTITLE,
    EDITION_MARKERS,
    GLOSSARY_TITLES,
    ISSUING_KICKER,
    MEETING_THEN_SPEAKER,
    ORDER_LINE,
    ORDER_NUMBER,
    PROMULGATION_MAX_LINES,
    REPORT_GIVEN,
    SALUTATION,
    SALUTATION_MAX_CHARS,
    SIGNER_MAX_CHARS,
    SOURCE_LINE,
    SPEAKER_IN_TEXT,
    SPEAKER_TITLE,
    TRAILING_DATE,
)
from corpus.parsing.headings import clean_spacing
from corpus.parsing.layout import PLAIN, Layout
from corpus.parsing.lines import _Line
from corpus.parsing.patterns import (
    DATE_LINE,
    PARAGRAPH_CLOSERS,
    SUBTITLE,
    TITLE_MAX_LINES,
)
from corpus.parsing.titles import _author_line, _is_title_like, _looks_like_name, _TitleBlock


def report_title_block(lines: list[_Line], layout: Layout = PLAIN) -> _TitleBlock | None:
    """The title block of a page without bylines, or None when its first line is no title.
    A title goes on in the line right below it (not in an indented one, where paragraphs
    are), also across a blank line in a text that puts one after every line; in a
    hard-wrapped text a line of the title block that fills the width goes on below it."""
    if not lines or lines[0].kind not in ("heading", "text"):
        return None
    if lines[0].kind == "text" and salutation_of(lines[0].text):
        return _TitleBlock(0, 0, "")  # a speech that opens with 同志们：
    if not _is_title_like(lines[0].text):
        return None
    end = 1
    if lines[0].kind == "text":
        while end < min(len(lines), TITLE_MAX_LINES) and _title_goes_on(lines, end, layout):
            end += 1
    block = _TitleBlock(0, end, "", running_header=frozenset(line.text for line in lines[:end]))
    _take_title_lines(block, [line.text for line in lines[:end]])
    while block.body < len(lines) and (taken := _take_title_meta(lines, block.body, block, layout)):
        block.body += taken
    return block


def _title_goes_on(lines: list[_Line], at: int, layout: Layout) -> bool:
    """Whether the line at `at` goes on with the title above it."""
    line, above = lines[at], lines[at - 1]
    if line.kind != "text" or (line.gap_before and not layout.blank_between_lines):
        return False
    if layout.indented and line.indented and not lines[0].indented:
        return False  # the body's first paragraph
    if layout.fills_line(above):
        return not _opens_title_meta(line.text)
    return (
        above.text[-1] not in PARAGRAPH_CLOSERS
        and _is_title_like(line.text)
        and not _is_title_meta(line.text)
    )


def attachment_blocks(lines: list[_Line], start: int) -> list[_TitleBlock]:
    """The attachments after a report's body, each an article: "附件1" over its title line,
    or "附件2 名词解释" with its title in the same line."""
    blocks: list[_TitleBlock] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if (
            line.kind != "text"
            or not line.text.startswith("附")
            or not (attached := ATTACHMENT.fullmatch(line.text))
        ):
            continue
        title, body = attached["title"].strip(), index + 1
        if not title and body < len(lines) and _is_title_like(lines[body].text):
            title, body = lines[body].text, body + 1
        if title:
            title = clean_spacing(title)
            blocks.append(_TitleBlock(index, body, title, glossary=title in GLOSSARY_TITLES))
    return blocks


def _take_title_lines(block: _TitleBlock, texts: list[str]) -> None:
    """A kicker above the title announces it ("中共中央国务院印发") or sits above a title
    carrying a column tag; otherwise the lines are one title broken in two."""
    if len(texts) > 1 and (
        ISSUING_KICKER.fullmatch(texts[0]) or split_column_tag(texts[-1])[1] is not None
    ):
        block.kicker, texts = clean_spacing(texts[0]), texts[1:]
    block.title = clean_spacing("".join(texts))
    if speaker := SPEAKER_TITLE.match(block.title):
        if _looks_like_name(speaker["name"]):
            block.speakers.append(speaker["name"])


def split_column_tag(title: str) -> tuple[str, str | None]:
    """("奋斗的史诗 复兴的伟力", "社论") from "奋斗的史诗 复兴的伟力（社论）"; an edition
    ("（全文）", "（摘要）") stays in the title."""
    tagged = COLUMN_TAG.fullmatch(title)
    if not tagged or tagged["column"] in EDITION_MARKERS:
        return title, None
    return tagged["title"], tagged["column"]


def _opens_title_meta(text: str) -> bool:
    return text[0] in "（(—-－" or _is_title_meta(text)


def _is_title_meta(text: str) -> bool:
    return bool(
        ORDER_LINE.fullmatch(text)
        or SUBTITLE.fullmatch(text)
        or DATE_LINE.fullmatch(text)
        or ADOPTION_LINE.fullmatch(text)
        or SOURCE_LINE.fullmatch(text)
        or _author_line(text)
    )


def _take_title_meta(lines: list[_Line], at: int, block: _TitleBlock, layout: Layout) -> int:
    """How many lines from `at` belong to the title block (0 when the body starts there)."""
    line = lines[at]
    if line.kind == "byline":
        if block.authors:
            return 0
        block.authors = list(line.authors)
        return 1
    if line.kind != "text":
        return 0
    text, wrapped = line.text, 1
    while layout.fills_line(lines[at + wrapped - 1]) and at + wrapped < len(lines):
        if lines[at + wrapped].kind != "text":
            break
        text, wrapped = text + lines[at + wrapped].text, wrapped + 1
    if block.subtitle is None and (sub := SUBTITLE.fullmatch(text)):
        _take_subtitle(block, sub[1])
    elif block.date is None and (
        dated := DATE_LINE.fullmatch(text) or ADOPTION_LINE.fullmatch(text)
    ):
        block.date = clean_spacing(dated["date"])
    elif block.source is None and (source := SOURCE_LINE.fullmatch(text)):
        block.source = source["source"]
    elif block.subtitle is None and _take_dated_meeting(block, text):
        pass
    elif (
        ORDER_LINE.fullmatch(text)
        and at + 1 < len(lines)
        and ORDER_NUMBER.fullmatch(lines[at + 1].text)
    ):
        return _take_promulgation(lines, at, block)
    elif not block.names and not block.speakers and (names := _author_line(text)):
        block.names = names
    else:
        return 0
    return wrapped


def _take_subtitle(block: _TitleBlock, text: str) -> None:
    """ "在……上的工作报告（2019年1月11日）", "2020年5月22日在……上": the date goes to the date."""
    text = text.strip()
    if dated := TRAILING_DATE.fullmatch(text):
        block.date = block.date or clean_spacing(dated["date"])
        text = dated["rest"]
    if dated := DATED_SUBTITLE.fullmatch(text):
        block.date = block.date or clean_spacing(dated["date"])
        text = dated["rest"]
    block.subtitle = clean_spacing(text) or None
    _take_speaker(block, text)


def _take_dated_meeting(block: _TitleBlock, text: str) -> bool:
    """The date, the meeting and the speaker in one line: "2025年1月14日在……会议上北京市市长
    殷勇同志作政府工作报告。"."""
    dated = DATED_SUBTITLE.fullmatch(text)
    if not dated or not (meeting := MEETING_THEN_SPEAKER.fullmatch(dated["rest"])):
        return False
    block.date = block.date or clean_spacing(dated["date"])
    block.subtitle = clean_spacing(meeting["meeting"])
    _take_speaker(block, meeting["speaker"])
    return True


def _take_speaker(block: _TitleBlock, text: str) -> None:
    if (speaker := speaker_in_text(text)) and speaker not in block.speakers:
        block.speakers.append(speaker)


def speaker_in_text(text: str, *, giving_report: bool = False) -> str | None:
    """The speaker a line names beside an office: "委员长栗战书5月25日向……作" -> "栗战书".
    With `giving_report` (a paragraph of running text), only when it goes on to say the
    speaker gives the report ("……作……工作报告"), not that someone attends a meeting."""
    found = SPEAKER_IN_TEXT.search(text)
    if not found:
        return None
    if giving_report and not REPORT_GIVEN.search(text[found.end() - 1 :].split("。")[0]):
        return None
    return found["name"] or found["name_first"]


def _take_promulgation(lines: list[_Line], at: int, block: _TitleBlock) -> int:
    """The order's heading and number, its announcement, the signer and the date: front
    matter whose signer is the speaker and whose date is the document's."""
    end = min(len(lines), at + PROMULGATION_MAX_LINES)
    for index in range(at + 2, end):
        text = lines[index].text
        if dated := DATE_LINE.fullmatch(text):
            block.date = block.date or clean_spacing(dated["date"])
            return index - at + 1
        if len(text) <= SIGNER_MAX_CHARS and (names := _author_line(text)):
            block.speakers += [name for name in names if name not in block.speakers]
    return 2


def salutation_of(text: str) -> str | None:
    """ "各位代表" of "各位代表：" (alone or opening the first paragraph)."""
    return take_salutation(text)[0]


def take_salutation(text: str) -> tuple[str | None, str]:
    """The salutation opening a text and the text after it: ("各位代表", "现在，……")."""
    found = SALUTATION.match(text)
    if not found or found.end() > SALUTATION_MAX_CHARS:
        return None, text
    return found["salutation"], text[found.end() :].strip()

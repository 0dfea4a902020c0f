"""Page text to outline: the pure core of the importer (stdlib only, no Django).

A page is a newspaper theory page converted from PDF to markdown, or a plain-text
report. `parse()` turns it into an `Outline`: the page banner and the articles, each
with its title block (title, subtitle, date, authors, column label), its closing
note, and its sections of paragraphs with the key points they state.

Four linear passes, each a group of helpers below:

1. lines: normalise, drop page furniture, classify every line;
2. title blocks: a title right above a byline starts an article; a page without
   bylines is one article whose first short line is the title (report style);
3. body: rejoin paragraphs cut by column breaks, open a section at each heading;
4. points: the key points each paragraph states.

Heuristics only see the shape of the text (punctuation, length, numbering), never
the words of a particular page, so that any page in the same layout parses alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

__all__ = [
    "Article",
    "Outline",
    "Paragraph",
    "Section",
    "normalize_text",
    "outline_to_dict",
    "parse",
]


@dataclass
class Paragraph:
    text: str
    points: list[str] = field(default_factory=list)


@dataclass
class Section:
    level: int
    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def points(self) -> list[str]:
        return [point for paragraph in self.paragraphs for point in paragraph.points]


@dataclass
class Article:
    title: str
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    column: str | None = None
    source: str | None = None
    note: str | None = None
    date: str | None = None
    sections: list[Section] = field(default_factory=list)


@dataclass
class Outline:
    banner: str | None = None
    articles: list[Article] = field(default_factory=list)


# --------------------------------------------------------------------------- patterns
# The Chinese patterns are written for this module from the layouts of Chinese
# newspaper theory pages and government work reports; each comment says what it is for.

# CJK ideographs: the basic block, extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_ONLY = re.compile(f"[{HAN}]+")
# Chinese numerals as used in heading and list numbering (一、 （二） 三是 第四，).
NUMERALS = "一二三四五六七八九十"

# A paragraph ending in anything else was cut by a PDF column or page break.
PARAGRAPH_CLOSERS = frozenset("。！？；…”’」』）)!?;.")
# Marks that end a sentence, full-width and half-width (not ".", which is also a decimal point).
SENTENCE_END = re.compile(r"[。！？；!?;]")
# Marks a title or a heading never contains in its middle.
INNER_STOP = re.compile(r"[。；;]")
# A line ending like this is the start of something longer, not a title.
OPEN_ENDINGS = "，,、：:"
# Stripped from the end of a heading: "（一）着力稳定粮食生产。" -> "着力稳定粮食生产".
HEADING_TRAILER = "。.；;：: "

# Markdown left by the PDF converter or an author: ATX headings ("## 标题", also
# without the space), rules, images, comments, quote and list markers.
MD_HEADING = re.compile(r"(#{1,6})\s*(.*?)[\s#]*")
MD_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|(?:[-*_]\s*){3,}|<!--.*-->")
MD_LINE_PREFIX = re.compile(r"^(?:>\s?)+|^[-*+]\s+")
MD_EMPHASIS = ("**", "__")
# Markdown hard line breaks: two trailing spaces or a trailing backslash.
HARD_BREAK = re.compile(r"(?: {2,}|\\)$", re.MULTILINE)

# Page furniture, never part of an article: editor lines ("本版责编：……"), the paper's
# date line ("《 人民日报 》（ 2024年03月04日 09 版）"), captions ("图为……") and lone
# page numbers ("9", "第9版", "- 9 -"). Photo credits are lines ending in 摄 (see _is_furniture).
FURNITURE = re.compile(
    r"(?:本版)?(?:责编|责任编辑|编辑|美编|版式设计|制图|校对)\s*[:：\s].*"
    r"|《\s*[^》]{1,20}》\s*[（(]?\s*\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?"
    r"\s*(?:第?\s*\d{1,3}\s*版)?\s*[）)]?"
    r"|图为.*"
    r"|(?:第\s*)?\d{1,3}\s*[版页]?"
    r"|[-—–]\s*\d{1,3}\s*[-—–]"
)
FURNITURE_MAX_CHARS = 300  # a longer line is a paragraph, whatever it starts with

# Bylines: a mark before the names ("●王一鸣") or a reporter's role ("本报记者 李四 王五").
BYLINE_MARKS = "●○◎■□◆◇▲△★☆▪"
BYLINE_ROLE = re.compile(r"(?:本报|新华社)?(?:特约)?(?:记者|通讯员|评论员|撰稿人)")
BYLINE_MAX_CHARS = 60
# Names on a byline: two to four ideographs, or a transliterated name with a middle dot.
PERSON_NAME = re.compile(f"[{HAN}]{{2,4}}|[{HAN}]{{1,8}}[·•・][{HAN}]{{1,10}}")
NAME_SEPARATORS = re.compile(r"[\s、，,；;]+")
# Common surnames, to tell an unmarked author line ("张三") from the second line of a
# title ("内在要求") in a report's title block. Not exhaustive on purpose: an author
# with a rarer surname only loses the author line to the body.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
)
COMPOUND_SURNAMES = frozenset(
    ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "公孙", "夏侯")
)
AUTHOR_LINE_MAX_CHARS = 40

# Closing notes after an article: "（作者为……）", "（作者单位：……）", "（据《人民日报》……）".
CLOSING_NOTE = re.compile(r"[（(]\s*((?:据|原载|摘自|来源|本文|作者).*?)\s*[）)]")
NOTE_SOURCE = re.compile(
    r"(?:据|原载|摘自|来源)\s*[:：]?\s*《\s*([^》]+?)\s*》\s*[，,、；;：:]?\s*"
)
NOTE_MAX_CHARS = 200

# A report's title block: a subtitle ("——在……上的报告") and a date line
# ("（2024年3月5日）", "2024年3月5日", "二〇二四年三月五日").
SUBTITLE = re.compile(r"(?:——|--|－－|—|─)\s*([^。；;！？!?]{2,60})")
DATE_DIGIT = r"[\d〇零一二三四五六七八九十]"
DATE_LINE = re.compile(
    rf"[（(]?\s*(?P<date>{DATE_DIGIT}{{2,4}}\s*年\s*{DATE_DIGIT}{{1,2}}\s*月(?:\s*{DATE_DIGIT}{{1,3}}\s*日)?)\s*[）)]?"
)
TITLE_MAX_CHARS = 60
TITLE_MAX_LINES = 3
TITLE_MIN_HAN_SHARE = 0.5  # a title is Chinese text; English-only input has no article
# A column label ("青橙观察", "【学习笔记】"): a few ideographs on a line of their own.
COLUMN_LABEL = re.compile(f"[【\\[]?([{HAN}]{{2,6}})[】\\]]?")

# Heading numbers: "一、" opens a part (level 1), "（一）" and "1．" a sub-part (level 2).
# "1." must not be followed by a digit, so "1.5万人次" stays body text, and "一、" not by
# another numeral and 、, so "一、二年级" does too.
HEADING_NUMBER = re.compile(
    rf"(?:(?P<part>[{NUMERALS}]{{1,3}}、)(?![{NUMERALS}]、)|[（(][{NUMERALS}]{{1,3}}[）)]|\d{{1,2}}[．.、](?!\d))\s*"
)
HEADING_MAX_CHARS = 40

# Enumerated points: "一是……" and "第一，……" at the start or after a punctuation mark,
# "——……" and "（1）……" at the start of a paragraph. The numbering is not part of the point.
POINT_MARKER = re.compile(
    rf"(?:^|(?<=[。；;！？!?：:，,]))\s*(?:[{NUMERALS}]{{1,2}}是|第[{NUMERALS}]{{1,2}}[，,、：:])\s*"
    r"|^(?:——|[（(]\d{1,2}[）)])\s*"
)
ENUM_POINT_MAX_CHARS = 40  # a longer enumerated item is cut at its first comma
PAUSE = re.compile(r"[，,]")
# A key point as a paragraph's lead sentence: a short verb-object slogan
# ("加强原创性、颠覆性科技创新。") followed by the paragraph that explains it.
LEAD_POINT_MAX_CHARS = 30
POINT_MIN_CHARS = 4
# A pause, a quotation or a bracket makes the lead sentence a statement, not a slogan.
LEAD_POINT_BREAKERS = re.compile(r"[，,：:“”\"‘’「」（）()]")
# The copula 是 makes a definition ("科技创新是……的核心要素"), not a task; 但是/于是/
# 可是/或是/若是/只是/凡是/倒是 and 是否/是非 are not the copula.
COPULA = re.compile(r"(?<![但于可或若只凡倒])是(?![否非])")
# A lead sentence opening with a pronoun, a time phrase or a figure narrates.
NARRATIVE_OPENER = re.compile(
    r"这|那|我|他|她|它|其|此|今年|去年|明年|近年|近期|当前|目前|过去|如今|\d"
)


# --------------------------------------------------------------------------- lines


def normalize_text(text: str) -> str:
    """Strip byte order marks and unify line ends; markdown hard breaks become plain ones."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return HARD_BREAK.sub("", text)


@dataclass(slots=True)
class _Line:
    kind: str  # "heading" (markdown), "byline", "note" or "text"
    text: str
    gap_before: bool  # a blank line separates it from the line above
    hashes: int = 0
    authors: list[str] | None = None


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = True
    for raw in normalize_text(text).splitlines():
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        hashes, content = _strip_markdown(stripped)
        # Furniture vanishes without leaving a gap, so a paragraph it cut rejoins.
        # It is checked before and after markdown stripping: "- 9 -" is no list item.
        if (
            content
            and not _is_furniture(stripped)
            and (content == stripped or not _is_furniture(content))
        ):
            lines.append(_classify(content, hashes, gap))
            gap = False
    return lines


def _strip_markdown(line: str) -> tuple[int, str]:
    # Most lines are prose: the first character tells which patterns could apply.
    if line[0] in "!-*_<" and MD_NOISE.fullmatch(line):
        return 0, ""
    if line[0] in ">-*+":
        line = MD_LINE_PREFIX.sub("", line)
    hashes = 0
    if line.startswith("#") and (heading := MD_HEADING.fullmatch(line)):
        hashes, line = len(heading[1]), heading[2]
    for mark in MD_EMPHASIS:
        if mark in line:
            line = line.replace(mark, "")
    return hashes, line.strip()


def _is_furniture(text: str) -> bool:
    if len(text) > FURNITURE_MAX_CHARS:
        return False
    credit = text.rstrip("）) ")
    return bool(FURNITURE.fullmatch(text)) or credit.endswith(("摄", "摄影"))


def _classify(text: str, hashes: int, gap: bool) -> _Line:
    if hashes:
        return _Line("heading", text, gap, hashes)
    if len(text) <= BYLINE_MAX_CHARS and (authors := _byline_authors(text)):
        return _Line("byline", text, gap, authors=authors)
    if text[0] in "（(" and len(text) <= NOTE_MAX_CHARS and CLOSING_NOTE.fullmatch(text):
        return _Line("note", text, gap)
    return _Line("text", text, gap)


def _byline_authors(text: str) -> list[str] | None:
    """The names on a byline ("●张三 李四", "本报记者 张三"), or None for any other line."""
    marked = text[0] in BYLINE_MARKS
    if not marked and not BYLINE_ROLE.match(text):
        return None
    names: list[str] = []
    for token in NAME_SEPARATORS.split(text[1:] if marked else text):
        if role := BYLINE_ROLE.match(token):
            token = token[role.end() :]
        if not token:
            continue
        if not PERSON_NAME.fullmatch(token):
            return None
        names.append(token)
    return names or None


def _closing_note(text: str) -> tuple[str | None, str | None]:
    """(source, note) of "（据《人民日报》作者为……）": the publication, then the rest."""
    inner = CLOSING_NOTE.fullmatch(text)[1]
    source = None
    if cited := NOTE_SOURCE.match(inner):
        source, inner = cited[1], inner[cited.end() :]
    return source, inner.strip(" ，,、") or None


# --------------------------------------------------------------------------- title blocks


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


# --------------------------------------------------------------------------- body


def _article(block: _TitleBlock, lines: list[_Line]) -> Article | None:
    blocks, notes = _body_blocks(lines)
    sections = _sections(blocks)
    if not any(section.paragraphs for section in sections):
        return None
    article = Article(
        block.title, block.subtitle, block.authors, block.column, date=block.date, sections=sections
    )
    for source, note in notes:
        article.source = article.source or source
        article.note = article.note or note
    return article


def _body_blocks(
    lines: list[_Line],
) -> tuple[list[tuple[int | None, str]], list[tuple[str | None, str | None]]]:
    """Headings as (level, heading) and paragraphs as (None, text), with the closing notes.

    A paragraph that ends without closing punctuation continues in the next text line;
    headings and notes end a paragraph and never join one."""
    blocks: list[tuple[int | None, str]] = []
    notes: list[tuple[str | None, str | None]] = []
    parts: list[str] = []
    for line in lines:
        if line.kind == "note":
            _flush_paragraph(parts, blocks)
            notes.append(_closing_note(line.text))
        elif line.kind == "heading":
            _flush_paragraph(parts, blocks)
            blocks.append(_markdown_heading(line))
        elif heading := _numbered_heading(line.text):
            _flush_paragraph(parts, blocks)
            blocks.append(heading)
        else:
            if parts and (parts[-1][-1] in PARAGRAPH_CLOSERS or HEADING_NUMBER.match(line.text)):
                _flush_paragraph(parts, blocks)
            parts.append(line.text)
    _flush_paragraph(parts, blocks)
    return blocks, notes


def _flush_paragraph(parts: list[str], blocks: list[tuple[int | None, str]]) -> None:
    if not parts:
        return
    pieces = [parts[0]]
    for before, after in pairwise(parts):
        # A soft-wrapped line between two Latin words needs its space back.
        if (
            before[-1].isascii()
            and before[-1].isalpha()
            and after[0].isascii()
            and after[0].isalpha()
        ):
            pieces.append(" ")
        pieces.append(after)
    blocks.append((None, "".join(pieces)))
    parts.clear()


def _markdown_heading(line: _Line) -> tuple[int, str]:
    """Level from the numbering if any ("## 一、标题", "### （一）标题"), else from the hashes."""
    number = HEADING_NUMBER.match(line.text)
    if number:
        level = 1 if number["part"] else 2
        heading = line.text[number.end() :].rstrip(HEADING_TRAILER) or line.text
    else:
        level = 1 if line.hashes <= 2 else 2
        heading = line.text.rstrip(HEADING_TRAILER) or line.text
    return level, heading


def _numbered_heading(text: str) -> tuple[int, str] | None:
    """A numbered heading alone on its line: "一、总体要求", "（二）加快建设。". A line
    ending in 。 with a pause inside is a numbered sentence, not a heading."""
    number = HEADING_NUMBER.match(text)
    if not number:
        return None
    heading = text[number.end() :].rstrip(HEADING_TRAILER)
    if not heading or len(heading) > HEADING_MAX_CHARS or SENTENCE_END.search(heading):
        return None
    if text[-1] in "。." and PAUSE.search(heading):
        return None
    return (1 if number["part"] else 2), heading


def _run_in_heading(text: str) -> tuple[int, str, str] | None:
    """A numbered paragraph whose short first sentence is its heading (report style):
    "（一）着力稳定粮食生产。其余正文……" -> (2, "着力稳定粮食生产", "其余正文……")."""
    number = HEADING_NUMBER.match(text)
    if not number:
        return None
    end = SENTENCE_END.search(text, number.end())
    if end is None:
        return None
    heading = text[number.end() : end.start()].strip()
    if not 2 <= len(heading) <= LEAD_POINT_MAX_CHARS or LEAD_POINT_BREAKERS.search(heading):
        return None
    return (1 if number["part"] else 2), heading, text[end.end() :].strip()


def _sections(blocks: list[tuple[int | None, str]]) -> list[Section]:
    sections = [Section(0, None)]
    for level, text in blocks:
        if level is not None:
            sections.append(Section(level, text))
            continue
        if run_in := _run_in_heading(text):
            level, heading, text = run_in
            sections.append(Section(level, heading))
            if not text:
                continue
        section = sections[-1]
        opening = not section.paragraphs
        section.paragraphs.append(Paragraph(text, _paragraph_points(text, opening=opening)))
    if not sections[0].paragraphs:
        del sections[0]
    return sections


# --------------------------------------------------------------------------- points


def _paragraph_points(text: str, *, opening: bool) -> list[str]:
    """Enumerated items anywhere; otherwise the lead sentence, unless the paragraph opens
    its section (an opening paragraph introduces the section's subject)."""
    points = _enumerated_points(text)
    if points or opening:
        return points
    lead = _lead_point(text)
    return [lead] if lead else []


def _enumerated_points(text: str) -> list[str]:
    markers = list(POINT_MARKER.finditer(text))
    points = []
    for number, marker in enumerate(markers):
        limit = markers[number + 1].start() if number + 1 < len(markers) else len(text)
        end = SENTENCE_END.search(text, marker.end(), limit)
        item = text[marker.end() : end.start() if end else limit].strip().rstrip(OPEN_ENDINGS + " ")
        if len(item) > ENUM_POINT_MAX_CHARS:
            pause = PAUSE.search(item)
            item = item[: pause.start()] if pause and pause.start() <= ENUM_POINT_MAX_CHARS else ""
        if len(item) >= 2:
            points.append(item)
    return points


def _lead_point(text: str) -> str | None:
    """The paragraph's first sentence if it reads as a key point: short, ended by 。 or ；
    and followed by more text, without a pause or quotation inside, not a definition
    (X是Y) and not narration."""
    end = SENTENCE_END.search(text)
    if end is None or end[0] not in "。；;" or not text[end.end() :].strip():
        return None
    sentence = text[: end.start()].strip()
    if not POINT_MIN_CHARS <= len(sentence) <= LEAD_POINT_MAX_CHARS or not HAN_CHAR.match(sentence):
        return None
    if (
        LEAD_POINT_BREAKERS.search(sentence)
        or COPULA.search(sentence, 1)
        or NARRATIVE_OPENER.match(sentence)
    ):
        return None
    return sentence


# --------------------------------------------------------------------------- entry points


def parse(text: str) -> Outline:
    """The outline of a page. Never raises; a text without an article (a title and at
    least one body paragraph) gives an outline with no articles."""
    lines = _read_lines(text)
    blocks = _find_title_blocks(lines)
    outline = Outline()
    for number, block in enumerate(blocks):
        end = blocks[number + 1].start if number + 1 < len(blocks) else len(lines)
        if article := _article(block, lines[block.body : end]):
            outline.articles.append(article)
    if outline.articles:
        outline.banner = _banner(lines, blocks[0].start)
    return outline


def outline_to_dict(outline: Outline) -> dict:
    return {
        "banner": outline.banner,
        "articles": [_article_to_dict(article) for article in outline.articles],
    }


def _article_to_dict(article: Article) -> dict:
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "authors": list(article.authors),
        "column": article.column,
        "source": article.source,
        "note": article.note,
        "date": article.date,
        "sections": [
            {
                "level": section.level,
                "heading": section.heading,
                "points": section.points,
                "paragraphs": [paragraph.text for paragraph in section.paragraphs],
            }
            for section in article.sections
        ],
    }

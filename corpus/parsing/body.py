"""Pass 3, body: rejoin paragraphs cut by line or column breaks, tell headings from
paragraphs (headings.py), read the front matter the body opens with (a salutation, a wire
lead, an abstract), open a section at each heading and read each paragraph's points."""

from __future__ import annotations

from itertools import pairwise

from corpus.parsing.front import speaker_in_text, split_column_tag, take_salutation
from corpus.parsing.front_patterns import INTRODUCES_TEXT
from corpus.parsing.headings import (
    _Block,
    assign_levels,
    clean_spacing,
    drop_contents,
    is_standalone_line,
    is_unnumbered_heading,
    numbered_blocks,
    take_items,
)
from corpus.parsing.layout import PLAIN, Layout
from corpus.parsing.lines import _closing_note, _dateline, _Line
from corpus.parsing.outline import Article, Paragraph, Section
from corpus.parsing.patterns import (
    ABSTRACT_LABELS,
    BYLINE_MARKS,
    DATE_LINE,
    HEADING_NUMBER,
    HEADING_TRAILER,
    HOME_PAPER,
    PARAGRAPH_CLOSERS,
    QUESTION_DECK_MAX_CHARS,
    SENTENCE_END,
)
from corpus.parsing.points import paragraph_lists, paragraph_points
from corpus.parsing.titles import _TitleBlock


def _article(
    block: _TitleBlock, lines: list[_Line], layout: Layout = PLAIN, *, newspaper: bool = False
) -> Article | None:
    """The article of a title block. `newspaper`: the block is one of a newspaper page's
    (found above a byline or the paper's date line), whose articles are stories unless they
    are a speech or a report printed in the paper (a speaker, a salutation)."""
    if block.running_header:
        lines = [line for line in lines if line.text not in block.running_header]
    blocks, notes = _body_blocks(lines, layout, glossary=block.glossary)
    article = Article(
        block.title,
        block.subtitle,
        list(block.authors),
        block.column,
        source=block.source,
        date=block.date,
        kicker=block.kicker,
        speakers=list(block.speakers),
    )
    if article.column is None:
        article.title, article.column = split_column_tag(article.title)
    blocks = _take_front(blocks, article)
    story = newspaper and not article.speakers and article.salutation is None
    article.sections = _sections(blocks, story=story)
    if not any(section.paragraphs for section in article.sections):
        return None
    _take_people_and_source(article, block, lines, notes)
    return article


def _take_people_and_source(
    article: Article, block: _TitleBlock, lines: list[_Line], notes: list
) -> None:
    """Who wrote or gave the article and where it comes from, from the surest sign down:
    the title block and the wire lead (already read), the closing notes and datelines,
    the bylines of its parts, a photo credit or a letter's signature, the paper's date line."""
    if block.names:  # an unmarked name line under the title: a speech's speaker, else an author
        speech = article.salutation or (article.subtitle and "在" in article.subtitle)
        (article.speakers if speech else article.authors).extend(block.names)
    for source, note, reporters in notes:
        article.source = article.source or source
        article.note = article.note or note
        if not article.authors:
            article.authors = list(reporters)
    for line in lines:
        if _signs_a_part(line):
            article.authors += [name for name in line.authors if name not in article.authors]
    signed = [line for line in lines if line.kind in ("credit", "signature")]
    if signed and not article.authors:
        article.authors = list(signed[0].authors)
    credit_source = signed[0].source if signed else None
    article.source = article.source or block.byline_source or credit_source or block.paper
    if article.source == "本报":  # "this paper": the one its date line names, else the home paper
        article.source = block.paper or HOME_PAPER


def _body_blocks(
    lines: list[_Line], layout: Layout = PLAIN, *, glossary: bool = False
) -> tuple[list[_Block], list]:
    """The body's blocks, headings told from paragraphs, with the closing notes. In a
    glossary every block is a paragraph: its numbered entries head nothing. A text that
    marks its headings up (markdown) has no unnumbered heading but those."""
    marked_up = any(line.kind == "heading" for line in lines)
    texts, notes = _text_blocks(lines, layout, marked_up=marked_up)
    if glossary:
        return [_Block("paragraph", text.text) for text in texts], notes
    blocks: list[_Block] = []
    for text in take_items(texts):
        if text.kind == "heading":
            blocks.append(_markdown_heading(text))
            continue
        parts = numbered_blocks(text.text)
        parts[0].lists = text.lists
        if (
            not marked_up
            and len(parts) == 1
            and parts[0].kind == "paragraph"
            and is_unnumbered_heading(text.text)
        ):
            parts[0] = _Block("candidate", clean_spacing(text.text))
        blocks.extend(parts)
    blocks = _join_question_decks(_take_abstract(drop_contents(blocks)))
    _resolve_candidates(blocks)
    _keep_last_bullet_as_text(blocks)
    assign_levels(blocks)
    return blocks, notes


def _resolve_candidates(blocks: list[_Block]) -> None:
    """A short line standing alone heads the text below it (see _heads), unless it sits
    right under another one: a label over a figure ("亮点" / "……增长9.6%") heads nothing."""
    labels = set()
    for number, block in enumerate(blocks):
        if block.kind != "candidate":
            continue
        after = blocks[number + 1] if number + 1 < len(blocks) else None
        stacked = number > 0 and (blocks[number - 1].kind == "candidate" or number - 1 in labels)
        if stacked or not _heads(block, after):
            labels.add(number)
        else:
            block.kind = "heading"
    for number in labels:
        blocks[number].kind = "paragraph"


def _join_question_decks(blocks: list[_Block]) -> list[_Block]:
    """A subhead in two lines, a short question and its answer ("企业信贷需求满足了吗？" /
    "装备制造业……维持高景气度"), is one heading."""
    kept: list[_Block] = []
    for block in blocks:
        question = kept[-1] if kept else None
        if (
            block.kind == "candidate"
            and question is not None
            and question.kind == "paragraph"
            and not question.run_in
            and len(question.text) <= QUESTION_DECK_MAX_CHARS
            and question.text[-1] in "？?"
            and not SENTENCE_END.search(question.text[:-1])
        ):
            kept[-1] = _Block("candidate", question.text + block.text)
            continue
        kept.append(block)
    return kept


def _heads(candidate: _Block, after: _Block | None) -> bool:
    """An unnumbered heading heads a paragraph or a numbered heading; a short line above
    nothing, above another short line, or giving a date, is a line of text."""
    if after is None or DATE_LINE.fullmatch(candidate.text):
        return False
    if after.kind == "heading":
        return after.style is not None
    return after.kind == "paragraph" and (
        after.text[-1] in PARAGRAPH_CLOSERS or after.text[-1] in "：:"
    )


def _take_abstract(blocks: list[_Block]) -> list[_Block]:
    """An abstract's label ("内容提要") goes; the paragraph under it is front matter."""
    kept: list[_Block] = []
    for block in blocks:
        if kept and kept[-1].kind == "candidate" and kept[-1].text in ABSTRACT_LABELS:
            kept.pop()
            block.front = True
        kept.append(block)
    return kept


def _keep_last_bullet_as_text(blocks: list[_Block]) -> None:
    """A bullet line heads the text below it; with nothing below it is a line of text."""
    if blocks and blocks[-1].kind == "heading" and blocks[-1].style == "bullet":
        blocks[-1] = _Block("paragraph", blocks[-1].line)


def _text_blocks(
    lines: list[_Line], layout: Layout, *, marked_up: bool
) -> tuple[list[_Block], list]:
    """Lines joined into blocks (see _ends_block). The paper's date lines, photo credits,
    signatures and bylines of parts are skipped like furniture."""
    blocks: list[_Block] = []
    notes: list[tuple[str | None, str | None, list[str]]] = []
    parts: list[str] = []
    last: _Line | None = None
    for line in lines:
        if line.kind in ("paperdate", "credit", "signature") or _signs_a_part(line):
            continue
        if line.kind == "note":
            _flush(parts, blocks)
            notes.append(_closing_note(line.text))
        elif line.kind == "heading":
            _flush(parts, blocks)
            blocks.append(_Block("heading", line.text, hashes=line.hashes))
        else:
            if parts and _ends_block(parts, last, line, layout, marked_up=marked_up):
                _flush(parts, blocks)
            parts.append(line.text)
            last = line
    _flush(parts, blocks)
    return blocks, notes


def _signs_a_part(line: _Line) -> bool:
    """A reporter's byline inside an article ("本报记者  刘诗瑶" under a heading) signs a part
    of it; a marked line ("●政府建设") there is a line of text."""
    return line.kind == "byline" and line.text[0] not in BYLINE_MARKS


def _ends_block(
    parts: list[str], last: _Line, line: _Line, layout: Layout, *, marked_up: bool
) -> bool:
    """Whether `line` starts a new block after the lines in `parts` (`last` the latest).

    In a hard-wrapped text a line that fills the width goes on in the next line unless that
    one starts a paragraph (indented, below a blank line where paragraphs are spaced so, or
    numbered where nothing marks them); a shorter line ends its block. In a text of one
    paragraph per line every line is a block. Otherwise a block ends with a sentence,
    before an indented or numbered line, and after a line standing alone (a numbered
    heading; a short unnumbered one when a blank line follows it, unless headings are
    marked up: there it is a line cut by a column break)."""
    if layout.wrap_width:
        if not layout.fills_line(last):
            return True
        if layout.indented:
            return line.indented
        return (layout.spaced and line.gap_before) or bool(HEADING_NUMBER.match(line.text))
    text = parts[-1]
    if layout.line_per_paragraph and not marked_up:
        # Only a line left open goes on: "……维度——", "……，" (a dash or a pause ends no
        # line; a colon does, the items below it are lines of their own).
        return not (text.endswith("—") or text[-1] in "，,、") or bool(
            HEADING_NUMBER.match(line.text)
        )
    if text[-1] in PARAGRAPH_CLOSERS or line.indented or HEADING_NUMBER.match(line.text):
        return True
    if len(parts) == 2 and parts[0].endswith("—"):
        text = "".join(parts)  # "为何著书——" / "中国不是难解的谜团，而是鲜活的拼图"
    elif len(parts) > 1:
        return False
    if HEADING_NUMBER.match(text):
        return is_standalone_line(text)
    return line.gap_before and not marked_up and is_standalone_line(text)


def _flush(parts: list[str], blocks: list[_Block]) -> None:
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
    blocks.append(_Block("text", "".join(pieces)))
    parts.clear()


def _markdown_heading(block: _Block) -> _Block:
    """A markdown heading's level comes from its numbering if any ("## 一、标题"), else from
    its hashes."""
    number = HEADING_NUMBER.match(block.text)
    if number and (heading := block.text[number.end() :].rstrip(HEADING_TRAILER)):
        return _Block("heading", clean_spacing(heading), number.lastgroup, block.hashes)
    heading = block.text.rstrip(HEADING_TRAILER) or block.text
    return _Block("heading", clean_spacing(heading), hashes=block.hashes)


def _take_front(blocks: list[_Block], article: Article) -> list[_Block]:
    """The front matter a body opens with, before its first heading: a salutation
    ("各位代表："), a wire lead ("新华社北京5月25日电  ……") with the line introducing the
    text ("……全文如下。"). The salutation goes to the article; the lead stays as text that
    states no key point, and names the source and the speaker.

    A story that opens with a dateline and carries no text (nothing introduced, no
    headings) is a news report: it tells what happened, all of it as its lead does, and
    states no key point either ("本报青溪10月19日电  ……茶文化节开幕……")."""
    kept: list[_Block] = []
    lead = carries_text = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            return kept + blocks[index:]
        if not kept and article.salutation is None:
            article.salutation, block.text = take_salutation(block.text)
            if not block.text:
                continue
        if not kept and (dated := _dateline(block.text)):
            article.source = article.source or dated[0]
            article.authors = article.authors or list(dated[1])
            speaker = speaker_in_text(block.text, giving_report=True)
            if speaker and speaker not in article.speakers:
                article.speakers.append(speaker)
            block.front = lead = True
            carries_text = bool(INTRODUCES_TEXT.fullmatch(_last_sentence(block.text)))
        elif lead and INTRODUCES_TEXT.fullmatch(block.text):
            block.front = carries_text = True
        kept.append(block)
    if lead and not carries_text:
        for block in kept:
            block.front = True
    return kept


def _last_sentence(text: str) -> str:
    """The last sentence of a paragraph ("规划全文如下。" of "……印发了规划。规划全文如下。")."""
    before_its_end = text.rstrip()[:-1]
    ends = [end.end() for end in SENTENCE_END.finditer(before_its_end)]
    return text[ends[-1] :].strip() if ends else text


def _sections(blocks: list[_Block], *, story: bool = False) -> list[Section]:
    sections = [Section(0, None)]
    for block in blocks:
        if block.kind == "heading":
            sections.append(Section(block.level, block.text))
            continue
        if not block.text:
            continue
        lists = block.lists + [
            items for items in paragraph_lists(block.text) if items not in block.lists
        ]
        points = [] if block.front or block.run_in else paragraph_points(block.text, story=story)
        sections[-1].paragraphs.append(Paragraph(block.text, points, lists))
    if not sections[0].paragraphs:
        del sections[0]
    return sections

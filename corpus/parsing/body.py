"""Pass 3, body: rejoin paragraphs cut by column breaks, open a section at each heading."""

from __future__ import annotations

from itertools import pairwise

from corpus.parsing.lines import _closing_note, _Line
from corpus.parsing.outline import Article, Paragraph, Section
from corpus.parsing.patterns import (
    HEADING_MAX_CHARS,
    HEADING_NUMBER,
    HEADING_TRAILER,
    LEAD_POINT_BREAKERS,
    LEAD_POINT_MAX_CHARS,
    PARAGRAPH_CLOSERS,
    PAUSE,
    SENTENCE_END,
)
from corpus.parsing.points import _paragraph_points
from corpus.parsing.titles import _TitleBlock


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

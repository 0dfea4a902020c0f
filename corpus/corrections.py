"""A document owner's corrections of the importer's outline, as a list kept with the document.

Each correction names the line it changes by its text, never by a position, so the list can be
replayed on a fresh parse of the same text (after the parser improved, say) and still mean the
same thing; a correction whose line is no longer there is skipped. Pure Python, on the parser's
outline.

    {"op": "heading", "text": line, "level": 2}   a body paragraph, or a heading, at level 2
    {"op": "body", "text": heading}                a heading back to a body paragraph
    {"op": "point", "text": point}                 a sentence of a paragraph becomes a key point
    {"op": "unpoint", "text": point}               a key point is only text again
    {"op": "split", "text": heading}               a new article starts at this heading
    {"op": "merge", "text": title}                 the article joins the one before it
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from corpus.parsing import Article, Outline, Paragraph, Section

OPERATIONS = ("heading", "body", "point", "unpoint", "split", "merge")
MAX_LEVEL = 5
MAX_CORRECTIONS = 500  # a document's whole list; more is not correcting, it is rewriting


class CorrectionError(ValueError):
    """The correction does not fit the outline (its line is not there, or it changes nothing)."""


def apply_all(outline: Outline, corrections: list[dict]) -> Outline:
    """The outline with every correction that still fits applied, in order."""
    corrected = copy.deepcopy(outline)
    for correction in corrections:
        try:
            _apply(corrected, correction)
        except CorrectionError:
            continue
    return corrected


def apply_one(outline: Outline, correction: dict) -> Outline:
    """The outline with one more correction; CorrectionError if it does not fit."""
    corrected = copy.deepcopy(outline)
    _apply(corrected, correction)
    return corrected


def _apply(outline: Outline, correction: dict) -> None:
    op, text = correction.get("op"), (correction.get("text") or "").strip()
    if op not in OPERATIONS or not text:
        raise CorrectionError(op)
    if op == "heading":
        level = correction.get("level")
        if not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
            raise CorrectionError("level")
        _make_heading(outline, text, level)
    elif op == "body":
        _make_body(outline, text)
    elif op == "point":
        _add_point(outline, text)
    elif op == "unpoint":
        _remove_point(outline, text)
    elif op == "split":
        _split(outline, text)
    else:
        _merge(outline, text)


def _sections(outline: Outline) -> Iterator[tuple[Article, int, Section]]:
    for article in outline.articles:
        for index, section in enumerate(article.sections):
            yield article, index, section


def _make_heading(outline: Outline, text: str, level: int) -> None:
    for article, index, section in _sections(outline):
        if section.heading == text:
            if section.level == level:
                raise CorrectionError("unchanged")
            section.level = level
            return
        for position, paragraph in enumerate(section.paragraphs):
            if paragraph.text == text:
                moved = section.paragraphs[position + 1 :]
                del section.paragraphs[position:]
                article.sections.insert(index + 1, Section(level, text, moved))
                return
    raise CorrectionError("missing")


def _make_body(outline: Outline, text: str) -> None:
    for article, index, section in _sections(outline):
        if section.heading == text:
            paragraphs = [Paragraph(text), *section.paragraphs]
            del article.sections[index]
            if index == 0:
                article.sections.insert(0, Section(0, None, paragraphs))
            else:
                article.sections[index - 1].paragraphs.extend(paragraphs)
            return
    raise CorrectionError("missing")


def _add_point(outline: Outline, text: str) -> None:
    for _article, _index, section in _sections(outline):
        for paragraph in section.paragraphs:
            if text in paragraph.text:
                if text in paragraph.points:
                    raise CorrectionError("unchanged")
                at = paragraph.text.index(text)
                before = [p for p in paragraph.points if paragraph.text.find(p) <= at]
                paragraph.points.insert(len(before), text)
                return
    raise CorrectionError("missing")


def _remove_point(outline: Outline, text: str) -> None:
    for _article, _index, section in _sections(outline):
        for paragraph in section.paragraphs:
            if text in paragraph.points:
                paragraph.points.remove(text)
                return
    raise CorrectionError("missing")


def _split(outline: Outline, text: str) -> None:
    for number, article in enumerate(outline.articles):
        for index, section in enumerate(article.sections):
            if section.heading == text and index > 0:
                moved = article.sections[index:]
                del article.sections[index:]
                lead = Section(0, None, moved[0].paragraphs)
                rest = moved[1:]
                top = min((s.level for s in rest if s.level), default=1)
                for later in rest:  # the new article's outermost headings are level 1
                    if later.level:
                        later.level = max(1, later.level - top + 1)
                new = Article(title=text, sections=[lead, *rest], source=article.source)
                outline.articles.insert(number + 1, new)
                return
    raise CorrectionError("missing")


def _merge(outline: Outline, title: str) -> None:
    for number, article in enumerate(outline.articles):
        if article.title == title and number > 0:
            previous = outline.articles[number - 1]
            sections = list(article.sections)
            for section in sections:  # under the title, which becomes a heading of level 1
                if section.level:
                    section.level = min(section.level + 1, MAX_LEVEL)
            if sections and sections[0].heading is None:
                sections[0] = Section(1, article.title, sections[0].paragraphs)
            else:
                sections.insert(0, Section(1, article.title, []))
            previous.sections.extend(sections)
            del outline.articles[number]
            return
    raise CorrectionError("missing")

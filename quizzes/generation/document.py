"""Where item sources live in an outline: titles, headings and paragraphs, with their indices."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from corpus.parsing import Article, Outline

TITLE, HEADING, PARAGRAPH = "title", "heading", "paragraph"


@dataclass(frozen=True, slots=True)
class Place:
    """A text an item's `source` is a slice of. A title is addressed as paragraph None of
    the article's first section, which then has no heading (see Item)."""

    role: str  # TITLE, HEADING or PARAGRAPH
    article: int
    section: int
    paragraph: int | None
    text: str


def title_place(article: Article, index: int) -> Place | None:
    """The title as a source, when the first section has no heading of its own to clash with."""
    if article.sections and article.sections[0].heading is None and article.title:
        return Place(TITLE, index, 0, None, article.title)
    return None


def heading_of(article: Article, article_index: int, section_index: int) -> Place | None:
    """What a section is called: its heading, or the article's title for the untitled first section."""
    section = article.sections[section_index]
    if section.heading:
        return Place(HEADING, article_index, section_index, None, section.heading)
    if section_index == 0:
        return title_place(article, article_index)
    return None


def paragraph_places(article: Article, article_index: int) -> Iterator[tuple[Place, list[str]]]:
    """Every paragraph of an article with its key points, in reading order."""
    for section_index, section in enumerate(article.sections):
        for paragraph_index, paragraph in enumerate(section.paragraphs):
            yield (
                Place(PARAGRAPH, article_index, section_index, paragraph_index, paragraph.text),
                paragraph.points,
            )


def article_texts(article: Article) -> list[str]:
    """The title, headings and paragraph texts of an article, in reading order."""
    texts = [article.title]
    for section in article.sections:
        if section.heading:
            texts.append(section.heading)
        texts.extend(paragraph.text for paragraph in section.paragraphs)
    return texts


def all_texts(outline: Outline) -> list[str]:
    """Titles, headings and paragraph texts of the whole outline, in reading order."""
    return [text for article in outline.articles for text in article_texts(article)]

"""The outline a page parses into, and its plain-dict form (`import_articles --json`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    points: list[str] = field(default_factory=list)
    # Lists the paragraph states (一是……二是……, 第一，……第二，……): material for a list item,
    # not key points of the outline.
    lists: list[list[str]] = field(default_factory=list)


@dataclass
class Section:
    level: int
    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def points(self) -> list[str]:
        return [point for paragraph in self.paragraphs for point in paragraph.points]

    @property
    def lists(self) -> list[list[str]]:
        return [items for paragraph in self.paragraphs for items in paragraph.lists]


@dataclass
class Article:
    title: str  # "" when the text has none (a speech that opens with 同志们：)
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    column: str | None = None
    source: str | None = None
    note: str | None = None
    date: str | None = None
    kicker: str | None = None  # 引题, the line above the title
    speakers: list[str] = field(default_factory=list)  # who gives the report or signs the order
    salutation: str | None = None  # 各位代表, 同志们
    sections: list[Section] = field(default_factory=list)


@dataclass
class Outline:
    banner: str | None = None
    articles: list[Article] = field(default_factory=list)


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
        "kicker": article.kicker,
        "speakers": list(article.speakers),
        "salutation": article.salutation,
        "sections": [
            {
                "level": section.level,
                "heading": section.heading,
                "points": section.points,
                "lists": section.lists,
                "paragraphs": [paragraph.text for paragraph in section.paragraphs],
            }
            for section in article.sections
        ],
    }

"""The outline a page parses into, and its plain-dict form (`import_articles --json`)."""

from __future__ import annotations

from dataclasses import dataclass, field


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

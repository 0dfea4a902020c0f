"""The importer against the gold outlines of the real corpus (docs/gold-outlines.md).

`score(path)` reads a document of ../shared/corpus/real/ the way the importer does (the text
decoder, or the PDF and Word readers) and compares its outline with the gold one: recall and
precision of the headings (each at its level) and of the key points, and the title block
field by field. `python -m tests.corpus.gold` prints the table for every document.
"""

import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from corpus import parsing
from corpus.decoding import decode
from tests.conftest import CORPUS_DIR

GOLD_DIR = Path(__file__).resolve().parent / "gold"
REAL_DIR = CORPUS_DIR / "real"
TRAILING = "。；;：:！!，,"
TITLE_FIELDS = ("title", "subtitle", "date", "people", "source")


def normal(text: str | None) -> str:
    """Text compared the way a reader compares it: width folded, spacing and the closing mark gone."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).rstrip(TRAILING)


@dataclass
class Match:
    gold: int
    found: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0


@dataclass
class Score:
    file: str
    format: str
    headings: Match
    points: Match
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # wrong ones: (gold, found)
    articles: tuple[int, int] = (0, 0)  # (gold, found)


def _match(gold: list, found: list) -> Match:
    matched = sum((Counter(gold) & Counter(found)).values())
    return Match(len(gold), len(found), matched)


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json"))


def document_text(path: Path) -> str:
    """The document's text as the importer reads it."""
    data = path.read_bytes()
    if path.suffix in {".pdf", ".docx"}:
        from corpus.formats import read_document

        text, _format = read_document(data, max_bytes=len(data) + 1)
        return text
    return decode(data, max_bytes=len(data) + 1).text


def _people(article) -> list[str]:
    return sorted(normal(person) for person in [*article.authors, *article.speakers])


def _found_fields(article) -> dict[str, str]:
    return {
        "title": normal(article.title),
        "subtitle": normal(article.subtitle),
        "date": normal(article.date),
        "people": ",".join(_people(article)),
        "source": normal(article.source),
    }


def _gold_fields(article: dict) -> dict[str, str]:
    people = sorted(normal(p) for p in [*article.get("authors", []), *article.get("speakers", [])])
    return {
        "title": normal(article.get("title")),
        "subtitle": normal(article.get("subtitle")),
        "date": normal(article.get("date")),
        "people": ",".join(people),
        "source": normal(article.get("source")),
    }


def score(gold_path: Path) -> Score:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    outline = parsing.parse(document_text(REAL_DIR / gold["file"]))
    found_articles = outline.articles
    gold_articles = gold["articles"]
    headings_gold = [(h["level"], normal(h["text"])) for a in gold_articles for h in a["headings"]]
    headings_found = [
        (section.level, normal(section.heading))
        for article in found_articles
        for section in article.sections
        if section.heading is not None
    ]
    points_gold = [normal(point) for a in gold_articles for point in a["points"]]
    points_found = [
        normal(point)
        for article in found_articles
        for section in article.sections
        for point in section.points
    ]
    result = Score(
        gold["file"],
        gold["format"],
        _match(headings_gold, headings_found),
        _match(points_gold, points_found),
        articles=(len(gold_articles), len(found_articles)),
    )
    by_title = {normal(a.title): a for a in found_articles}
    for number, expected in enumerate(gold_articles):
        title = normal(expected.get("title"))
        article = by_title.get(title) or (
            found_articles[number] if number < len(found_articles) else None
        )
        wanted = _gold_fields(expected)
        got = _found_fields(article) if article else dict.fromkeys(TITLE_FIELDS, "∅")
        for name in TITLE_FIELDS:
            if wanted[name] != got[name]:
                result.fields[f"{number}.{name}"] = (wanted[name], got[name])
    return result


def main() -> int:
    print(
        f"{'document':58} {'fmt':4} {'art':>7} {'head R':>7} {'head P':>7} {'pts R':>6} {'pts P':>6}  fields"
    )
    for path in gold_files():
        try:
            result = score(path)
        except Exception as error:  # a reader not there yet: say so and go on
            print(f"{path.stem:58} error: {error!r}")
            continue
        wrong = ", ".join(sorted({key.split(".", 1)[1] for key in result.fields}))
        print(
            f"{result.file:58} {result.format:4} {result.articles[1]:>3}/{result.articles[0]:<3}"
            f" {result.headings.recall:7.2f} {result.headings.precision:7.2f}"
            f" {result.points.recall:6.2f} {result.points.precision:6.2f}  {wrong or 'ok'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

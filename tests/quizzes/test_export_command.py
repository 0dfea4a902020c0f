import io
import json

import pytest
from django.core.management import CommandError, call_command

from quizzes import exporting
from quizzes.models import StudyItem
from tests.corpus.samples import make_document
from tests.quizzes.test_exporting import CSV_HEADER_LINES, make_item, make_items, open_collection


@pytest.fixture
def items(db):
    return make_items(make_document())


@pytest.fixture
def other_article(items):
    """A second article in the same document, with one item of its own."""
    first = items["cloze"].article
    article = first.document.articles.create(position=first.position + 1, title="另一篇文章")
    make_item(article, key="k-other")
    return article


def export_items(*args: str) -> str:
    out = io.StringIO()
    call_command("export_items", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_active_item_as_json(items, other_article):
    exported = json.loads(export_items("--format", "json"))

    assert [entry["id"] for entry in exported] == [
        *(item.key for item in items.values()),
        "k-other",
    ]


def test_it_prints_the_anki_text_file(items):
    text = export_items("--format", "csv")

    lines = text.splitlines()
    assert lines[: len(CSV_HEADER_LINES)] == CSV_HEADER_LINES
    assert len(lines) == len(CSV_HEADER_LINES) + len(items)


def test_it_writes_a_package_to_the_output_file(items, tmp_path):
    output = tmp_path / "items.apkg"

    message = export_items("--format", "apkg", "--output", str(output))

    # The package brings every item, the disabled and the retired one suspended.
    every_item = StudyItem.objects.count()
    assert every_item == len(items) + 2
    assert f"{every_item} item(s)" in message
    with open_collection(output, tmp_path) as collection:
        assert collection.execute("SELECT count(*) FROM notes").fetchone()[0] == every_item
        suspended = collection.execute("SELECT count(*) FROM cards WHERE queue = -1")
        assert suspended.fetchone()[0] == 2
        decks = json.loads(collection.execute("SELECT decks FROM col").fetchone()[0])
    assert decks[str(exporting.deck_id("学而"))]["name"] == "学而"


def test_it_writes_json_to_the_output_file(items, tmp_path):
    output = tmp_path / "items.json"

    export_items("--format", "json", "--output", str(output))

    assert len(json.loads(output.read_text(encoding="utf-8"))) == len(items)


def test_it_exports_only_the_chosen_article(items, other_article, tmp_path):
    exported = json.loads(export_items("--format", "json", "--article", str(other_article.pk)))
    assert [entry["id"] for entry in exported] == ["k-other"]

    output = tmp_path / "article.apkg"
    export_items("--format", "apkg", "--article", str(other_article.pk), "--output", str(output))
    with open_collection(output, tmp_path) as collection:
        decks = json.loads(collection.execute("SELECT decks FROM col").fetchone()[0])
    deck_name = f"学而::{other_article.document.title}::另一篇文章"
    assert decks[str(exporting.deck_id(deck_name))]["name"] == deck_name


def test_it_exports_only_the_chosen_document(items, other_article):
    elsewhere = make_document(
        text="## 别的版面\n\n另一篇\n\n●某人\n\n正文一段。\n", filename="other.md"
    )
    make_item(elsewhere.articles.first(), key="k-elsewhere")

    exported = json.loads(export_items("--format", "json", "--document", str(elsewhere.pk)))

    assert [entry["id"] for entry in exported] == ["k-elsewhere"]
    assert StudyItem.objects.active().count() == len(items) + 2


def test_it_prints_an_empty_export(db):
    assert json.loads(export_items("--format", "json")) == []
    assert export_items("--format", "csv").splitlines() == CSV_HEADER_LINES


def test_it_refuses_unknown_ids(items):
    with pytest.raises(CommandError, match="no article with id 999999"):
        export_items("--format", "json", "--article", "999999")
    with pytest.raises(CommandError, match="no document with id 999999"):
        export_items("--format", "json", "--document", "999999")


def test_it_refuses_a_package_without_an_output_file(items):
    with pytest.raises(CommandError, match="--output"):
        export_items("--format", "apkg")


def test_it_refuses_an_unknown_format(db):
    with pytest.raises(CommandError, match="invalid choice"):
        export_items("--format", "xlsx")

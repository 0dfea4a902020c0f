"""The exports of real documents (../shared/corpus/real/, read as the importer reads them):
one JSON object and one Anki note per fact, no fact asked twice, options in their own field.
Without the corpus the tests skip."""

import json
import re
from pathlib import Path

import pytest

from quizzes import exporting
from quizzes.itemstore import items_generate
from quizzes.models import StudyItem
from tests.corpus.gold import REAL_DIR, document_text
from tests.corpus.samples import make_document
from tests.quizzes.test_exporting import package_notes

# Five kinds of text, short enough to generate in a test.
DOCUMENTS = [
    "rmrb-20191015-p09-theory-01.txt",  # a theory article
    "rmrb-20191001-editorial.txt",  # an editorial
    "rmrb-20191015-p05-commentator.txt",  # a commentator's article
    "ccdi-plenum-communique-2020-rmrb.txt",  # a plenum communiqué
    "regulation-business-environment-2019-rmrb.txt",  # a regulation (第一章/第一条)
]
BLANKS = re.compile(r"_{2,}|＿+")

pytestmark = pytest.mark.skipif(
    not REAL_DIR.is_dir(), reason=f"real corpus not found at {REAL_DIR}"
)


@pytest.fixture
def library(db):
    for name in DOCUMENTS:
        items_generate(make_document(text=document_text(REAL_DIR / name), filename=name))
    return StudyItem.objects.all()


def asks(entry: dict) -> tuple:
    """What an exported item asks, blanks and options set aside."""
    prompt = BLANKS.sub("", entry["prompt"]).strip()
    return (entry["article"], prompt, tuple(sorted(entry["answers"])))


@pytest.mark.django_db
def test_it_exports_each_fact_once_as_json(library):
    exported = json.loads(exporting.items_to_json(library))

    assert len(exported) == library.filter(status=StudyItem.Status.ACTIVE).count() > 50
    assert len({(entry["article"], entry["id"]) for entry in exported}) == len(exported)
    twins = [entry for entry in exported if [asks(e) for e in exported].count(asks(entry)) > 1]
    assert not twins, json.dumps(twins[:6], ensure_ascii=False, indent=1)
    for entry in exported:
        if entry["options"]:
            assert set(entry["answers"]) <= set(entry["options"]), entry


@pytest.mark.django_db
def test_it_packages_each_fact_as_one_note_with_no_duplicate(library, tmp_path: Path):
    notes = package_notes(exporting.items_to_apkg(library), tmp_path)

    assert len(notes) == library.count()
    first_fields = [(note["mid"], note["fields"][0]) for note in notes.values()]
    assert len(set(first_fields)) == len(first_fields)  # what Anki's Find Duplicates compares
    by_guid = {
        exporting.item_guid(item): item for item in library.select_related("article__document")
    }
    for guid, note in notes.items():
        item = by_guid[guid]
        options = note["fields"][1]
        if item.options:
            assert options.count("<li") == len(item.options)
            assert options.count('class="right"') == len(set(item.answers) & set(item.options))
        else:
            assert options == ""
        assert note["queues"] == (
            [0] * len(note["queues"]) if item.status == "active" else [-1] * len(note["queues"])
        )

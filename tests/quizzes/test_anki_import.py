"""The .apkg as Anki's own importer sees it, on real documents.

Anki's Python package is no dependency of 学而: these tests run with ANKI_PYTHON naming a
Python that has it (`python -m venv /tmp/ankivenv && /tmp/ankivenv/bin/pip install anki`,
then ANKI_PYTHON=/tmp/ankivenv/bin/python), and skip otherwise. They import with
scripts/anki_import_check.py into a fresh collection, as a learner imports a download.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizzes import exporting
from quizzes.itemstore import items_generate
from quizzes.models import StudyItem
from tests.corpus.gold import REAL_DIR, document_text
from tests.corpus.samples import make_document
from tests.quizzes.test_export_real_documents import DOCUMENTS  # the same five kinds of text

ANKI_PYTHON = os.environ.get("ANKI_PYTHON", "")
CHECK = Path(__file__).resolve().parents[2] / "scripts" / "anki_import_check.py"

pytestmark = [
    pytest.mark.skipif(not ANKI_PYTHON, reason="set ANKI_PYTHON to a Python with `anki`"),
    pytest.mark.skipif(not REAL_DIR.is_dir(), reason=f"real corpus not found at {REAL_DIR}"),
]


def anki_import(*packages: Path, with_scheduling: bool = False) -> list[dict]:
    """What Anki reports for each package, imported in order into one fresh collection."""
    command = [ANKI_PYTHON, str(CHECK), *map(str, packages)]
    if with_scheduling:
        command.append("--with-scheduling")
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    steps = [json.loads(line) for line in result.stdout.splitlines()]
    for step in steps:
        print(json.dumps(step, ensure_ascii=False), file=sys.stderr)
    return steps


def write_package(path: Path, items) -> Path:
    path.write_bytes(exporting.items_to_apkg(items))
    return path


@pytest.fixture
def documents(db):
    documents = []
    for name in DOCUMENTS:
        document = make_document(text=document_text(REAL_DIR / name), filename=name)
        items_generate(document)
        documents.append(document)
    return documents


@pytest.mark.django_db
def test_anki_imports_one_note_per_item_and_nothing_again(documents, tmp_path):
    disabled = list(StudyItem.objects.active().values_list("pk", flat=True)[:5])
    StudyItem.objects.filter(pk__in=disabled).update(status=StudyItem.Status.DISABLED)
    package = write_package(tmp_path / "library.apkg", StudyItem.objects.all())
    for document in documents:  # the same text generated again: every key is kept
        items_generate(document)
    regenerated = write_package(tmp_path / "regenerated.apkg", StudyItem.objects.all())

    first, again, after_regeneration = anki_import(
        package, package, regenerated, with_scheduling=True
    )

    total = StudyItem.objects.count()
    inactive = StudyItem.objects.exclude(status=StudyItem.Status.ACTIVE).count()
    assert first["new"] == first["notes"] == total
    assert first["cards"] >= total and first["suspended"] >= inactive >= len(disabled)
    assert first["duplicate_first_fields"] == 0
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, total)
    assert (after_regeneration["new"], after_regeneration["updated"]) == (0, 0)
    assert first["conflicting"] == again["conflicting"] == 0
    assert first["tagged_inactive"] == inactive


@pytest.mark.django_db
def test_anki_without_learning_progress_makes_cards_new_but_keeps_the_tags(documents, tmp_path):
    """Anki's "Import any learning progress" off (its desktop default) makes every imported
    card new, suspended or not: the status-* tags still find the disabled and retired ones."""
    disabled = list(StudyItem.objects.active().values_list("pk", flat=True)[:3])
    StudyItem.objects.filter(pk__in=disabled).update(status=StudyItem.Status.DISABLED)

    [step] = anki_import(write_package(tmp_path / "library.apkg", StudyItem.objects.all()))

    inactive = StudyItem.objects.exclude(status=StudyItem.Status.ACTIVE).count()
    assert step["new"] == StudyItem.objects.count()
    assert step["tagged_inactive"] == inactive >= len(disabled)


@pytest.mark.django_db
def test_anki_adds_only_the_new_facts_of_a_revised_text(documents, tmp_path):
    """A revised text is a new document: Anki adds its new facts, updates those that read
    differently, and leaves the unchanged ones (and what the learner edited in them) alone."""
    document = documents[0]
    text = document_text(REAL_DIR / DOCUMENTS[0])
    paragraphs = [line for line in text.split("\n") if len(line) > 80]
    revised = make_document(
        text=text.replace(paragraphs[0], "").replace(paragraphs[-1], paragraphs[-1] * 2),
        filename="revised.txt",
    )
    items_generate(revised)
    before = {item.key: reads(item) for item in StudyItem.objects.of_document(document)}
    after = {item.key: reads(item) for item in StudyItem.objects.of_document(revised)}
    assert before.keys() != after.keys()

    first, revision = anki_import(
        write_package(tmp_path / "first.apkg", StudyItem.objects.of_document(document)),
        write_package(tmp_path / "revised.apkg", StudyItem.objects.of_document(revised)),
    )

    kept = before.keys() & after.keys()
    assert first["new"] == len(before)
    assert revision["new"] == len(after.keys() - before.keys())
    assert revision["notes"] == len(before.keys() | after.keys())
    assert revision["updated"] == sum(before[key] != after[key] for key in kept)
    assert revision["unchanged"] == sum(before[key] == after[key] for key in kept) > 0
    assert revision["conflicting"] == 0


def reads(item: StudyItem) -> tuple:
    """What a learner sees of an item."""
    return (
        item.kind,
        item.status,
        item.prompt,
        item.answers,
        item.options,
        item.cloze,
        item.source,
    )

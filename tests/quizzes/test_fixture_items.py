"""The real newspaper page, imported and generated through the Django side."""

import os
from pathlib import Path

import pytest

from quizzes.generating import items_generate
from quizzes.generation.items import KINDS
from quizzes.models import StudyItem
from tests.corpus.samples import make_document

PAGE = Path(os.environ.get("XUEER_SHARED_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")
PAGE = PAGE / "newspaper-page-2024.md"
pytestmark = pytest.mark.skipif(
    not PAGE.exists() and os.environ.get("XUEER_REQUIRE_FIXTURE") != "1", reason=f"no fixture page at {PAGE}"
)


@pytest.mark.django_db
def test_it_keeps_every_item_key_when_the_page_is_imported_again():
    text = PAGE.read_text(encoding="utf-8")
    document = make_document(text, filename="page.md")
    items_generate(document)
    first = sorted(StudyItem.objects.of_document(document).values_list("article__position", "key"))
    assert {kind for kind in StudyItem.objects.values_list("kind", flat=True)} == set(KINDS)

    document.delete()
    again = make_document(text, filename="page-again.md")
    items_generate(again)

    assert sorted(StudyItem.objects.of_document(again).values_list("article__position", "key")) == first

"""The real newspaper page, imported and generated through the Django side."""

import pytest

from quizzes.generation.items import KINDS
from quizzes.itemstore import items_generate
from quizzes.models import StudyItem
from tests.conftest import FIXTURE_PAGE, needs_fixture
from tests.corpus.samples import make_document

pytestmark = needs_fixture


@pytest.mark.django_db
def test_it_keeps_every_item_key_when_the_page_is_imported_again():
    text = FIXTURE_PAGE.read_text(encoding="utf-8")
    document = make_document(text, filename="page.md")
    items_generate(document)
    first = sorted(StudyItem.objects.of_document(document).values_list("article__position", "key"))
    # Every kind of fact (single choices are the options of one-blank facts).
    kinds = set(StudyItem.objects.values_list("kind", flat=True))
    assert {"cloze", "quote", "number", "multi", "enumeration"} <= kinds <= set(KINDS) - {"choice"}
    assert StudyItem.objects.filter(kind="cloze", options__isnull=False).exists()

    document.delete()
    again = make_document(text, filename="page-again.md")
    items_generate(again)

    assert (
        sorted(StudyItem.objects.of_document(again).values_list("article__position", "key"))
        == first
    )

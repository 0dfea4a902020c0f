"""Stored items: generated once per import, upserted by stable key, retired never deleted."""

import pytest

from corpus.models import Paragraph
from quizzes.itemstore import items_generate
from quizzes.models import Generation, StudyItem
from tests.corpus.samples import make_document


def keys(document) -> set[str]:
    return set(StudyItem.objects.of_document(document).values_list("key", flat=True))


@pytest.mark.django_db
def test_it_generates_items_of_several_kinds_with_their_source_rows():
    document = make_document()
    progress = items_generate(document)

    assert progress.state == Generation.State.DONE and progress.done == progress.total == 1
    items = list(StudyItem.objects.of_document(document).select_related("paragraph", "section"))
    assert len({item.kind for item in items}) >= 3
    for item in items:
        if item.paragraph is not None:
            assert item.paragraph.text[item.start : item.end] == item.source
        assert item.section is not None


@pytest.mark.django_db
def test_it_keeps_every_key_when_generating_again():
    document = make_document()
    items_generate(document)
    first = {item.key: item.pk for item in StudyItem.objects.of_document(document)}

    items_generate(document)

    assert {item.key: item.pk for item in StudyItem.objects.of_document(document)} == first
    assert not StudyItem.objects.filter(status=StudyItem.Status.RETIRED).exists()


@pytest.mark.django_db
def test_it_changes_only_the_corrected_paragraphs_items_and_retires_the_old_ones():
    document = make_document()
    items_generate(document)
    before = keys(document)
    paragraph = Paragraph.objects.get(text__startswith="推广流动图书服务")
    untouched = set(
        StudyItem.objects.of_document(document)
        .exclude(paragraph=paragraph)
        .exclude(paragraph__isnull=True)
        .values_list("key", flat=True)
    )
    old_of_paragraph = set(
        StudyItem.objects.filter(paragraph=paragraph).values_list("key", flat=True)
    )
    assert old_of_paragraph
    # The section's key-point card and list recall name this paragraph's point too.
    naming_the_point = {
        item.key
        for item in StudyItem.objects.of_document(document)
        if "推广流动图书服务" in item.answers
    }

    # A correction of that paragraph (its key point included): 流动 becomes 移动.
    paragraph.text = paragraph.text.replace("流动", "移动")
    paragraph.save()
    paragraph.points.update(text="推广移动图书服务")
    items_generate(document)

    active = set(StudyItem.objects.of_document(document).active().values_list("key", flat=True))
    assert untouched <= active
    retired = set(
        StudyItem.objects.filter(status=StudyItem.Status.RETIRED).values_list("key", flat=True)
    )
    assert retired and retired <= old_of_paragraph | naming_the_point
    assert retired & old_of_paragraph
    assert keys(document) >= before  # nothing deleted: a learner's history keeps its item


@pytest.mark.django_db
def test_it_leaves_a_teachers_edit_alone_when_regenerating(make_user):
    document = make_document()
    items_generate(document)
    item = StudyItem.objects.of_document(document).filter(kind=StudyItem.Kind.CLOZE).first()
    item.prompt = item.prompt + "（教师改过）"
    item.mark_edited(make_user("t", role="teacher"))
    item.save()

    items_generate(document)

    item.refresh_from_db()
    assert item.prompt.endswith("（教师改过）")
    assert item.origin == StudyItem.Origin.EDITED


@pytest.mark.django_db(transaction=True)
def test_it_generates_on_import_through_the_task_queue():
    document = (
        make_document()
    )  # the import queues generation on commit; tests run tasks immediately
    assert Generation.objects.get(document=document).state == Generation.State.DONE
    assert StudyItem.objects.of_document(document).exists()

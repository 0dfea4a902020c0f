"""Stored items: generated once per import, upserted by stable key, retired never deleted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from corpus.models import Paragraph
from quizzes.generation.lexicon import FIGURATIVE_WORDS
from quizzes.itemstore import REPLACED_OPTIONS, items_generate, unpicked_options
from quizzes.models import (
    Generation,
    LiveAnswer,
    LivePlayer,
    LiveSession,
    PracticeAnswer,
    PracticeTest,
    StudyItem,
)
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


FIGURES_PAGE = """## 县域观察

今年全县民生实事

●周明远

今年全县新建幼儿园12所,新增学位3600个。全县新建和改造农村公路180公里,改造危房420户。新建村级卫生室35个,培训乡村医生260人。全县新增城镇就业5200人,城镇调查失业率控制在5%以内。

办好民生实事。县里把民生实事项目纳入年度考核,做到件件有着落。

## 推进城乡融合

建设城乡融合示范区。推动县城基础设施向乡村延伸,实现城乡公共服务均等化。

完善县域商业体系。建设县级物流配送中心和乡镇商贸中心,让农产品进城、工业品下乡。
"""


@pytest.mark.django_db
def test_it_studies_a_default_set_and_keeps_a_teachers_choice_on_regeneration():
    document = make_document(FIGURES_PAGE, filename="figures.md")
    items_generate(document)
    items = StudyItem.objects.of_document(document)
    active = items.filter(status=StudyItem.Status.ACTIVE)
    numbers = active.filter(kind=StudyItem.Kind.NUMBER).count()
    assert numbers <= 0.3 * active.count()
    left_out = items.filter(status=StudyItem.Status.DISABLED)
    assert left_out.exists() and set(left_out.values_list("kind", flat=True)) == {"number"}
    # The target (失业率控制在5%以内) is in the set; incidental counts are what waits.
    target = items.get(kind=StudyItem.Kind.NUMBER, answers=["5"])
    assert target.status == StudyItem.Status.ACTIVE and target.weight > left_out.first().weight
    waiting = left_out.count()
    switched_on = left_out.first()
    switched_on.status = StudyItem.Status.ACTIVE
    switched_on.save()

    items_generate(document)

    switched_on.refresh_from_db()
    assert switched_on.status == StudyItem.Status.ACTIVE
    assert items.filter(status=StudyItem.Status.DISABLED).count() == waiting - 1


# Options no one picks


def chosen_in_tests(item, picks, *, user, asked_as=StudyItem.Asked.CHOICE, started_at=None):
    """One handed-in practice test per pick, each answering `item` with that option."""
    started_at = started_at or timezone.now()
    tests = PracticeTest.objects.bulk_create(
        PracticeTest(user=user, article=item.article, started_at=started_at, finished_at=started_at)
        for _ in picks
    )
    PracticeAnswer.objects.bulk_create(
        PracticeAnswer(
            test=test, item=item, position=1, asked_as=asked_as, given=[pick], correct=False
        )
        for test, pick in zip(tests, picks, strict=True)
    )


def answered_live(item, picks, *, teacher):
    """One live game in which a player answered `item` once per pick."""
    session = LiveSession.objects.create(teacher=teacher, article=item.article, item_ids=[item.pk])
    player = LivePlayer.objects.create(session=session, nickname="xue")
    LiveAnswer.objects.bulk_create(
        LiveAnswer(
            session=session,
            player=player,
            index=index,
            item=item,
            given=[pick],
            correct=False,
            answered_at=timezone.now(),
        )
        for index, pick in enumerate(picks)
    )


def item_with_options(document) -> StudyItem:
    return StudyItem.objects.of_document(document).get(options__isnull=False)


@pytest.mark.django_db
def test_it_replaces_a_wrong_option_no_one_picked_in_thirty_answers(make_user):
    document = make_document()
    items_generate(document)
    item = item_with_options(document)
    before = list(item.options)
    right = item.answers[0]
    unpicked, *picked = [option for option in before if option != right]
    # 30 choices, the right option and two wrong ones, never the first wrong one.
    chosen_in_tests(item, ([right] * 8 + picked * 11)[:30], user=make_user("xue"))

    items_generate(document)

    item.refresh_from_db()
    assert item.key == item_with_options(document).key and item.answers == [right]
    assert unpicked not in item.options and len(item.options) == len(before)
    assert {right, *picked} <= set(item.options)
    (replacement,) = set(item.options) - set(before)
    # The next candidate is of the key's kind: a figure of speech for 生命线.
    assert right in FIGURATIVE_WORDS and replacement in FIGURATIVE_WORDS
    assert item.extra[REPLACED_OPTIONS] == [unpicked]
    assert unpicked not in item.extra["choice_hint"]

    # Answers given among the old options do not count against the new one, nor does the
    # replaced option come back.
    replaced = list(item.options)
    items_generate(document)

    item.refresh_from_db()
    assert item.options == replaced


@pytest.mark.django_db
def test_it_keeps_the_options_with_fewer_than_thirty_chosen_answers(make_user):
    document = make_document()
    items_generate(document)
    item = item_with_options(document)
    before, stamp = list(item.options), item.updated_at
    right = item.answers[0]
    learner = make_user("xue")
    chosen_in_tests(item, [right] * 29, user=learner)
    # Typed answers are not choices: neither a test's nor a live game's (a blank fact is
    # typed there).
    chosen_in_tests(item, ["随手写的"] * 5, user=learner, asked_as=StudyItem.Asked.TYPED)
    answered_live(item, [right] * 5, teacher=make_user("laoshi", role="teacher"))

    items_generate(document)

    item.refresh_from_db()
    assert item.options == before and item.updated_at == stamp
    assert REPLACED_OPTIONS not in item.extra


@pytest.mark.django_db
def test_it_finds_unpicked_options_of_live_choices_in_two_queries(
    make_user, django_assert_num_queries
):
    document = make_document()
    items_generate(document)
    article = document.articles.get()
    blank = item_with_options(document)
    multi = StudyItem.objects.create(
        article=article,
        key="k-multi",
        kind=StudyItem.Kind.MULTI,
        prompt="____",
        answers=["甲", "丙"],
        options=["甲", "乙", "丙", "丁"],
    )
    answered_live(multi, ["甲", "乙"] * 15, teacher=make_user("laoshi", role="teacher"))
    # The blank fact's 30 answers came before it last changed: given among other options.
    long_ago = timezone.now() - timedelta(days=30)
    chosen_in_tests(blank, blank.answers * 30, user=make_user("xue"), started_at=long_ago)

    with django_assert_num_queries(2):
        unpicked = unpicked_options(document)

    assert unpicked == {article.pk: {"k-multi": {"丁"}}}


@pytest.mark.django_db
def test_it_stamps_only_the_items_a_regeneration_changes():
    document = make_document()
    items_generate(document)
    long_ago = timezone.now() - timedelta(days=30)
    StudyItem.objects.update(updated_at=long_ago)

    items_generate(document)

    assert set(StudyItem.objects.values_list("updated_at", flat=True)) == {long_ago}

    paragraph = Paragraph.objects.get(text__startswith="推广流动图书服务")
    paragraph.text = paragraph.text.replace("流动", "移动")
    paragraph.save()
    paragraph.points.update(text="推广移动图书服务")
    items_generate(document)

    retired = StudyItem.objects.filter(status=StudyItem.Status.RETIRED)
    assert retired.exists() and not retired.filter(updated_at=long_ago).exists()
    untouched = StudyItem.objects.exclude(paragraph=paragraph).exclude(paragraph__isnull=True)
    assert untouched.exists() and set(untouched.values_list("updated_at", flat=True)) == {long_ago}

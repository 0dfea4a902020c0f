"""The migration that merges today's twins (issue 12): one item per fact, every learner's
cards and reviews kept on the survivor."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from corpus.models import Article
from quizzes.models import (
    Assignment,
    PracticeAnswer,
    ReviewLog,
    StudyCard,
    StudyItem,
)
from tests.corpus.samples import make_document

BEFORE = [("quizzes", "0013_owners_versions_signups")]
SOURCE = "服务质量是图书馆的生命线,关系群众的获得感。"
OPTIONS = ["生命线", "试金石", "压舱石", "风向标"]


def migrated_from_before(build) -> None:
    """Back to the schema before the merge, `build(apps)` there, then forward again."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    build(executor.loader.project_state(BEFORE).apps)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_item(apps, article, **fields):
    values = {
        "article_id": article.pk,
        "section_id": article.sections.last().pk,
        "paragraph_id": article.sections.last().paragraphs.first().pk,
        "source": SOURCE,
        "prompt": SOURCE.replace("生命线", "____"),
        "answers": ["生命线"],
        "extra": {},
    } | fields
    return apps.get_model("quizzes", "StudyItem").objects.create(**values)


def old_history(apps, user, item, days_ago: list[int], *, reps=None):
    """A card of the learner's on the item, with a review on each of those days ago."""
    now = timezone.now()
    card = apps.get_model("quizzes", "StudyCard").objects.create(
        user_id=user.pk,
        item_id=item.pk,
        state=2,
        stability=float(len(days_ago)),
        difficulty=5.0,
        due=now + timedelta(days=len(days_ago)),
        last_review=now - timedelta(days=min(days_ago)),
        reps=reps if reps is not None else len(days_ago),
    )
    for index, ago in enumerate(sorted(days_ago, reverse=True)):
        moment = now - timedelta(days=ago)
        apps.get_model("quizzes", "ReviewLog").objects.create(
            card_id=card.pk,
            user_id=user.pk,
            item_id=item.pk,
            rating=3,
            correct=True,
            reviewed_at=moment,
            study_day=moment.date(),
            was_new=index == 0,
            token=f"{item.pk}-{ago}",
        )
    return card


@pytest.mark.django_db(transaction=True)
def test_it_merges_twins_and_keeps_every_learners_cards_and_reviews(make_user):
    article = Article.objects.get(document=make_document())
    StudyItem.objects.filter(article=article).delete()
    both, only_twin, teacher = make_user("both"), make_user("twin"), make_user("t", role="teacher")
    made = {}

    def build(apps):
        cloze = old_item(
            apps, article, key="cloze-key", kind="cloze", extra={"hint": "首字提示：生…"}
        )
        choice = old_item(
            apps,
            article,
            key="choice-key",
            kind="choice",
            options=OPTIONS,
            extra={"base": "cloze", "hint": "排除一项：试金石"},
        )
        heading = article.sections.last()
        card_fields = {
            "paragraph_id": None,
            "source": heading.heading,
            "answers": ["培养专业馆员队伍"],
        }
        keypoints = old_item(apps, article, key="kp-key", kind="keypoints", **card_fields)
        enumeration = old_item(
            apps,
            article,
            key="enum-key",
            kind="enumeration",
            extra={"ordered": True},
            **card_fields,
        )
        edited = old_item(
            apps,
            article,
            key="edited-key",
            kind="choice",
            options=OPTIONS,
            origin="edited",
            extra={"base": "cloze"},
            prompt="教师改过的题面____",
        )
        # One learner answered both twins (the choice more often), another only the choice.
        old_history(apps, both, cloze, [9, 5])
        old_history(apps, both, choice, [8, 6, 2])
        old_history(apps, only_twin, choice, [4])
        old_history(apps, both, keypoints, [3])
        test = apps.get_model("quizzes", "PracticeTest").objects.create(
            user_id=only_twin.pk, article_id=article.pk, started_at=timezone.now()
        )
        apps.get_model("quizzes", "PracticeAnswer").objects.create(
            test_id=test.pk, item_id=choice.pk, position=1, given=["生命线"], correct=True
        )
        classroom = apps.get_model("quizzes", "Classroom").objects.create(
            name="一班", teacher_id=teacher.pk, join_code="ABCDEF"
        )
        assignment = apps.get_model("quizzes", "Assignment").objects.create(
            classroom_id=classroom.pk,
            article_id=article.pk,
            kinds=["choice"],
            item_ids=[choice.pk, keypoints.pk],
            versions={str(choice.pk): {"kind": "choice", "options": OPTIONS}},
            due_at=timezone.now(),
        )
        made.update(
            cloze=cloze.pk,
            choice=choice.pk,
            keypoints=keypoints.pk,
            enumeration=enumeration.pk,
            edited=edited.pk,
            assignment=assignment.pk,
        )

    migrated_from_before(build)

    cloze = StudyItem.objects.get(pk=made["cloze"])
    assert cloze.key == "cloze-key" and cloze.status == StudyItem.Status.ACTIVE
    assert cloze.options == OPTIONS and cloze.extra["choice_hint"] == "排除一项：试金石"
    assert cloze.can_be_choice
    retired = StudyItem.objects.filter(status=StudyItem.Status.RETIRED)
    assert set(retired.values_list("pk", flat=True)) == {made["choice"], made["keypoints"]}
    # A teacher's edited choice is the teacher's: left alone.
    assert StudyItem.objects.get(pk=made["edited"]).status == StudyItem.Status.ACTIVE

    # The learner with cards on both keeps one, holding the five reviews in time order, in the
    # state of the more-reviewed card (the choice's: three reviews, last two days ago).
    card = StudyCard.objects.get(user=both, item=cloze)
    assert not StudyCard.objects.filter(item_id=made["choice"]).exists()
    reviews = list(card.reviews.order_by("reviewed_at"))
    assert len(reviews) == 5 and {review.item_id for review in reviews} == {cloze.pk}
    assert [review.was_new for review in reviews] == [True, False, False, False, False]
    assert card.reps == 5 and card.stability == 3.0
    assert (timezone.now() - card.last_review).days == 2
    # The learner who only had the twin has its card, and its review, on the survivor.
    assert StudyCard.objects.get(user=only_twin).item == cloze
    assert ReviewLog.objects.get(user=only_twin).item == cloze
    # The key-point card's history is the enumeration's now.
    assert StudyCard.objects.get(user=both, item_id=made["enumeration"]).reviews.count() == 1
    assert ReviewLog.objects.filter(user=both).count() == 6

    # A test's answer is the survivor's, asked as it was (a choice); an assignment names the
    # survivors, with the version it was set with.
    answer = PracticeAnswer.objects.get()
    assert answer.item == cloze and answer.asked_as == StudyItem.Asked.CHOICE
    assignment = Assignment.objects.get(pk=made["assignment"])
    assert assignment.item_ids == [cloze.pk, made["enumeration"]]
    assert assignment.versions == {str(cloze.pk): {"kind": "choice", "options": OPTIONS}}
    # Items made from the outline are marked so their siblings wait.
    assert StudyItem.objects.get(pk=made["enumeration"]).on_outline
    assert not cloze.on_outline

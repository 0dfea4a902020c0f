"""Practice tests (测验): choosing the questions, handing in, the score, retakes, the time limit."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Section
from quizzes.models import PracticeTest, ReviewLog, StudyCard, StudyItem
from quizzes.practice import section_scope


def start(client, article, **data):
    fields = {
        "size": 5,
        "kinds": [kind.value for kind in StudyItem.TESTABLE_KINDS],
        "time_limit": "",
    } | data
    return client.post(f"{reverse('quizzes:practice_new')}?article={article.pk}", fields)


def right_answers(test) -> dict:
    fields = {}
    for question in test.answers.select_related("item"):
        item = question.item
        asked_as_choice = question.asked_as == StudyItem.Asked.CHOICE
        name = "option" if asked_as_choice or item.kind in {"choice", "multi"} else "answer"
        fields[f"{question.field_prefix}{name}"] = item.answers
    return fields


@pytest.mark.django_db
def test_it_starts_a_test_with_the_chosen_number_and_kinds(learner, article):
    response = start(learner, article, size=4, kinds=["cloze", "choice"])
    test = PracticeTest.objects.get(user=learner.user)
    assert response.url == test.get_absolute_url()
    kinds = set(test.answers.values_list("item__kind", flat=True))
    assert test.total == test.answers.count() == 4 and kinds <= {"cloze", "choice"}
    page = learner.get(test.get_absolute_url()).content.decode().split("<main", 1)[1]
    sections = page.split('<section class="card question"')[1:]
    assert len(sections) == 4
    for question, html in zip(test.answers.select_related("item"), sections, strict=True):
        # No answer in a typed question before handing in. A blank fact may be asked as a
        # single choice instead (choice was among the kinds): then its options are offered,
        # the right one among them.
        if question.item.kind == "cloze" and question.asked_as == "typed":
            assert all(answer not in html for answer in question.item.answers)
        elif question.item.kind == "cloze":
            assert all(option in html for option in question.item.options)


@pytest.mark.django_db
def test_it_takes_one_item_per_paragraph_before_a_second(learner, article):
    # One fact is one item, so the page's paragraphs have one each: a teacher adds a second.
    cloze = StudyItem.objects.filter(article=article, kind="cloze").exclude(paragraph=None).first()
    StudyItem.objects.create(
        article=article,
        section=cloze.section,
        paragraph=cloze.paragraph,
        key="added-second",
        kind="cloze",
        origin=StudyItem.Origin.ADDED,
        prompt="第二个____",
        answers=["条目"],
    )
    items = StudyItem.objects.active().filter(article=article, kind__in=StudyItem.TESTABLE_KINDS)
    paragraphs = set(items.exclude(paragraph=None).values_list("paragraph", flat=True))
    assert (
        items.count() > len(paragraphs) + items.filter(paragraph=None).count()
    )  # some paragraphs have several
    start(learner, article, size=len(paragraphs))
    chosen = list(
        PracticeTest.objects.get(user=learner.user)
        .answers.exclude(item__paragraph=None)
        .values_list("item__paragraph", flat=True)
    )
    assert len(chosen) == len(set(chosen))


@pytest.mark.django_db
def test_it_limits_a_test_to_a_section_and_its_subheadings(learner, article):
    heading = Section.objects.filter(article=article, level=Section.Level.HEADING).first()
    scope = section_scope(heading)
    start(learner, article, section=heading.pk, size=50)
    test = PracticeTest.objects.get(user=learner.user)
    assert test.total and set(test.answers.values_list("item__section", flat=True)) <= set(scope)


@pytest.mark.django_db
def test_it_refuses_bad_choices_with_a_message(learner, article):
    assert start(learner, article, size=0).status_code == 400
    assert start(learner, article, kinds=["keypoints"]).status_code == 400
    assert start(learner, article, size="十").status_code == 400
    StudyItem.objects.filter(article=article).update(status=StudyItem.Status.DISABLED)
    response = start(learner, article)
    assert response.status_code == 400 and "没有所选题型的题目" in response.content.decode()
    assert not PracticeTest.objects.exists()
    assert (
        learner.get(f"{reverse('quizzes:practice_new')}?article=999999").status_code == 200
    )  # the picker


@pytest.mark.django_db
def test_it_scores_the_test_and_shows_each_wrong_answer_beside_the_right_one(learner, article):
    start(learner, article, size=5, kinds=["cloze", "number"])
    test = PracticeTest.objects.get(user=learner.user)
    fields = right_answers(test)
    wrong = test.answers.select_related("item").get(position=2)
    fields[f"{wrong.field_prefix}answer"] = ["完全不对"] * len(wrong.item.answers)

    learner.post(test.get_absolute_url(), fields)

    test.refresh_from_db()
    assert (test.score, test.total, test.percent) == (4, 5, 80) and test.is_finished
    page = learner.get(test.get_absolute_url()).content.decode()
    assert "4 / 5（80%）" in page
    assert "完全不对" in page and wrong.item.answers[0] in page
    logs = ReviewLog.objects.filter(user=learner.user)
    assert logs.count() == 5 and logs.filter(rating=1).get().card.item == wrong.item


@pytest.mark.django_db
def test_it_hands_in_once(learner, article):
    start(learner, article, size=3, kinds=["cloze"])
    test = PracticeTest.objects.get(user=learner.user)
    learner.post(test.get_absolute_url(), right_answers(test))
    learner.post(test.get_absolute_url(), {})
    test.refresh_from_db()
    assert test.score == 3 and ReviewLog.objects.filter(user=learner.user).count() == 3


@pytest.mark.django_db
def test_it_retakes_the_same_questions_and_keeps_every_result(learner, article):
    start(learner, article, size=4, kinds=["cloze", "choice"])
    first = PracticeTest.objects.get(user=learner.user)
    learner.post(first.get_absolute_url(), {})
    response = learner.post(reverse("quizzes:practice_retake", args=[first.pk]))
    retake = PracticeTest.objects.exclude(pk=first.pk).get()
    assert response.url == retake.get_absolute_url() and retake.retake_of == first
    assert set(retake.answers.values_list("item", flat=True)) == set(
        first.answers.values_list("item", flat=True)
    )
    learner.post(retake.get_absolute_url(), right_answers(retake))
    listing = learner.get(reverse("quizzes:practice_list")).content.decode()
    assert "0 / 4（0%）" in listing and "4 / 4（100%）" in listing


@pytest.mark.django_db
def test_it_does_not_count_answers_handed_in_after_the_time_limit(learner, article):
    start(learner, article, size=3, kinds=["cloze"], time_limit=5)
    test = PracticeTest.objects.get(user=learner.user)
    assert "data-deadline" in learner.get(test.get_absolute_url()).content.decode()
    late = timezone.now() + timedelta(minutes=6)
    with mock.patch("django.utils.timezone.now", return_value=late):
        response = learner.post(test.get_absolute_url(), right_answers(test), follow=True)
    test.refresh_from_db()
    assert test.late and test.score == 0
    assert "超过了限时" in response.content.decode()
    assert not StudyCard.objects.filter(user=learner.user).exists()


@pytest.mark.django_db
def test_it_accepts_answers_just_inside_the_time_limit(learner, article):
    start(learner, article, size=3, kinds=["cloze"], time_limit=5)
    test = PracticeTest.objects.get(user=learner.user)
    with mock.patch(
        "django.utils.timezone.now", return_value=test.deadline + timedelta(seconds=10)
    ):
        learner.post(test.get_absolute_url(), right_answers(test))
    test.refresh_from_db()
    assert not test.late and test.score == 3


@pytest.mark.django_db
def test_it_ignores_malformed_answer_fields(learner, article):
    start(learner, article, size=2, kinds=["cloze"])
    test = PracticeTest.objects.get(user=learner.user)
    fields = right_answers(test) | {
        "q99-answer": "x",
        "q1-bogus": "y",
        "qq-answer": "z",
        "q1-option": ["甲"] * 100,
    }
    assert learner.post(test.get_absolute_url(), fields).status_code == 302
    test.refresh_from_db()
    assert test.is_finished and test.total == 2


@pytest.mark.django_db
def test_it_retakes_only_a_handed_in_test(learner, article):
    start(learner, article, size=3, kinds=["cloze"])
    test = PracticeTest.objects.get(user=learner.user)
    response = learner.post(reverse("quizzes:practice_retake", args=[test.pk]), follow=True)
    assert PracticeTest.objects.filter(user=learner.user).count() == 1
    assert "交卷后才能重新测验" in response.content.decode()
    learner.post(test.get_absolute_url(), {})
    learner.post(reverse("quizzes:practice_retake", args=[test.pk]))
    assert PracticeTest.objects.filter(user=learner.user).count() == 2

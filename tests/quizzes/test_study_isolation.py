"""One learner cannot read or answer another's cards, reviews, tests or results by changing an id in a URL."""

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import PracticeTest, ReviewLog, StudyCard, StudyItem
from tests.quizzes.studying import answer, keypoints


@pytest.fixture
def intruder(make_user):
    client = Client()  # not the `client` fixture: that one is the learner's
    client.force_login(make_user("intruder"))
    return client


@pytest.fixture
def finished_test(learner, article):
    learner.post(
        f"{reverse('quizzes:practice_new')}?article={article.pk}", {"size": 3, "kinds": ["cloze"]}
    )
    test = PracticeTest.objects.get(user=learner.user)
    learner.post(test.get_absolute_url(), {})
    return test


@pytest.mark.django_db
def test_it_hides_another_learners_test_and_its_results(intruder, finished_test):
    assert intruder.get(finished_test.get_absolute_url()).status_code == 404
    assert (
        finished_test.article.title
        not in intruder.get(reverse("quizzes:practice_list")).content.decode()
    )


@pytest.mark.django_db
def test_it_refuses_to_hand_in_or_retake_another_learners_test(learner, intruder, article):
    learner.post(
        f"{reverse('quizzes:practice_new')}?article={article.pk}", {"size": 3, "kinds": ["cloze"]}
    )
    open_test = PracticeTest.objects.get(user=learner.user)
    assert intruder.post(open_test.get_absolute_url(), {"q1-answer": "x"}).status_code == 404
    assert intruder.post(reverse("quizzes:practice_retake", args=[open_test.pk])).status_code == 404
    open_test.refresh_from_db()
    assert not open_test.is_finished and PracticeTest.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_to_change_or_show_another_learners_review(learner, intruder, article):
    answer(learner, keypoints(article), rating=3)
    log = ReviewLog.objects.get()
    assert (
        intruder.post(reverse("quizzes:study_override", args=[log.pk]), {"rating": 1}).status_code
        == 404
    )
    log.refresh_from_db()
    assert log.rating == 3
    page = intruder.get(reverse("quizzes:study_review"), {"last": log.pk})
    assert page.context.get("last") is None


@pytest.mark.django_db
def test_it_answers_into_ones_own_card_only(learner, intruder, article):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    answer(learner, item, answer=["错"])
    mine = StudyCard.objects.get(user=learner.user, item=item)
    answer(intruder, item, answer=item.answers)
    mine.refresh_from_db()
    assert mine.reps == 1 and ReviewLog.objects.filter(card=mine).count() == 1
    assert intruder.get(reverse("quizzes:study_mistakes")).context["cards"].count() == 0
    assert intruder.post(reverse("quizzes:study_undo")).status_code == 302
    assert (
        StudyCard.objects.filter(user=learner.user).count() == 1
    )  # undo took back the intruder's answer only

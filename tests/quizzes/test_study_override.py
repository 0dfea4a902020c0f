"""The learner overrides the automatic rating of a typed answer: the card is scheduled again."""

from unittest import mock

import fsrs
import pytest
from django.urls import reverse

from quizzes.models import ReviewLog, StudyCard, StudyItem
from tests.quizzes.studying import START, answer, keypoints


def override(client, log, rating, **headers):
    return client.post(
        reverse("quizzes:study_override", args=[log.pk]), {"rating": rating}, headers=headers
    )


@pytest.mark.django_db
def test_it_reschedules_a_wrong_answer_the_learner_rates_good(learner, article, settings):
    settings.STUDY_FUZZ = False
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    with mock.patch("django.utils.timezone.now", return_value=START):
        answer(learner, item, answer=["并不是这个"] * 3)
    log = ReviewLog.objects.get(user=learner.user)
    assert (log.rating, log.correct) == (1, False)

    response = override(learner, log, 3, HX_Request="true")

    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    log.refresh_from_db()
    card = StudyCard.objects.get(user=learner.user, item=item)
    expected, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(
        fsrs.Card(card_id=1), fsrs.Rating.Good, START
    )
    assert log.rating == 3 and log.correct is False  # the grader's verdict stays on record
    assert (card.state, card.step, card.due) == (expected.state.value, expected.step, expected.due)
    assert card.reps == 1 and ReviewLog.objects.filter(user=learner.user).count() == 1


@pytest.mark.django_db
def test_it_restores_the_earlier_state_before_applying_the_new_rating(learner, article, settings):
    settings.STUDY_FUZZ = False
    item, scheduler = keypoints(article), fsrs.Scheduler(enable_fuzzing=False)
    later = START.replace(day=START.day + 3)
    with mock.patch("django.utils.timezone.now", return_value=START):
        answer(learner, item, rating=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        answer(learner, item, rating=1)
    log = ReviewLog.objects.filter(user=learner.user).latest("reviewed_at")

    override(learner, log, 4)

    first, _ = scheduler.review_card(fsrs.Card(card_id=1), fsrs.Rating.Good, START)
    expected, _ = scheduler.review_card(first, fsrs.Rating.Easy, later)
    card = StudyCard.objects.get(user=learner.user, item=item)
    assert card.due == expected.due and card.stability == pytest.approx(expected.stability)
    assert card.lapses == 0


@pytest.mark.django_db
def test_it_only_changes_the_latest_answer_of_a_card(learner, article):
    item = keypoints(article)
    answer(learner, item, rating=3)
    answer(learner, item, rating=3)
    first = ReviewLog.objects.filter(user=learner.user).earliest("pk")
    before = StudyCard.objects.get(user=learner.user, item=item).due

    response = override(learner, first, 1)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.rating == 3 and StudyCard.objects.get(user=learner.user, item=item).due == before


@pytest.mark.django_db
def test_it_refuses_a_bad_rating_and_another_learners_review(client, learner, article, make_user):
    item = keypoints(article)
    answer(learner, item, rating=3)
    log = ReviewLog.objects.get(user=learner.user)
    assert override(learner, log, 9).status_code == 302
    log.refresh_from_db()
    assert log.rating == 3

    client.force_login(make_user("other"))
    assert override(client, log, 1).status_code == 404
    log.refresh_from_db()
    assert log.rating == 3

"""The review loop through the web views: scheduling, grading, idempotency, undo, burying, isolation."""

from datetime import timedelta

import fsrs
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import ReviewLog, StudyCard, StudyItem, StudySelection
from quizzes.study import new_token
from tests.quizzes.studying import START, answer, keypoints


@pytest.mark.django_db
def test_it_replays_ratings_through_the_views_as_fsrs_schedules_them(learner, article, settings):
    from unittest import mock

    settings.STUDY_FUZZ = False
    item = keypoints(article)
    reference, expected, now = fsrs.Scheduler(enable_fuzzing=False), fsrs.Card(card_id=1), START
    for minutes, rating in [(0, 3), (10, 3), (60 * 24, 1), (15, 2), (60 * 30, 3), (60 * 24 * 5, 4)]:
        now += timedelta(minutes=minutes)
        with mock.patch("django.utils.timezone.now", return_value=now):
            assert answer(learner, item, rating=rating).status_code == 302
        expected, _ = reference.review_card(expected, fsrs.Rating(rating), now)
        card = StudyCard.objects.get(user=learner.user, item=item)
        assert (card.state, card.step, card.due, card.last_review) == (
            expected.state.value,
            expected.step,
            expected.due,
            expected.last_review,
        )
        assert card.stability == pytest.approx(expected.stability)
        assert card.difficulty == pytest.approx(expected.difficulty)
    assert ReviewLog.objects.filter(user=learner.user).count() == 6


@pytest.mark.django_db
def test_it_grades_typed_answers_on_the_server_and_accepts_traditional_characters(learner, article):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    from opencc import OpenCC

    traditional = [OpenCC("s2t").convert(a) for a in item.answers]
    assert answer(learner, item, answer=traditional).status_code == 302
    log = ReviewLog.objects.get(user=learner.user)
    assert log.correct is True and log.rating == 3

    other = (
        StudyItem.objects.filter(article=article, kind="cloze")
        .exclude(pk=item.pk)
        .exclude(paragraph=item.paragraph)
        .first()
    )
    answer(learner, other, answer=["完全不对"] * 3)
    assert ReviewLog.objects.get(card__item=other).rating == 1


@pytest.mark.django_db
def test_it_records_one_review_for_a_double_click(learner, article):
    item, token = keypoints(article), new_token()
    url = reverse("quizzes:study_answer", args=[item.pk])
    learner.post(url, {"token": token, "rating": 3})
    learner.post(url, {"token": token, "rating": 3})
    assert ReviewLog.objects.filter(user=learner.user).count() == 1
    assert StudyCard.objects.get(user=learner.user, item=item).reps == 1


@pytest.mark.django_db
def test_it_undoes_the_last_answer(learner, article):
    item = keypoints(article)
    answer(learner, item, rating=3)
    first = StudyCard.objects.get(user=learner.user, item=item)
    answer(learner, item, rating=1)

    def undo_last() -> None:
        last = ReviewLog.objects.filter(user=learner.user).latest("reviewed_at", "pk")
        learner.post(reverse("quizzes:study_undo"), {"review": last.pk})

    undo_last()
    card = StudyCard.objects.get(user=learner.user, item=item)
    assert (card.due, card.stability, card.reps) == (first.due, first.stability, first.reps)
    undo_last()
    assert not StudyCard.objects.filter(user=learner.user).exists()


@pytest.mark.django_db
def test_it_keeps_the_answer_out_of_the_review_page(learner, article):
    page = learner.get(reverse("quizzes:study_review"))
    item = page.context["item"]
    body = page.content.decode().split("<main", 1)[1]
    if item.kind not in {"choice", "multi"}:
        for value in item.answers:
            assert value not in body


@pytest.mark.django_db
def test_it_buries_siblings_from_a_paragraph_answered_today(learner, article):
    # A cloze of a paragraph that has other items too (once that was every cloze, whose choice
    # twin shared its paragraph; now one fact is one item, so it is looked for).
    item = next(
        cloze
        for cloze in StudyItem.objects.filter(
            article=article, paragraph__isnull=False, kind="cloze"
        ).order_by("pk")
        if StudyItem.objects.filter(paragraph=cloze.paragraph).exclude(pk=cloze.pk).exists()
    )
    answer(learner, item, answer=item.answers)
    siblings = StudyItem.objects.filter(paragraph=item.paragraph).exclude(pk=item.pk)
    assert siblings.exists()
    for _ in range(30):
        response = learner.get(reverse("quizzes:study_review"))
        upcoming = response.context.get("item")
        if upcoming is None:
            break
        assert upcoming not in siblings
        if upcoming.kind in {"keypoints", "definition"}:
            answer(learner, upcoming, rating=4)
        elif upcoming.kind in {"choice", "multi"}:
            answer(learner, upcoming, option=upcoming.answers)
        else:
            answer(learner, upcoming, answer=upcoming.answers)


@pytest.mark.django_db
def test_it_keeps_each_learners_cards_apart(client, learner, article, make_user):
    item = keypoints(article)
    answer(learner, item, rating=3)
    mine = StudyCard.objects.get(user=learner.user, item=item)
    other = make_user("li")
    StudySelection.objects.create(user=other, article=article)  # answers only what one studies
    client.force_login(other)
    client.post(
        reverse("quizzes:study_answer", args=[item.pk]), {"token": new_token(), "rating": 1}
    )
    mine.refresh_from_db()
    assert mine.reps == 1
    assert StudyCard.objects.get(user=other, item=item).reps == 1


@pytest.mark.django_db
def test_it_answers_in_a_fixed_number_of_queries(learner, article, make_user):
    item = keypoints(article)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            answer(learner, item, rating=3)
        return len(captured)

    answer(learner, item, rating=3)  # the first answer also creates the card
    small = count()
    cards = [
        StudyCard(user=learner.user, item=i, due=START)
        for i in StudyItem.objects.exclude(pk=item.pk)
    ]
    StudyCard.objects.bulk_create(cards)
    assert count() == small


@pytest.mark.django_db
def test_it_shows_what_is_due_on_the_home_page(learner, article):
    page = learner.get(reverse("corpus:library")).content.decode()
    assert "今天的学习" in page and reverse("quizzes:study_review") in page


@pytest.mark.django_db
def test_it_saves_study_settings_and_refuses_bad_values(learner):
    url = reverse("quizzes:study_settings")
    good = {
        "desired_retention": "0.85",
        "new_per_day": "5",
        "reviews_per_day": "100",
        "time_zone": "Europe/Berlin",
    }
    assert learner.post(url, good).status_code == 302
    settings = learner.user.study_settings
    settings.refresh_from_db()
    assert (settings.desired_retention, settings.new_per_day, settings.time_zone) == (
        0.85,
        5,
        "Europe/Berlin",
    )
    for bad in [
        {"desired_retention": "1.5"},
        {"new_per_day": "-1"},
        {"time_zone": "Mars/Olympus"},
        {"reviews_per_day": "x"},
    ]:
        response = learner.post(url, good | bad)
        assert response.status_code == 400
    settings.refresh_from_db()
    assert settings.desired_retention == 0.85


@pytest.mark.django_db
def test_it_respects_the_daily_new_limit(learner, article):
    from quizzes.models import LearnerSettings

    LearnerSettings.objects.filter(user=learner.user).update(
        new_per_day=2
    ) or LearnerSettings.objects.create(user=learner.user, new_per_day=2)
    for _ in range(2):
        item = learner.get(reverse("quizzes:study_review")).context["item"]
        answer(learner, item, rating=4, answer=item.answers, option=item.answers)
    assert learner.get(reverse("quizzes:study_review")).context.get("item") is None

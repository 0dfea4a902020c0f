"""The review loop through the web views: scheduling, grading, idempotency, undo, burying, isolation."""

from datetime import timedelta

import fsrs
import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes import scheduling, study
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem, StudySelection
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
    # A key-point cloze: its paragraph's other items, and the outline items of its section
    # (the heading's list of points, the other points' blanks), are what its feedback answers.
    item = StudyItem.objects.get(article=article, kind="cloze", source="健全基层阅读服务网络")
    assert item.on_outline
    # One fact is one item, so a paragraph's second item is a teacher's.
    StudyItem.objects.create(
        article=article,
        section=item.section,
        paragraph=item.paragraph,
        key="added-sibling",
        kind="cloze",
        origin=StudyItem.Origin.ADDED,
        prompt="推动县级图书馆与乡镇文化站、村级____互联互通",
        answers=["农家书屋"],
        source="推动县级图书馆与乡镇文化站、村级农家书屋互联互通",
    )
    answer(learner, item, answer=item.answers)
    siblings = StudyItem.objects.exclude(pk=item.pk).filter(
        Q(paragraph=item.paragraph) | Q(on_outline=True, section=item.section)
    )
    assert {sibling.kind for sibling in siblings} == {"cloze", "enumeration"}
    assert siblings.filter(paragraph=None).exists() and siblings.count() >= 3
    asked = []
    for _ in range(30):
        response = learner.get(reverse("quizzes:study_review"))
        upcoming = response.context.get("item")
        if upcoming is None:
            break
        asked.append(upcoming)
        assert upcoming not in siblings
        if upcoming.kind in {"keypoints", "definition"}:
            answer(learner, upcoming, rating=4)
        elif upcoming.kind in {"choice", "multi"}:
            answer(learner, upcoming, option=upcoming.answers)
        else:
            answer(learner, upcoming, answer=upcoming.answers)
    assert asked  # the other sections' items came


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


@pytest.mark.django_db
def test_the_review_card_the_study_home_and_progress_count_the_same_reviews_due_today(
    learner, article
):
    """今天待复习 is one count: due before the study day ends, not buried behind a sibling
    answered today, within the daily limit; the review card's header shows it too."""
    now = timezone.now()
    options = LearnerSettings.for_user(learner.user)
    today = scheduling.study_day(now, options.time_zone)
    tomorrow = scheduling.day_start(today + timedelta(days=1), options.time_zone)
    first = StudyItem.objects.filter(article=article, paragraph__isnull=False).first()
    answer(learner, first, answer=first.answers, rating=3)
    siblings = study.siblings_of(ReviewLog.objects.get())
    others = list(StudyItem.objects.exclude(siblings).order_by("pk"))
    buried = list(StudyItem.objects.filter(siblings).exclude(pk=first.pk))
    assert buried and len(others) >= 4
    later, overdue, next_day = others[:1], others[1:3], others[3:4]
    due = [(overdue, now - timedelta(days=2)), (later, now + (tomorrow - now) / 2)]
    due += [(next_day, tomorrow + timedelta(hours=1)), (buried, now - timedelta(days=1))]
    for items, moment in due:
        for item in items:
            StudyCard.objects.create(user=learner.user, item=item, due=moment, reps=1, state=2)
    relearning = StudyCard.objects.filter(item=first, due__lt=tomorrow).count()  # in 10 minutes
    expected = len(overdue) + len(later) + relearning

    assert study.due_today(learner.user, now) == expected
    assert learner.get(reverse("quizzes:study_home")).context["due_today"] == expected
    assert learner.get(reverse("quizzes:progress")).context["due_today"] == expected
    header = learner.get(reverse("quizzes:study_review")).content.decode()
    assert f"待复习 {expected}，" in header
    options.reviews_per_day = 2  # within the daily limit (the answer today was a new card's)
    options.save()
    assert expected > 2 and study.due_today(learner.user, now) == 2
    assert "待复习 2，" in learner.get(reverse("quizzes:study_review")).content.decode()

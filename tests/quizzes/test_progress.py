"""The learner's dashboard: numbers checked against hand-computed data."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Section
from quizzes import progress, scheduling
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem
from quizzes.study import new_token

NOW = datetime(2026, 6, 15, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
TODAY = date(2026, 6, 15)


def log(user, item, day: date, *, rating=3, prior_state=2, overdue=0, ms=0):
    card, _ = StudyCard.objects.get_or_create(user=user, item=item, defaults={"due": NOW})
    moment = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=4)
    return ReviewLog.objects.create(
        card=card,
        user=user,
        item=item,
        rating=rating,
        reviewed_at=moment,
        study_day=day,
        prior_state=prior_state,
        overdue_days=overdue,
        duration_ms=ms,
        token=new_token(),
    )


def test_streaks_skip_days_with_nothing_due_and_break_on_missed_ones():
    studied = {TODAY - timedelta(days=n) for n in (0, 1, 3, 4, 10, 11, 12, 13)}
    # Day 2 had nothing due: the run 0-1 joins 3-4. Day 5 was due and missed: the run stops there.
    due = {TODAY - timedelta(days=5)}
    assert progress.streaks(studied, due, TODAY) == progress.Streaks(current=4, longest=4)
    assert progress.streaks(studied, due | {TODAY - timedelta(days=2)}, TODAY) == progress.Streaks(
        2, 4
    )
    # Today not studied yet does not break the streak; nothing due for days 5-9 joins all eight.
    assert progress.streaks(studied - {TODAY}, set(), TODAY) == progress.Streaks(7, 7)
    assert progress.streaks(set(), set(), TODAY) == progress.Streaks(0, 0)


@pytest.mark.django_db
def test_due_days_come_from_overdue_answers_and_cards_still_overdue(learner, article):
    user = learner.user
    options = LearnerSettings.for_user(user)
    item, other = StudyItem.objects.filter(article=article)[:2]
    log(user, item, TODAY - timedelta(days=10), overdue=3)  # due on days 13, 12 and 11 ago
    StudyCard.objects.create(
        user=user, item=other, due=scheduling.day_start(TODAY - timedelta(days=2), "Asia/Shanghai")
    )
    days = progress.due_days(user, TODAY, options)
    assert days == {TODAY - timedelta(days=n) for n in (13, 12, 11, 2, 1)}


@pytest.mark.django_db
def test_true_retention_counts_review_state_answers_only(learner, article):
    user = learner.user
    items = list(StudyItem.objects.filter(article=article)[:6])
    log(user, items[0], TODAY, rating=3)
    log(user, items[1], TODAY - timedelta(days=1), rating=1)
    log(user, items[2], TODAY - timedelta(days=10), rating=4)
    log(user, items[3], TODAY - timedelta(days=100), rating=1)
    log(user, items[4], TODAY, rating=1, prior_state=1)  # a learning step: not counted
    log(user, items[5], TODAY - timedelta(days=400), rating=3)  # older than a year
    assert progress.retention(user, TODAY) == {7: (1, 2), 30: (2, 3), 365: (2, 4)}


@pytest.mark.django_db
def test_mastery_is_the_share_of_items_at_or_above_90_percent_recall(learner, article):
    user = learner.user
    # A section with two items at least: one held, one fallen below 90%.
    section = next(
        section
        for section in Section.objects.filter(article=article).order_by("position")
        if StudyItem.objects.active().filter(section=section).count() >= 2
    )
    items = list(StudyItem.objects.active().filter(section=section))
    state = scheduling.review(
        scheduling.CardState.new(NOW - timedelta(days=3)),
        scheduling.GOOD,
        NOW - timedelta(days=3),
        fuzz=False,
    )
    state = scheduling.review(
        state, scheduling.GOOD, NOW - timedelta(days=2), fuzz=False
    )  # stability > 2 days
    for index, item in enumerate(items[:2]):
        card = StudyCard(user=user, item=item, due=NOW)
        card.apply(state)
        if index:  # reviewed long ago: recall has fallen below 90%
            card.last_review = NOW - timedelta(days=300)
            card.mastered_until = scheduling.mastered_until(card.fsrs_state)
        card.save()
    held = scheduling.retrievability(StudyCard.objects.get(item=items[0]).fsrs_state, NOW)
    assert held >= 0.9
    assert scheduling.retrievability(StudyCard.objects.get(item=items[1]).fsrs_state, NOW) < 0.9
    (entry,) = progress.mastery(user, [article], NOW)
    row = next(row for row in entry.sections if row.section == section)
    assert (row.mastered, row.items) == (1, len(items))


@pytest.mark.parametrize("goods", [2, 3, 5])
def test_mastered_until_is_where_recall_falls_below_90_percent(goods):
    state, moment = scheduling.CardState.new(NOW), NOW
    for _ in range(goods):
        state = scheduling.review(state, scheduling.GOOD, moment, fuzz=False)
        moment = state.due
    until = scheduling.mastered_until(state)
    assert scheduling.retrievability(state, until - timedelta(seconds=1)) >= 0.9
    assert scheduling.retrievability(state, until) < 0.9


@pytest.mark.django_db
def test_the_dashboard_shows_a_learners_own_numbers(
    learner, article, make_user, django_assert_num_queries
):
    items = list(StudyItem.objects.filter(article=article)[:3])
    # The dashboard's today is the learner's study day, which starts at 4 in their time zone:
    # not date.today(), a day ahead between midnight and 4 (the test failed then).
    today = scheduling.study_day(timezone.now(), LearnerSettings.for_user(learner.user).time_zone)
    for n, item in enumerate(items):
        log(learner.user, item, today - timedelta(days=n), ms=60_000)
    page = learner.get(reverse("quizzes:progress"))
    assert page.status_code == 200
    assert page.context["year_answers"] == 3 and page.context["streaks"].current >= 2
    body = page.content.decode()
    assert "<svg" in body and article.title in body


@pytest.mark.django_db
def test_the_article_outline_shows_the_learners_mastery(learner, article, client):
    section = Section.objects.filter(article=article, items__status="active").distinct().first()
    item = StudyItem.objects.active().filter(section=section).first()
    StudyCard.objects.create(
        user=learner.user, item=item, due=NOW, mastered_until=datetime(2100, 1, 1, tzinfo=UTC)
    )
    page = learner.get(article.get_absolute_url()).content.decode()
    share = round(100 / StudyItem.objects.active().filter(section=section).count())
    assert f"掌握 {share}%" in page and "mastery-" in page
    learner.logout()
    assert "掌握 " not in learner.get(article.get_absolute_url()).content.decode()

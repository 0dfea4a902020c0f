"""FSRS scheduling: the same answers give the same states as fsrs.Scheduler itself."""

from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from quizzes import scheduling
from quizzes.scheduling import AGAIN, EASY, GOOD, HARD, CardState

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
# (minutes after the previous answer, rating): a recorded study history.
HISTORY = [
    (0, GOOD),
    (10, GOOD),
    (60 * 24, AGAIN),
    (15, HARD),
    (60 * 30, GOOD),
    (60 * 24 * 4, EASY),
    (60 * 24 * 20, GOOD),
]


@pytest.mark.parametrize("retention", [0.9, 0.85, 0.95])
def test_it_replays_a_history_exactly_as_fsrs_does(retention):
    reference = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)
    expected, card, now = fsrs.Card(card_id=1), CardState.new(START), START
    for minutes, rating in HISTORY:
        now += timedelta(minutes=minutes)
        card = scheduling.review(card, rating, now, desired_retention=retention, fuzz=False)
        expected, _ = reference.review_card(expected, fsrs.Rating(rating), now)
        assert (card.state, card.step, card.due, card.last_review) == (
            expected.state.value,
            expected.step,
            expected.due,
            expected.last_review,
        )
        assert card.stability == pytest.approx(expected.stability)
        assert card.difficulty == pytest.approx(expected.difficulty)


def test_it_shows_longer_intervals_for_easier_ratings():
    card = scheduling.review(CardState.new(START), GOOD, START, fuzz=False)
    card = scheduling.review(card, GOOD, START + timedelta(minutes=10), fuzz=False)
    intervals = scheduling.next_intervals(card, START + timedelta(days=3))
    assert intervals[AGAIN] < intervals[HARD] < intervals[GOOD] < intervals[EASY]


def test_it_refuses_bad_ratings_and_naive_times():
    with pytest.raises(ValueError):
        scheduling.review(CardState.new(START), 5, START)
    with pytest.raises(ValueError):
        scheduling.review(CardState.new(START), GOOD, START.replace(tzinfo=None))
    with pytest.raises(ValueError):
        scheduling.scheduler(0.5)


def test_it_rolls_the_study_day_over_at_four_in_the_morning_local_time():
    shanghai_0359 = datetime(2026, 3, 2, 19, 59, tzinfo=UTC)  # 03:59 on 3 March in Shanghai
    assert scheduling.study_day(shanghai_0359) == date(2026, 3, 2)
    assert scheduling.study_day(shanghai_0359 + timedelta(minutes=1)) == date(2026, 3, 3)
    assert scheduling.study_day(datetime(2026, 3, 3, 2, 30, tzinfo=UTC), "Europe/Berlin") == date(
        2026, 3, 2
    )
    assert scheduling.day_start(date(2026, 3, 3)).astimezone(UTC) == datetime(
        2026, 3, 2, 20, 0, tzinfo=UTC
    )


def test_it_knows_recall_probability_falls_with_time():
    card = scheduling.review(CardState.new(START), GOOD, START, fuzz=False)
    card = scheduling.review(card, GOOD, START + timedelta(minutes=10), fuzz=False)
    soon, later = (scheduling.retrievability(card, START + timedelta(days=d)) for d in (1, 30))
    assert 1 >= soon > later > 0
    assert scheduling.retrievability(CardState.new(START), START) == 0.0

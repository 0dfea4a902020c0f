"""Spaced repetition with FSRS (the py-fsrs package, the algorithm Anki uses). Pure: no Django.

A learner's card is kept as plain columns (see CardState); this module turns one
answer into the next state, tells each rating's next interval for the buttons,
and says which study day a moment belongs to (days roll over at 4 a.m. local
time, as in Anki, so a late-night session counts for the day it belongs to).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import fsrs

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
REVIEW_STATE = fsrs.State.Review.value  # a card past its learning steps
RATINGS = (AGAIN, HARD, GOOD, EASY)
DEFAULT_RETENTION = 0.9
DAY_STARTS_AT = time(4)


@dataclass(frozen=True)
class CardState:
    """What a learner-item card stores: fsrs.Card's fields, as columns."""

    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    @classmethod
    def new(cls, now: datetime) -> CardState:
        return cls(
            state=fsrs.State.Learning.value,
            step=0,
            stability=None,
            difficulty=None,
            due=now,
            last_review=None,
        )

    def to_fsrs(self) -> fsrs.Card:
        # card_id is given so fsrs does not sleep 1 ms to make one up.
        return fsrs.Card(
            card_id=1,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(cls, card: fsrs.Card) -> CardState:
        return cls(
            card.state.value, card.step, card.stability, card.difficulty, card.due, card.last_review
        )


@cache
def scheduler(desired_retention: float = DEFAULT_RETENTION, *, fuzz: bool = True) -> fsrs.Scheduler:
    if not 0.7 <= desired_retention <= 0.99:
        raise ValueError(f"desired retention {desired_retention} is outside 0.70-0.99")
    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def review(
    card: CardState,
    rating: int,
    now: datetime,
    *,
    desired_retention: float = DEFAULT_RETENTION,
    fuzz: bool = True,
) -> CardState:
    """The card after one answer rated 1-4 (Again, Hard, Good, Easy) at `now` (aware)."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    updated, _log = scheduler(desired_retention, fuzz=fuzz).review_card(
        card.to_fsrs(), fsrs.Rating(rating), now
    )
    return CardState.from_fsrs(updated)


def next_intervals(
    card: CardState, now: datetime, *, desired_retention: float = DEFAULT_RETENTION
) -> dict[int, timedelta]:
    """What each rating button would give, without fuzz (the label shows the plain interval)."""
    return {
        rating: review(card, rating, now, desired_retention=desired_retention, fuzz=False).due - now
        for rating in RATINGS
    }


def retrievability(
    card: CardState, now: datetime, *, desired_retention: float = DEFAULT_RETENTION
) -> float:
    """Probability of recall now (0 for a card never reviewed)."""
    if card.last_review is None:
        return 0.0
    return scheduler(desired_retention, fuzz=False).get_card_retrievability(card.to_fsrs(), now)


MASTERY_RETRIEVABILITY = 0.9


def mastered_until(card: CardState) -> datetime | None:
    """The moment the card's retrievability falls below 0.9, as fsrs computes it.

    Stability is by definition the interval after which recall falls to 90%; fsrs counts whole
    days elapsed, so recall stays at or above 0.9 until floor(stability) + 1 days after the review.
    """
    if card.last_review is None or card.stability is None:
        return None
    return card.last_review + timedelta(days=math.floor(card.stability) + 1)


def study_day(moment: datetime, time_zone: str = "Asia/Shanghai") -> date:
    """The study day a moment belongs to: local date, rolling over at 4 a.m."""
    local = moment.astimezone(ZoneInfo(time_zone))
    return (local - timedelta(hours=DAY_STARTS_AT.hour, minutes=DAY_STARTS_AT.minute)).date()


def day_start(day: date, time_zone: str = "Asia/Shanghai") -> datetime:
    """When a study day begins, as an aware datetime."""
    return datetime.combine(day, DAY_STARTS_AT, tzinfo=ZoneInfo(time_zone))

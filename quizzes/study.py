"""A learner's review loop: which card comes next, and what one answer does. Django side of scheduling."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q

from quizzes import grading, scheduling
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem, StudySelection

FLASHCARD_KINDS = {StudyItem.Kind.KEYPOINTS, StudyItem.Kind.DEFINITION}
CHOICE_KINDS = {StudyItem.Kind.CHOICE, StudyItem.Kind.MULTI}
# Everything else is typed: one input per blank, or per list member.


@dataclass
class Next:
    item: StudyItem | None
    due_left: int
    new_left: int


def _today(user, now: datetime) -> tuple[LearnerSettings, datetime]:
    options = LearnerSettings.for_user(user)
    return options, scheduling.day_start(scheduling.study_day(now, options.time_zone), options.time_zone)


def next_card(user, now: datetime) -> Next:
    """The next card: due reviews first (oldest due), then new items, within the daily limits.

    Items from a paragraph another item of which was answered today wait for another day
    (sibling burying), so one sentence does not give its answer away to the next card.
    """
    options, start = _today(user, now)
    selected = StudySelection.objects.filter(user=user).values("article")
    answered_sibling = ReviewLog.objects.filter(
        user=user, reviewed_at__gte=start, card__item__paragraph=OuterRef("paragraph")
    ).exclude(card__item=OuterRef("pk"))
    items = StudyItem.objects.active().filter(article__in=selected).exclude(Exists(answered_sibling))
    today = ReviewLog.objects.filter(user=user, reviewed_at__gte=start).aggregate(
        reviewed=Count("pk", filter=Q(was_new=False)), introduced=Count("pk", filter=Q(was_new=True))
    )
    reviewed, introduced = today["reviewed"], today["introduced"]

    due = StudyCard.objects.filter(user=user, due__lte=now, item__in=items).select_related("item__paragraph")
    due_total = due.count()
    due_left = min(due_total, max(options.reviews_per_day - reviewed, 0))
    if due_left:
        card = due.order_by("due", "pk").first()
        return Next(card.item, due_left, 0)
    new = items.exclude(cards__user=user).select_related("paragraph").order_by("article", "pk")
    new_left = max(options.new_per_day - introduced, 0)
    item = new.first() if new_left else None
    return Next(item, 0, new_left if item else 0)


def grade(item: StudyItem, *, answers: list[str], chosen: list[str]) -> grading.Verdict:
    if item.kind in CHOICE_KINDS:
        return grading.grade_choice(chosen, item.answers)
    if item.kind == StudyItem.Kind.NUMBER:
        return grading.grade_number(answers[0] if answers else "", item.answers[0], unit=item.extra.get("unit", ""))
    if item.kind == StudyItem.Kind.ENUMERATION:
        return grading.grade_enumeration(answers, item.answers, ordered=bool(item.extra.get("ordered")))
    return grading.grade_blanks(answers, item.answers)


def rating_for(verdict: grading.Verdict, *, hint_used: bool) -> int:
    if not verdict.correct:
        return scheduling.AGAIN
    return scheduling.HARD if hint_used else scheduling.GOOD


def review_record(user, item: StudyItem, rating: int, *, now: datetime, token: str, correct: bool | None = None,
                  duration_ms: int = 0) -> ReviewLog:
    """Apply one answer to the learner's card; the same token twice records once."""
    options = LearnerSettings.for_user(user)
    try:
        with transaction.atomic():
            card, created = StudyCard.objects.select_for_update().get_or_create(
                user=user, item=item, defaults={"due": now}
            )
            previous = {} if created else _snapshot(card)
            card.apply(scheduling.review(
                card.fsrs_state, rating, now, desired_retention=options.desired_retention, fuzz=settings.STUDY_FUZZ
            ))
            card.reps += 1
            card.lapses += rating == scheduling.AGAIN and not created
            card.save()
            return ReviewLog.objects.create(
                card=card, user=user, rating=rating, correct=correct, reviewed_at=now, duration_ms=duration_ms,
                study_day=scheduling.study_day(now, options.time_zone), previous=previous, was_new=created,
                token=token[:64],
            )
    except IntegrityError:
        return ReviewLog.objects.select_related("card__item").get(user=user, token=token[:64])


def review_undo(user) -> ReviewLog | None:
    """Take back the learner's last answer: the card returns to its state before it."""
    with transaction.atomic():
        log = ReviewLog.objects.select_related("card").filter(user=user).order_by("-reviewed_at", "-pk").first()
        if log is None:
            return None
        card = log.card
        if log.was_new:
            card.delete()  # takes its only review with it
        else:
            for name, value in log.previous.items():
                setattr(card, name, datetime.fromisoformat(value) if name in {"due", "last_review"} and value else value)
            card.save()
            log.delete()
    return log


def new_token() -> str:
    return uuid.uuid4().hex


def _snapshot(card: StudyCard) -> dict:
    return {
        "state": card.state, "step": card.step, "stability": card.stability, "difficulty": card.difficulty,
        "due": card.due.isoformat(), "last_review": card.last_review.isoformat() if card.last_review else None,
        "reps": card.reps, "lapses": card.lapses,
    }

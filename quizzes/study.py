"""A learner's review loop: which card comes next, and what one answer does. Django side of scheduling."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from quizzes import grading, scheduling
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem, StudySelection

FLASHCARD_KINDS = {StudyItem.Kind.KEYPOINTS, StudyItem.Kind.DEFINITION}
CHOICE_KINDS = {StudyItem.Kind.CHOICE, StudyItem.Kind.MULTI}
# Everything else is typed: one input per blank, or per list member.

RATING_LABELS = {
    scheduling.AGAIN: _("重来"), scheduling.HARD: _("困难"), scheduling.GOOD: _("良好"), scheduling.EASY: _("简单"),
}
# The mistake book (错题本): cards answered wrong (rated Again) within the window, until they
# have been answered right this many times since their last wrong answer.
MISTAKE_WINDOW = timedelta(days=30)
MISTAKE_CLEARED_AFTER = 2


@dataclass
class Next:
    item: StudyItem | None
    due_left: int
    new_left: int
    mistakes_left: int = 0


def next_card(user, now: datetime, options: LearnerSettings | None = None) -> Next:
    """The next card: due reviews first (oldest due), then new items, within the daily limits.

    Items from a paragraph another item of which was answered today wait for another day
    (sibling burying), so one sentence does not give its answer away to the next card.
    Today's answers are read once, by the (user, study_day) index, whatever the history's size.
    """
    options = options or LearnerSettings.for_user(user)
    today = ReviewLog.objects.filter(user=user, study_day=scheduling.study_day(now, options.time_zone))
    answered: dict[int, set[int]] = {}
    reviewed = introduced = 0
    for paragraph, item, was_new in today.values_list("card__item__paragraph", "card__item", "was_new"):
        if paragraph is not None:
            answered.setdefault(paragraph, set()).add(item)
        introduced += was_new
        reviewed += not was_new
    # A paragraph with one item answered today keeps only that item; with several, none.
    crowded = [paragraph for paragraph, done in answered.items() if len(done) > 1]
    single = {paragraph: next(iter(done)) for paragraph, done in answered.items() if len(done) == 1}
    selected = StudySelection.objects.filter(user=user).values("article")
    items = (
        StudyItem.objects.active().filter(article__in=selected)
        .exclude(paragraph__in=crowded)
        .exclude(Q(paragraph__in=list(single)) & ~Q(pk__in=list(single.values())))
    )

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


def mistakes(user, now: datetime) -> QuerySet[StudyCard]:
    """The learner's mistake book: cards wrong in the last 30 days and not yet right twice since."""
    wrongs = ReviewLog.objects.filter(card=OuterRef("pk"), rating=scheduling.AGAIN).order_by("-reviewed_at")
    rights_since = (
        ReviewLog.objects.filter(card=OuterRef("pk"), rating__gt=scheduling.AGAIN, reviewed_at__gt=OuterRef("last_wrong"))
        .values("card").annotate(count=Count("pk")).values("count")
    )
    return (
        StudyCard.objects.filter(user=user, item__status=StudyItem.Status.ACTIVE)
        .annotate(last_wrong=Subquery(wrongs.values("reviewed_at")[:1]))
        .filter(last_wrong__gte=now - MISTAKE_WINDOW)
        .annotate(rights=Coalesce(Subquery(rights_since), 0))
        .filter(rights__lt=MISTAKE_CLEARED_AFTER)
    )


def next_mistake(user, now: datetime) -> Next:
    """The mistake practised longest ago comes next, so a wrong answer is not asked again at once."""
    book = mistakes(user, now)
    card = book.select_related("item__paragraph").order_by("last_review", "pk").first()
    return Next(card.item if card else None, 0, 0, book.count() if card else 0)


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
                  duration_ms: int = 0, options: LearnerSettings | None = None) -> ReviewLog:
    """Apply one answer to the learner's card; the same token twice records once."""
    options = options or LearnerSettings.for_user(user)
    try:
        with transaction.atomic():
            card, created = StudyCard.objects.select_for_update().get_or_create(
                user=user, item=item, defaults={"due": now}
            )
            card.item = item  # the caller's instance, with whatever it loaded
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


def review_override(user, log: ReviewLog, rating: int) -> bool:
    """The learner's own rating in place of the automatic one ("I was right after all").

    Only the card's latest answer can be changed: the card is put back as it was before that
    answer and scheduled again with the new rating, at the time of the answer.
    """
    options = LearnerSettings.for_user(user)
    with transaction.atomic():
        card = StudyCard.objects.select_for_update().get(pk=log.card_id, user=user)
        latest = card.reviews.order_by("-reviewed_at", "-pk").values_list("pk", flat=True).first()
        if latest != log.pk:
            return False
        before = scheduling.CardState.new(log.reviewed_at) if log.was_new else _restored(card, log.previous).fsrs_state
        card.apply(scheduling.review(
            before, rating, log.reviewed_at, desired_retention=options.desired_retention, fuzz=settings.STUDY_FUZZ
        ))
        card.lapses = (0 if log.was_new else log.previous["lapses"]) + (rating == scheduling.AGAIN and not log.was_new)
        card.save()
        log.rating = rating
        log.save(update_fields=["rating"])
    return True


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
            _restored(card, log.previous).save()
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


def _restored(card: StudyCard, snapshot: dict) -> StudyCard:
    for name, value in snapshot.items():
        setattr(card, name, datetime.fromisoformat(value) if name in {"due", "last_review"} and value else value)
    return card

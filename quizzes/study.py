"""A learner's review loop: which card comes next, and what one answer does. Django side of scheduling."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, Paragraph
from quizzes import grading, scheduling
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem, StudySelection

RATING_LABELS = {
    scheduling.AGAIN: _("重来"),
    scheduling.HARD: _("困难"),
    scheduling.GOOD: _("良好"),
    scheduling.EASY: _("简单"),
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


# The next card is asked for on every answer, so its queries are written out: built by the ORM
# they cost several times their run time in query compilation, and each round trip counts on
# PostgreSQL. One statement finds the oldest due card of the learner's chosen articles with its
# paragraph, the due count (a window) and today's answer counts; a second, only when nothing is
# due, the first new item. Both leave out items whose paragraph had another item answered today
# (sibling burying, by the reviews' (user, study_day) index and the item and paragraph each
# review copies), and, among the items made from the outline, those of a section another of
# which was answered today: a heading's points and their blanks. Tables come from the models; values are parameters.
# 今天待复习 has one definition, here (_DUE_TODAY): the chosen, active cards due before the study
# day ends and not buried, within what is left of the daily review limit. The review card's header,
# the study home and the progress page all show it.
_NOT_BURIED = """NOT EXISTS (SELECT 1 FROM {log} r
    WHERE r.user_id = %s AND r.study_day = %s AND r.item_id <> i.id
      AND (r.paragraph_id = i.paragraph_id OR (i.on_outline AND r.outline_section_id = i.section_id)))"""
_ANSWERED = (
    "(SELECT COUNT(*) FROM {log} t WHERE t.user_id = %s AND t.study_day = %s AND t.was_new = %s)"
)
_CHOSEN = "i.status = %s AND i.article_id IN (SELECT s.article_id FROM {selection} s WHERE s.user_id = %s)"
_WITH_PARAGRAPH = "p.section_id AS p_section, p.position AS p_position, p.text AS p_text"
_DUE_TODAY = f"""(SELECT COUNT(*) FROM {{card}} dc JOIN {{item}} i ON i.id = dc.item_id
    WHERE dc.user_id = %s AND dc.due < %s AND {_CHOSEN} AND {_NOT_BURIED})"""
_DUE_TODAY_SQL = f"SELECT {_DUE_TODAY} AS due_today, {_ANSWERED} AS reviewed"
_DUE_SQL = f"""SELECT i.*, {_WITH_PARAGRAPH}, {_DUE_TODAY} AS due_today,
    {_ANSWERED} AS reviewed, {_ANSWERED} AS introduced
FROM {{card}} c JOIN {{item}} i ON i.id = c.item_id LEFT JOIN {{paragraph}} p ON p.id = i.paragraph_id
WHERE c.user_id = %s AND c.due <= %s AND {_CHOSEN} AND {_NOT_BURIED} ORDER BY c.due, c.id LIMIT 1"""
_NEW_SQL = f"""SELECT i.*, {_WITH_PARAGRAPH}, {_DUE_TODAY} AS due_today,
    {_ANSWERED} AS reviewed, {_ANSWERED} AS introduced
FROM {{item}} i LEFT JOIN {{paragraph}} p ON p.id = i.paragraph_id
WHERE {_CHOSEN} AND NOT EXISTS (SELECT 1 FROM {{card}} nc WHERE nc.item_id = i.id AND nc.user_id = %s)
  AND {_NOT_BURIED} ORDER BY i.article_id, i.id LIMIT 1"""


@cache
def _sql(template: str) -> str:
    tables = {
        "log": ReviewLog,
        "card": StudyCard,
        "item": StudyItem,
        "selection": StudySelection,
        "paragraph": Paragraph,
    }
    return template.format(**{name: model._meta.db_table for name, model in tables.items()})


def selections_prune(*, user=None, document=None) -> None:
    """Forget the chosen articles a learner may no longer read (the owner made the document
    private, or the learner left the class it was shared with): the user's, or those of
    everyone studying the document."""
    users = [user] if user is not None else []
    if document is not None:
        chosen = StudySelection.objects.filter(article__document=document)
        users += get_user_model().objects.filter(pk__in=chosen.values("user")).distinct()
    for learner in users:
        StudySelection.objects.filter(user=learner).exclude(
            article__in=Article.objects.visible_to(learner)
        ).delete()


def next_card(user, now: datetime, options: LearnerSettings | None = None) -> Next:
    """The next card: due reviews first (oldest due), then new items, within the daily limits.

    Items from a paragraph another item of which was answered today wait for another day
    (sibling burying), so one sentence does not give its answer away to the next card.
    One or two indexed queries, whatever the size of the history.
    """
    options = options or LearnerSettings.for_user(user)
    day, tomorrow = _day_bounds(now, options)
    moment = connection.ops.adapt_datetimefield_value(now)
    chosen, burying = [StudyItem.Status.ACTIVE.value, user.pk], [user.pk, day]
    today = [user.pk, tomorrow, *chosen, *burying, user.pk, day, False]
    due = _first(_DUE_SQL, [*today, user.pk, day, True, user.pk, moment, *chosen, *burying])
    if due is not None:
        due_left = _within_limit(due.due_today, due.reviewed, options)
        if due_left:
            return Next(due, due_left, 0)
    new = _first(_NEW_SQL, [*today, user.pk, day, True, *chosen, user.pk, *burying])
    if new is None:
        return Next(None, 0, 0)
    new_left = max(options.new_per_day - new.introduced, 0)
    due_left = _within_limit(new.due_today, new.reviewed, options)
    return Next(new, due_left, new_left) if new_left else Next(None, 0, 0)


def due_today(user, now: datetime, options: LearnerSettings | None = None) -> int:
    """今天待复习: the reviews still to do today (see _DUE_TODAY), in one query."""
    options = options or LearnerSettings.for_user(user)
    day, tomorrow = _day_bounds(now, options)
    chosen = [StudyItem.Status.ACTIVE.value, user.pk]
    params = [user.pk, tomorrow, *chosen, user.pk, day, user.pk, day, False]
    with connection.cursor() as cursor:
        cursor.execute(_sql(_DUE_TODAY_SQL), params)
        due, reviewed = cursor.fetchone()
    return _within_limit(due, reviewed, options)


def _day_bounds(now: datetime, options: LearnerSettings) -> tuple:
    """The learner's study day and the moment it ends, as database parameters."""
    today = scheduling.study_day(now, options.time_zone)
    tomorrow = scheduling.day_start(today + timedelta(days=1), options.time_zone)
    return (
        connection.ops.adapt_datefield_value(today),
        connection.ops.adapt_datetimefield_value(tomorrow),
    )


def _within_limit(due: int, reviewed: int, options: LearnerSettings) -> int:
    return min(due, max(options.reviews_per_day - reviewed, 0))


def _first(template: str, params: list) -> StudyItem | None:
    """The item the statement finds, with its paragraph attached (the card shows it as the hint)."""
    item = next(iter(StudyItem.objects.raw(_sql(template), params)), None)
    if item is not None and item.paragraph_id is not None:
        item.paragraph = Paragraph(
            id=item.paragraph_id,
            section_id=item.p_section,
            position=item.p_position,
            text=item.p_text,
        )
    return item


def mistakes(user, now: datetime) -> QuerySet[StudyCard]:
    """The learner's mistake book: cards wrong in the last 30 days and not yet right twice since."""
    wrongs = ReviewLog.objects.filter(card=OuterRef("pk"), rating=scheduling.AGAIN).order_by(
        "-reviewed_at"
    )
    rights_since = (
        ReviewLog.objects.filter(
            card=OuterRef("pk"), rating__gt=scheduling.AGAIN, reviewed_at__gt=OuterRef("last_wrong")
        )
        .values("card")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        StudyCard.objects.filter(user=user, item__status=StudyItem.Status.ACTIVE)
        .annotate(last_wrong=Subquery(wrongs.values("reviewed_at")[:1]))
        .filter(last_wrong__gte=now - MISTAKE_WINDOW)
        .annotate(rights=Coalesce(Subquery(rights_since), 0))
        .filter(rights__lt=MISTAKE_CLEARED_AFTER)
    )


def next_mistake(user, now: datetime) -> Next:
    """The mistake practised longest ago comes next, so a wrong answer is not asked again at
    once; nor is one the feedback on screen answers (a sibling of the last answer), while
    there are others."""
    book = mistakes(user, now)
    ordered = book.select_related("item__paragraph").order_by("last_review", "pk")
    last = user.reviews.order_by("-reviewed_at", "-pk").first()
    card = None
    if last is not None:
        card = ordered.exclude(siblings_of(last, "item__")).first()
    card = card or ordered.first()
    return Next(card.item if card else None, 0, 0, book.count() if card else 0)


def siblings_of(review: ReviewLog, prefix: str = "") -> Q:
    """The items whose answer the feedback on `review` shows: its own item, those of its
    paragraph, and when it is made from the outline, the outline items of its section."""
    siblings = Q(**{f"{prefix}pk": review.item_id})
    if review.paragraph_id is not None:
        siblings |= Q(**{f"{prefix}paragraph": review.paragraph_id})
    if review.outline_section_id is not None:
        siblings |= Q(
            **{f"{prefix}on_outline": True, f"{prefix}section": review.outline_section_id}
        )
    return siblings


def kept_answers(values: list[str]) -> list[str]:
    """What a learner typed or chose, as stored: trimmed, at most 20 answers of 200 characters."""
    return [value.strip()[:200] for value in values][:20]


def rating_for(verdict: grading.Verdict, *, hint_used: bool) -> int:
    if not verdict.correct:
        return scheduling.AGAIN
    return scheduling.HARD if hint_used else scheduling.GOOD


def answer_record(
    user,
    item: StudyItem,
    *,
    now: datetime,
    token: str,
    verdict: grading.Verdict | None = None,
    rating: int | None = None,
    hint_used: bool = False,
    given: list[str] | None = None,
    duration_ms: int = 0,
    options: LearnerSettings | None = None,
    correct: bool | None = None,
) -> ReviewLog:
    """Record one answer, from self-study, a practice test, an assignment, a live game or a
    recitation, as a review of the learner's card; the same token twice records once.

    A graded answer brings its verdict and is rated from it (right is Good, Hard with the hint,
    wrong is Again); a flashcard or a recited group brings the learner's own rating. An answer
    graded before and recorded later (a live game's) brings only `correct`, as it was graded.
    """
    if verdict is None and correct is not None:
        verdict = grading.Verdict(correct, [], float(correct))
    if rating is None:
        if verdict is None:
            raise ValueError("an answer needs a verdict or a rating")
        rating = rating_for(verdict, hint_used=hint_used)
    correct = verdict.correct if verdict is not None else None
    options = options or LearnerSettings.for_user(user)
    try:
        with transaction.atomic():
            card, created = StudyCard.objects.select_for_update().get_or_create(
                user=user, item=item, defaults={"due": now}
            )
            card.item = item  # the caller's instance, with whatever it loaded
            previous = {} if created else _snapshot(card)
            prior_state, overdue_days = (
                (0, 0) if created else (card.state, _days_overdue(card.due, now, options))
            )
            card.apply(
                scheduling.review(
                    card.fsrs_state,
                    rating,
                    now,
                    desired_retention=options.desired_retention,
                    fuzz=settings.STUDY_FUZZ,
                )
            )
            card.reps += 1
            card.lapses += rating == scheduling.AGAIN and not created
            card.save()
            return ReviewLog.objects.create(
                card=card,
                user=user,
                item=item,
                paragraph_id=item.paragraph_id,
                outline_section_id=item.section_id if item.on_outline else None,
                rating=rating,
                correct=correct,
                reviewed_at=now,
                duration_ms=duration_ms,
                study_day=scheduling.study_day(now, options.time_zone),
                previous=previous,
                was_new=created,
                given=kept_answers(given or []),
                prior_state=prior_state,
                overdue_days=overdue_days,
                token=token[:64],
            )
    except IntegrityError:
        return ReviewLog.objects.select_related("card__item").get(user=user, token=token[:64])


def _days_overdue(due: datetime, now: datetime, options: LearnerSettings) -> int:
    late = scheduling.study_day(now, options.time_zone) - scheduling.study_day(
        due, options.time_zone
    )
    return max(late.days, 0)


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
        before = (
            scheduling.CardState.new(log.reviewed_at)
            if log.was_new
            else _restored(card, log.previous).fsrs_state
        )
        card.apply(
            scheduling.review(
                before,
                rating,
                log.reviewed_at,
                desired_retention=options.desired_retention,
                fuzz=settings.STUDY_FUZZ,
            )
        )
        card.lapses = (0 if log.was_new else log.previous["lapses"]) + (
            rating == scheduling.AGAIN and not log.was_new
        )
        card.save()
        log.rating = rating
        log.save(update_fields=["rating"])
    return True


def review_undo(user, review_id: int | None = None) -> ReviewLog | None:
    """Take back the learner's answer `review_id` while it is their last: the card returns to its
    state before it. (Scripts that name no review take back the last answer.)

    The review page's undo names its review, so the same undo twice (a double click, a retry,
    ten requests at once) takes back that one answer once, and a stale page takes back nothing.
    The review's row is locked, so of concurrent undos one finds it and the others find it gone
    (on SQLite the immediate transactions run one after another).
    """
    with transaction.atomic():
        latest = (
            ReviewLog.objects.filter(user=user)
            .order_by("-reviewed_at", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
        if review_id is None:
            review_id = latest
        log = (
            ReviewLog.objects.select_for_update()
            .select_related("card")
            .filter(user=user, pk=review_id)
            .first()
        )
        if log is None or log.pk != latest:
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
        "state": card.state,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due.isoformat(),
        "last_review": card.last_review.isoformat() if card.last_review else None,
        "reps": card.reps,
        "lapses": card.lapses,
    }


def _restored(card: StudyCard, snapshot: dict) -> StudyCard:
    for name, value in snapshot.items():
        setattr(
            card,
            name,
            datetime.fromisoformat(value) if name in {"due", "last_review"} and value else value,
        )
    card.mastered_until = scheduling.mastered_until(card.fsrs_state)
    return card

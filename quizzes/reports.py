"""A teacher's reports on a class: per learner, per item (Moodle's item analysis), per section.

Everything is counted by the database, grouped by learner, item or section; Python only arranges
rows whose number is bounded by the class's learners and items, never by the reviews.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, Sum

from corpus.models import Article, Section
from quizzes import scheduling
from quizzes.models import Classroom, PracticeTest, ReviewLog, StudyCard, StudyItem

# Kelley's groups for the discrimination index: the top and bottom 27% of the class by score.
GROUP_SHARE = 0.27
ACTIVE_DAYS = 7


@dataclass
class DateRange:
    start: date
    end: date

    def reviews(self):
        return Q(study_day__gte=self.start, study_day__lte=self.end)


def class_articles(classroom: Classroom) -> list[Article]:
    """The articles the class works on: those of its assignments."""
    return list(Article.objects.filter(assignments__classroom=classroom).distinct().order_by("document", "position"))


def class_items(articles: list[Article]):
    return StudyItem.objects.active().filter(article__in=articles)


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def learner_rows(classroom: Classroom, articles: list[Article], period: DateRange, now: datetime) -> list[dict]:
    members = get_user_model().objects.filter(memberships__classroom=classroom).order_by("username")
    reviews = (
        ReviewLog.objects.filter(user__memberships__classroom=classroom).values("user").annotate(
            last=Max("reviewed_at"),
            week=Count("pk", filter=Q(reviewed_at__gte=now - timedelta(days=ACTIVE_DAYS))),
            answered=Count("pk", filter=period.reviews() & Q(prior_state=scheduling.REVIEW_STATE)),
            passed=Count("pk", filter=period.reviews() & Q(prior_state=scheduling.REVIEW_STATE,
                                                            rating__gt=scheduling.AGAIN)),
        )
    )
    by_user = {row["user"]: row for row in reviews}
    scores = {
        row["user"]: row for row in PracticeTest.objects.filter(
            assignment__classroom=classroom, finished_at__isnull=False,
            finished_at__date__gte=period.start, finished_at__date__lte=period.end,
        ).values("user").annotate(score=Sum("score"), total=Sum("total"), done=Count("pk"))
    }
    items = class_items(articles)
    total_items = items.count()
    held = dict(
        StudyCard.objects.filter(user__memberships__classroom=classroom, item__in=items, mastered_until__gt=now)
        .values("user").annotate(count=Count("pk")).values_list("user", "count")
    )
    rows = []
    for user in members:
        review, score = by_user.get(user.pk, {}), scores.get(user.pk, {})
        rows.append({
            "user": user, "last": review.get("last"), "week": review.get("week", 0),
            "retention": _share(review.get("passed", 0), review.get("answered", 0)),
            "assignments": score.get("done", 0), "score": _share(score.get("score", 0), score.get("total", 0)),
            "mastery": _share(held.get(user.pk, 0), total_items),
        })
    return rows


LEARNER_SORTS = {
    "name": lambda row: row["user"].username,
    "last": lambda row: row["last"] or datetime.min.replace(tzinfo=UTC),
    "week": lambda row: row["week"],
    "retention": lambda row: -1 if row["retention"] is None else row["retention"],
    "score": lambda row: -1 if row["score"] is None else row["score"],
    "mastery": lambda row: -1 if row["mastery"] is None else row["mastery"],
}


def item_analysis(classroom: Classroom, articles: list[Article], period: DateRange) -> list[dict]:
    """Facility (share right) and discrimination (upper minus lower 27% of the class) of every item
    the class answered in the period, with how often each wrong option was chosen; most missed first."""
    answers = ReviewLog.objects.filter(
        period.reviews(), user__memberships__classroom=classroom, correct__isnull=False, item__in=class_items(articles)
    )
    totals = list(answers.values("user").annotate(right=Count("pk", filter=Q(correct=True)), answered=Count("pk")))
    totals.sort(key=lambda row: row["right"] / row["answered"], reverse=True)
    size = max(1, round(len(totals) * GROUP_SHARE)) if len(totals) >= 2 else 0
    upper = [row["user"] for row in totals[:size]]
    lower = [row["user"] for row in totals[-size:]] if size else []
    rows = answers.values("item").annotate(
        answered=Count("pk"), right=Count("pk", filter=Q(correct=True)),
        upper_answered=Count("pk", filter=Q(user__in=upper)),
        upper_right=Count("pk", filter=Q(user__in=upper, correct=True)),
        lower_answered=Count("pk", filter=Q(user__in=lower)),
        lower_right=Count("pk", filter=Q(user__in=lower, correct=True)),
    )
    wrong_options: dict[int, dict[str, int]] = {}
    chosen = answers.filter(correct=False, item__kind__in=[StudyItem.Kind.CHOICE, StudyItem.Kind.MULTI])
    for row in chosen.values("item", "given").annotate(count=Count("pk")):
        for option in row["given"]:
            options = wrong_options.setdefault(row["item"], {})
            options[option] = options.get(option, 0) + row["count"]
    items = StudyItem.objects.in_bulk([row["item"] for row in rows])
    analysis = []
    for row in rows:
        upper_rate = row["upper_right"] / row["upper_answered"] if row["upper_answered"] else None
        lower_rate = row["lower_right"] / row["lower_answered"] if row["lower_answered"] else None
        item = items[row["item"]]
        analysis.append({
            "item": item, "answered": row["answered"], "right": row["right"],
            "facility": round(100 * row["right"] / row["answered"]),
            "discrimination": None if upper_rate is None or lower_rate is None else round(upper_rate - lower_rate, 2),
            "wrong_options": sorted((wrong_options.get(item.pk) or {}).items(), key=lambda pair: -pair[1]),
        })
    analysis.sort(key=lambda entry: (entry["facility"], -entry["answered"]))
    return analysis


def section_mastery(classroom: Classroom, articles: list[Article], now: datetime) -> tuple[list, list[dict]]:
    """Sections (columns) and, per learner, the share of each section's items held at >= 90% recall."""
    items = class_items(articles)
    totals = dict(items.values_list("section").annotate(count=Count("pk")).values_list("section", "count"))
    sections = [s for s in Section.objects.filter(article__in=articles).select_related("article")
                .order_by("article__document", "article__position", "position") if totals.get(s.pk)]
    held = {}
    for user, section, count in (
        StudyCard.objects.filter(user__memberships__classroom=classroom, item__in=items, mastered_until__gt=now)
        .values("user", "item__section").annotate(count=Count("pk")).values_list("user", "item__section", "count")
    ):
        held[user, section] = count
    members = get_user_model().objects.filter(memberships__classroom=classroom).order_by("username")
    rows = [{"user": user, "cells": [_share(held.get((user.pk, s.pk), 0), totals[s.pk]) for s in sections]}
            for user in members]
    return sections, rows

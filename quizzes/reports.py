"""A teacher's reports on a class: per learner, per item (Moodle's item analysis), per section.

Everything is counted by the database, grouped by learner, item or section; Python only arranges
rows whose number is bounded by the class's learners and items, never by the reviews.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

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


@dataclass
class LearnerRow:
    """One learner of the class in the period; shares are percentages, None with nothing to count."""

    user: object
    last: datetime | None
    week: int
    retention: int | None
    assignments: int
    score: int | None
    mastery: int | None
    graded: (
        int  # answers the server graded, and how many were right: the item analysis ranks by them
    )
    graded_right: int


@dataclass
class ItemRow:
    """One item's analysis: facility (percent right) and Kelley's discrimination."""

    item: StudyItem
    answered: int
    right: int
    facility: int
    discrimination: float | None
    wrong_options: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class MasteryRow:
    """A learner's share of each section's items held at >= 90% recall, with a colour band each."""

    user: object
    cells: list[int | None]
    bands: list[tuple[int | None, str]]


def class_articles(classroom: Classroom) -> list[Article]:
    """The articles the class works on: those of its assignments."""
    return list(
        Article.objects.filter(assignments__classroom=classroom)
        .distinct()
        .order_by("document", "position")
    )


def class_items(articles: list[Article]):
    return StudyItem.objects.active().filter(article__in=articles)


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def members_of(classroom: Classroom) -> list:
    """The class's learners, each with when they last answered (a seek on the (user, reviewed_at) index)."""
    last = (
        ReviewLog.objects.filter(user=OuterRef("pk"))
        .order_by("-reviewed_at")
        .values("reviewed_at")[:1]
    )
    return list(
        get_user_model()
        .objects.filter(memberships__classroom=classroom)
        .annotate(last=Subquery(last))
        .order_by("username")
    )


def learner_rows(
    classroom: Classroom, members: list, articles: list[Article], period: DateRange, now: datetime
) -> list[LearnerRow]:
    ids, items = [user.pk for user in members], class_items(articles)
    item_ids = list(items.values_list("pk", flat=True))
    graded = period.reviews() & Q(correct__isnull=False, item__in=item_ids)
    today = now.date()
    window = Q(
        study_day__gte=min(period.start, today - timedelta(days=ACTIVE_DAYS + 1)),
        study_day__lte=max(period.end, today + timedelta(days=1)),
    )
    reviews = (
        ReviewLog.objects.filter(window, user__in=ids)
        .values("user")
        .annotate(
            week=Count("pk", filter=Q(reviewed_at__gte=now - timedelta(days=ACTIVE_DAYS))),
            answered=Count("pk", filter=period.reviews() & Q(prior_state=scheduling.REVIEW_STATE)),
            passed=Count(
                "pk",
                filter=period.reviews()
                & Q(prior_state=scheduling.REVIEW_STATE, rating__gt=scheduling.AGAIN),
            ),
            graded=Count("pk", filter=graded),
            graded_right=Count("pk", filter=graded & Q(correct=True)),
        )
    )
    by_user = {row["user"]: row for row in reviews}
    scores = {
        row["user"]: row
        for row in PracticeTest.objects.filter(
            assignment__classroom=classroom,
            finished_at__isnull=False,
            finished_at__date__gte=period.start,
            finished_at__date__lte=period.end,
        )
        .values("user")
        .annotate(score=Sum("score"), total=Sum("total"), done=Count("pk"))
    }
    total_items = len(item_ids)
    held = dict(
        StudyCard.objects.filter(user__in=ids, item__in=items, mastered_until__gt=now)
        .values("user")
        .annotate(count=Count("pk"))
        .values_list("user", "count")
    )
    rows = []
    for user in members:
        review, score = by_user.get(user.pk, {}), scores.get(user.pk, {})
        rows.append(
            LearnerRow(
                user=user,
                last=user.last,
                week=review.get("week", 0),
                retention=_share(review.get("passed", 0), review.get("answered", 0)),
                assignments=score.get("done", 0),
                score=_share(score.get("score", 0), score.get("total", 0)),
                mastery=_share(held.get(user.pk, 0), total_items),
                graded=review.get("graded", 0),
                graded_right=review.get("graded_right", 0),
            )
        )
    return rows


LEARNER_SORTS = {
    "name": lambda row: row.user.username,
    "last": lambda row: row.last or datetime.min.replace(tzinfo=UTC),
    "week": lambda row: row.week,
    "retention": lambda row: -1 if row.retention is None else row.retention,
    "score": lambda row: -1 if row.score is None else row.score,
    "mastery": lambda row: -1 if row.mastery is None else row.mastery,
}


def item_analysis(
    learners: list[LearnerRow], articles: list[Article], period: DateRange
) -> list[ItemRow]:
    """Facility (share right) and discrimination (upper minus lower 27% of the class) of every item
    the class answered in the period; most missed first. The learners are ranked by their share of
    right answers in the same period, which learner_rows counted."""
    answers = ReviewLog.objects.filter(
        period.reviews(),
        user__in=[row.user.pk for row in learners],
        correct__isnull=False,
        item__in=list(class_items(articles).values_list("pk", flat=True)),
    )
    ranked = sorted(
        (row for row in learners if row.graded),
        reverse=True,
        key=lambda row: row.graded_right / row.graded,
    )
    size = max(1, round(len(ranked) * GROUP_SHARE)) if len(ranked) >= 2 else 0
    upper = [row.user.pk for row in ranked[:size]]
    lower = [row.user.pk for row in ranked[-size:]] if size else []
    rows = list(
        answers.values("item").annotate(
            answered=Count("pk"),
            right=Count("pk", filter=Q(correct=True)),
            upper_answered=Count("pk", filter=Q(user__in=upper)),
            upper_right=Count("pk", filter=Q(user__in=upper, correct=True)),
            lower_answered=Count("pk", filter=Q(user__in=lower)),
            lower_right=Count("pk", filter=Q(user__in=lower, correct=True)),
        )
    )
    found = StudyItem.objects.in_bulk([row["item"] for row in rows])
    analysis = []
    for row in rows:
        discrimination = None
        if row["upper_answered"] and row["lower_answered"]:
            discrimination = round(
                row["upper_right"] / row["upper_answered"]
                - row["lower_right"] / row["lower_answered"],
                2,
            )
        analysis.append(
            ItemRow(
                item=found[row["item"]],
                answered=row["answered"],
                right=row["right"],
                facility=round(100 * row["right"] / row["answered"]),
                discrimination=discrimination,
            )
        )
    analysis.sort(key=lambda entry: (entry.facility, -entry.answered))
    return analysis


def add_wrong_options(entries: list[ItemRow], members: list, period: DateRange) -> list[ItemRow]:
    """How often each wrong option of the entries' choice items was chosen in the period.

    Only the item's own wrong options count: a blank fact with options is also asked typed,
    and what a learner typed is no option (nor is a right option picked beside a wrong one)."""
    wrong_options = {
        entry.item.pk: set(entry.item.options) - set(entry.item.answers)
        for entry in entries
        if entry.item.options
    }
    counts: dict[int, dict[str, int]] = {}
    wrong = ReviewLog.objects.filter(
        period.reviews(),
        user__in=[user.pk for user in members],
        correct=False,
        item__in=list(wrong_options),
    )
    for row in wrong.values("item", "given").annotate(count=Count("pk")):
        for option in row["given"]:
            if option in wrong_options[row["item"]]:
                options = counts.setdefault(row["item"], {})
                options[option] = options.get(option, 0) + row["count"]
    for entry in entries:
        entry.wrong_options = sorted(
            counts.get(entry.item.pk, {}).items(), key=lambda pair: -pair[1]
        )
    return entries


def _band(share: int) -> str:
    return "high" if share >= 75 else "mid" if share >= 50 else "low" if share >= 25 else "none"


def section_mastery(
    members: list, articles: list[Article], now: datetime
) -> tuple[list, list[MasteryRow]]:
    """Sections (columns) and, per learner, the share of each section's items held at >= 90% recall
    (with a colour band for the table)."""
    items = class_items(articles)
    totals = dict(
        items.values_list("section").annotate(count=Count("pk")).values_list("section", "count")
    )
    sections = [
        s
        for s in Section.objects.filter(article__in=articles)
        .select_related("article")
        .order_by("article__document", "article__position", "position")
        if totals.get(s.pk)
    ]
    held = {}
    for user, section, count in (
        StudyCard.objects.filter(
            user__in=[user.pk for user in members], item__in=items, mastered_until__gt=now
        )
        .values("user", "item__section")
        .annotate(count=Count("pk"))
        .values_list("user", "item__section", "count")
    ):
        held[user, section] = count
    rows = []
    for user in members:
        shares = [_share(held.get((user.pk, s.pk), 0), totals[s.pk]) for s in sections]
        rows.append(MasteryRow(user, shares, [(share, _band(share)) for share in shares]))
    return sections, rows


# The CSV downloads: one table each, with every row (the page shows a page of them).


def _blank(value) -> str:
    return "" if value is None else str(value)


def learners_table(rows: list[LearnerRow]) -> tuple[list[str], list[list]]:
    header = [_("学员"), _("最近活动"), _("近 7 天复习"), _("保持率 %")]
    header += [_("作业数"), _("作业得分 %"), _("掌握 %")]
    table = []
    for row in rows:
        last = timezone.localtime(row.last).strftime("%Y-%m-%d %H:%M") if row.last else ""
        table.append(
            [row.user.get_username(), last, row.week, _blank(row.retention), row.assignments]
            + [_blank(row.score), _blank(row.mastery)]
        )
    return header, table


def items_table(entries: list[ItemRow]) -> tuple[list[str], list[list]]:
    header = [_("题目"), _("题型"), _("作答"), _("答对"), _("难度（答对率 %）")]
    header += [_("区分度"), _("错选")]
    table = []
    for entry in entries:
        wrong = "；".join(f"{option}×{count}" for option, count in entry.wrong_options)
        table.append(
            [entry.item.prompt, entry.item.get_kind_display(), entry.answered, entry.right]
            + [entry.facility, _blank(entry.discrimination), wrong]
        )
    return header, table


def sections_table(sections: list, rows: list[MasteryRow]) -> tuple[list[str], list[list]]:
    header = [_("学员")] + [f"{section.article.title} · {section}" for section in sections]
    table = [[row.user.get_username()] + [_blank(cell) for cell in row.cells] for row in rows]
    return header, table

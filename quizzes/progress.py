"""A learner's progress: what is due, activity and streaks, retention, mastery. Counted in the
database; Python only walks the (at most 365) days of a year for the streaks."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    Sum,
)
from django.db.models.functions import TruncDate

from corpus.models import Article, Section
from quizzes import scheduling, study
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem

FORECAST_DAYS = 30
HEATMAP_DAYS = 365
RETENTION_WINDOWS = (7, 30, 365)
RECENT_DAYS = 30  # answers by rating, time per day
WEAKEST_SHOWN = 5


@dataclass
class Streaks:
    current: int
    longest: int


@dataclass
class SectionMastery:
    section: Section
    items: int
    mastered: int

    @property
    def share(self) -> int:
        return round(100 * self.mastered / self.items) if self.items else 0

    @property
    def band(self) -> int:
        """0-4, for the colour of the outline; the number is always shown beside it."""
        return min(self.share // 25, 4) if self.items else 0


@dataclass
class ArticleMastery:
    article: Article
    sections: list[SectionMastery] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(s.items for s in self.sections)

    @property
    def mastered(self) -> int:
        return sum(s.mastered for s in self.sections)

    @property
    def share(self) -> int:
        return round(100 * self.mastered / self.items) if self.items else 0


def _study_day_of(field_name: str, zone: ZoneInfo):
    """The study day of a datetime column, in the database: the local date, rolling over at 4 a.m."""
    shifted = ExpressionWrapper(
        F(field_name) - timedelta(hours=scheduling.DAY_STARTS_AT.hour), output_field=DateTimeField()
    )
    return TruncDate(shifted, tzinfo=zone)


def studied_cards(user):
    """The learner's cards that come up for review: active items of the articles they study."""
    return StudyCard.objects.filter(
        user=user,
        item__status=StudyItem.Status.ACTIVE,
        item__article__study_selections__user=user,
    )


def due_forecast(
    user, now: datetime, options: LearnerSettings
) -> tuple[int, list[tuple[date, int]]]:
    """The reviews due today (due_today) and on each of the next 30 days."""
    zone = ZoneInfo(options.time_zone)
    today = scheduling.study_day(now, options.time_zone)
    tomorrow = scheduling.day_start(today + timedelta(days=1), options.time_zone)
    end = scheduling.day_start(today + timedelta(days=FORECAST_DAYS + 1), options.time_zone)
    cards = studied_cards(user)
    due_today = study.due_today(user, now, options)  # 今天待复习, as the review card shows it
    rows = (
        cards.filter(due__gte=tomorrow, due__lt=end)
        .annotate(day=_study_day_of("due", zone))
        .values("day")
        .annotate(count=Count("pk"))
    )
    counts = {row["day"]: row["count"] for row in rows}
    days = [today + timedelta(days=n) for n in range(1, FORECAST_DAYS + 1)]
    return due_today, [(day, counts.get(day, 0)) for day in days]


def activity(user, today: date) -> dict[date, tuple[int, int]]:
    """Answers and milliseconds studied on each study day of the last year."""
    start = today - timedelta(days=HEATMAP_DAYS - 1)
    rows = (
        ReviewLog.objects.filter(user=user, study_day__gte=start, study_day__lte=today)
        .values("study_day")
        .annotate(count=Count("pk"), ms=Sum("duration_ms"))
    )
    return {row["study_day"]: (row["count"], row["ms"] or 0) for row in rows}


def due_days(user, today: date, options: LearnerSettings) -> set[date]:
    """Days of the last year on which something was due: between a card's due day and the day it
    was answered (overdue answers), and from the oldest card still overdue until yesterday."""
    start = today - timedelta(days=HEATMAP_DAYS)
    days: set[date] = set()
    late = ReviewLog.objects.filter(user=user, study_day__gte=start, overdue_days__gt=0)
    for answered, overdue in late.values_list("study_day", "overdue_days"):
        days.update(answered - timedelta(days=n) for n in range(1, overdue + 1))
    oldest = StudyCard.objects.filter(
        user=user,
        item__status=StudyItem.Status.ACTIVE,
        due__lt=scheduling.day_start(today, options.time_zone),
    ).aggregate(oldest=Min("due"))["oldest"]
    if oldest is not None:
        first = max(scheduling.study_day(oldest, options.time_zone), start)
        days.update(first + timedelta(days=n) for n in range((today - first).days))
    return days


def streaks(studied: set[date], due: set[date], today: date) -> Streaks:
    """Days in a row with answers. A day with nothing due does not break a streak (nor add to it);
    today does not break it before it is over."""
    current, day = 0, today
    if today in studied:
        current = 1
    for _ in range(HEATMAP_DAYS):
        day -= timedelta(days=1)
        if day in studied:
            current += 1
        elif day in due:
            break
    longest = run = 0
    for n in range(HEATMAP_DAYS - 1, -1, -1):
        day = today - timedelta(days=n)
        if day in studied:
            run += 1
            longest = max(longest, run)
        elif day in due and day != today:
            run = 0
    return Streaks(current, max(longest, current))


def retention(user, today: date, *, start: date | None = None) -> dict[int, tuple[int, int]]:
    """True retention as Anki computes it: of the answers to cards in the Review state, how many
    passed (anything but Again), for each window: {days: (passed, answered)}."""
    reviews = ReviewLog.objects.filter(user=user, prior_state=scheduling.REVIEW_STATE)
    counts = reviews.aggregate(
        **{
            f"{kind}{days}": Count(
                "pk", filter=Q(study_day__gt=today - timedelta(days=days), **extra)
            )
            for days in RETENTION_WINDOWS
            for kind, extra in (("answered", {}), ("passed", {"rating__gt": scheduling.AGAIN}))
        }
    )
    return {
        days: (counts[f"passed{days}"], counts[f"answered{days}"]) for days in RETENTION_WINDOWS
    }


def answers_by_rating(user, today: date) -> dict[int, int]:
    rows = (
        ReviewLog.objects.filter(user=user, study_day__gt=today - timedelta(days=RECENT_DAYS))
        .values("rating")
        .annotate(count=Count("pk"))
    )
    counts = {row["rating"]: row["count"] for row in rows}
    return {rating: counts.get(rating, 0) for rating in scheduling.RATINGS}


def mastery(user, articles: list[Article], now: datetime) -> list[ArticleMastery]:
    """Per article and section: how many of its active items the learner holds at >= 90% recall."""
    items = StudyItem.objects.active().filter(article__in=articles)
    totals = dict(
        items.values_list("section").annotate(count=Count("pk")).values_list("section", "count")
    )
    held = dict(
        StudyCard.objects.filter(user=user, item__in=items, mastered_until__gt=now)
        .values("item__section")
        .annotate(count=Count("pk"))
        .values_list("item__section", "count")
    )
    sections = Section.objects.filter(article__in=articles).order_by("article", "position")
    by_article = {article.pk: ArticleMastery(article) for article in articles}
    for section in sections:
        if totals.get(section.pk):
            by_article[section.article_id].sections.append(
                SectionMastery(section, totals[section.pk], held.get(section.pk, 0))
            )
    return [entry for entry in by_article.values() if entry.sections]


def weakest(masteries: list[ArticleMastery]) -> list[SectionMastery]:
    sections = [section for entry in masteries for section in entry.sections]
    return sorted(sections, key=lambda s: (s.share, -s.items))[:WEAKEST_SHOWN]

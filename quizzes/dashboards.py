"""A learner's dashboard as the page draws it: counts from progress, laid out as chart columns."""

from dataclasses import dataclass
from datetime import date, timedelta

from corpus.models import Article
from quizzes import progress, scheduling
from quizzes.models import LearnerSettings

HEAT_LEVELS = 4


def bars(values: list[int]) -> list[int]:
    """Each value as a percentage of the largest, for bar lengths (an empty chart stays flat)."""
    top = max(values + [1])
    return [round(100 * value / top) for value in values]


@dataclass
class Column:
    """A day's column of a 100-high SVG chart: its value, height and where its top is."""

    day: date
    value: float
    height: int

    @property
    def y(self) -> int:
        return 100 - self.height


@dataclass
class HeatCell:
    """A day of the year's heatmap: its answers, its colour level 0-4 and its place."""

    day: date
    count: int
    level: int
    x: int
    y: int


def columns(days: list[date], values: list) -> list[Column]:
    heights = bars([round(v * 10) for v in values])
    return [Column(*cell) for cell in zip(days, values, heights, strict=True)]


def heatmap(counts: dict[date, tuple[int, int]], today: date) -> list[HeatCell]:
    """A year of days in week columns (Monday at the top), each with its answers and a level 0-4."""
    first = today - timedelta(days=progress.HEATMAP_DAYS - 1)
    origin = first - timedelta(days=first.weekday())
    top = max([count for count, _ms in counts.values()] + [1])
    cells = []
    for n in range(progress.HEATMAP_DAYS):
        day = first + timedelta(days=n)
        count = counts.get(day, (0, 0))[0]
        level = 0 if not count else 1 + min(HEAT_LEVELS - 1, (HEAT_LEVELS * (count - 1)) // top)
        offset = (day - origin).days
        cells.append(HeatCell(day, count, level, (offset // 7) * 12, day.weekday() * 12))
    return cells


def learner_dashboard(user, articles: list[Article], now) -> dict:
    """Everything a learner's dashboard shows, for the learner or for their teacher."""
    options = LearnerSettings.for_user(user)
    today = scheduling.study_day(now, options.time_zone)
    due_today, forecast = progress.due_forecast(user, now, options)
    counts = progress.activity(user, today)
    streaks = progress.streaks(
        {day for day, (count, _ms) in counts.items() if count},
        progress.due_days(user, today, options),
        today,
    )
    recent = [today - timedelta(days=n) for n in range(progress.RECENT_DAYS - 1, -1, -1)]
    minutes = [round(counts.get(day, (0, 0))[1] / 60000, 1) for day in recent]
    by_rating = progress.answers_by_rating(user, today)
    masteries = progress.mastery(user, articles, now)
    return {
        "today": today,
        "due_today": due_today,
        "forecast": columns([day for day, _ in forecast], [count for _, count in forecast]),
        "heatmap": heatmap(counts, today),
        "active_days": [(day, counts[day][0]) for day in sorted(counts)],
        "year_answers": sum(count for count, _ms in counts.values()),
        "streaks": streaks,
        "retention": [
            (days, passed, answered, round(100 * passed / answered) if answered else None)
            for days, (passed, answered) in progress.retention(user, today).items()
        ],
        "by_rating": list(
            zip(by_rating, by_rating.values(), bars(list(by_rating.values())), strict=True)
        ),
        "minutes": columns(recent, minutes),
        "masteries": masteries,
        "weakest": progress.weakest(masteries),
    }

"""The dashboards' charts as SVG the server draws: axes, round ticks, dates and legends.

quizzes/dashboards.py gives the rows (a Column per day, a HeatCell per day of the year); these tags
add what a reader needs to read them: a value axis, a date every week along the bottom, the months
and weekdays of the heatmap, and what each of its colours counts.
"""

import math
from dataclasses import dataclass
from datetime import date

from django import template
from django.utils import dateformat
from django.utils.translation import gettext as _

from quizzes.progress import SectionMastery

register = template.Library()

# The column chart is an SVG with no viewBox, so its text keeps its size at any width; the plot
# is placed in percent of the figure, with room on the left for the ticks, on the right for half
# of the last date, and below for the dates.
PLOT_LEFT = 12
PLOT_RIGHT = 96
PLOT_TOP = 12
PLOT_BOTTOM = 80
DATES_AT = 92
DATE_EVERY = 7  # a date under every seventh day: one a week
VALUE_STEPS = 3  # at most this many tick steps above zero
COLUMN_PITCH = 10  # the columns' own coordinates, stretched to the plot (no text in there)
COLUMN_WIDTH = 8

# The heatmap keeps HeatCell's coordinates (a 12-unit pitch, 10-unit cells), drawn 1.2 px a unit:
# a year is then about 760 px wide, and scrolls inside its box on a phone.
HEAT_SCALE = 1.2
HEAT_CELL = 10
HEAT_PITCH = 12
HEAT_MONTHS = 16  # the band above the cells for the month names
HEAT_WEEKDAYS = 30  # the column left of them for the weekday names
HEAT_LAST_MONTH = 16  # room right of the last week for the name of a month that starts in it
HEAT_MIN_GAP = 3 * HEAT_PITCH  # a partial first month is named if it has three weeks


@dataclass
class Tick:
    label: str
    y: float  # percent of the figure's height


@dataclass
class Bar:
    day: date
    value: float
    x: int
    y: float
    height: float


@dataclass
class Label:
    text: str
    x: float
    y: float = 0


def nice_step(rough: float, *, whole: bool) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `rough` (1 or more if whole)."""
    if rough <= 0:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= rough * (1 - 1e-9))
    return max(step, 1) if whole else step


def number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def short_date(day: date) -> str:
    # Translators: a date format of Django's date filter, for a chart's axis (12月9日, Dec 9).
    return dateformat.format(day, _("n月j日"))


def _plot_y(value: float, top: float) -> float:
    return round(PLOT_TOP + (PLOT_BOTTOM - PLOT_TOP) * (1 - value / top), 2)


@register.inclusion_tag("quizzes/includes/column_chart.html")
def column_chart(columns: list, labelledby: str) -> dict:
    """A day per column, with a value axis of round ticks, a date a week and the peak's value."""
    values = [column.value for column in columns]
    whole = all(float(value).is_integer() for value in values)
    peak = max(values, default=0)
    step = nice_step(peak / VALUE_STEPS, whole=whole)
    top = step * max(1, math.ceil(peak / step - 1e-9))
    ticks = [
        Tick(number(int(k * step) if whole else round(k * step, 2)), _plot_y(k * step, top))
        for k in range(round(top / step) + 1)
    ]
    bars = []
    for n, column in enumerate(columns):
        height = round(100 * column.value / top, 2)
        x = n * COLUMN_PITCH + (COLUMN_PITCH - COLUMN_WIDTH) // 2
        bars.append(Bar(column.day, column.value, x, 100 - height, height))
    count = max(len(columns), 1)

    def centre(n: int) -> float:
        return round(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (n + 0.5) / count, 2)

    dates = [
        Label(short_date(columns[n].day), centre(n), DATES_AT)
        for n in range(0, len(columns), DATE_EVERY)
    ]
    peak_label = None
    if peak > 0:
        n = values.index(peak)
        peak_label = Label(number(peak), centre(n), _plot_y(peak, top) - 2)
    return {
        "labelledby": labelledby,
        "ticks": ticks,
        "bars": bars,
        "dates": dates,
        "peak": peak_label,
        "plot": {
            "left": PLOT_LEFT,
            "top": PLOT_TOP,
            "right": PLOT_RIGHT,
            "width": PLOT_RIGHT - PLOT_LEFT,
            "height": PLOT_BOTTOM - PLOT_TOP,
            "bottom": PLOT_BOTTOM,
        },
        "view_width": count * COLUMN_PITCH,
        "column_width": COLUMN_WIDTH,
    }


@register.inclusion_tag("quizzes/includes/heatmap.html")
def heatmap_chart(cells: list, labelledby: str) -> dict:
    """The year in week columns, with the months above, the weekdays beside and a legend."""
    width = max((cell.x for cell in cells), default=0) + HEAT_CELL + HEAT_LAST_MONTH
    height = 6 * HEAT_PITCH + HEAT_CELL
    starts = [cell for cell in cells if cell.day.day == 1]
    # The year's first month is named too when enough of it is shown.
    if cells and cells[0].day.day != 1:
        if not starts or starts[0].x - cells[0].x >= HEAT_MIN_GAP:
            starts.insert(0, cells[0])
    # Translators: a date format of Django's date filter: a month's name above the heatmap.
    months = [Label(dateformat.format(cell.day, _("n月")), cell.x) for cell in starts]
    weekdays = [
        Label(name, HEAT_WEEKDAYS - 4, row * HEAT_PITCH + HEAT_CELL - 1)
        for row, name in ((0, _("周一")), (2, _("周三")), (4, _("周五")))
    ]
    counts: dict[int, list[int]] = {}
    for cell in cells:
        counts.setdefault(cell.level, []).append(cell.count)
    legend = [
        (level, number(min(found)) + ("" if min(found) == max(found) else f"–{max(found)}"))
        for level, found in sorted(counts.items())
    ]
    full_height = height + HEAT_MONTHS
    return {
        "labelledby": labelledby,
        "cells": cells,
        "months": months,
        "weekdays": weekdays,
        "legend": legend,
        "view_box": f"0 -{HEAT_MONTHS} {width} {full_height}",
        "weekday_box": f"0 -{HEAT_MONTHS} {HEAT_WEEKDAYS} {full_height}",
        "width": round(width * HEAT_SCALE),
        "weekday_width": round(HEAT_WEEKDAYS * HEAT_SCALE),
        "height": round(full_height * HEAT_SCALE),
        "month_y": -5,
    }


@register.simple_tag
def mastery_bands() -> list[tuple[int, str]]:
    """Each colour band of the mastery outline with the shares it stands for (0–24%, … 100%)."""
    shares: dict[int, list[int]] = {}
    for share in range(101):
        band = SectionMastery(section=None, items=100, mastered=share).band
        shares.setdefault(band, []).append(share)
    return [
        (band, f"{found[0]}%" if len(found) == 1 else f"{found[0]}–{found[-1]}%")
        for band, found in sorted(shares.items())
    ]

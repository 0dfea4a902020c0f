"""The dashboards' charts: round ticks above the peak, a date a week, the heatmap's months,
weekdays and legend, and the mastery bands' shares. Pure layout, checked on hand-made rows."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from quizzes import dashboards
from quizzes.templatetags.charts import column_chart, heatmap_chart, mastery_bands, nice_step

TODAY = date(2026, 6, 15)  # a Monday


def days(count: int, start: date = TODAY) -> list[date]:
    return [start + timedelta(days=n) for n in range(count)]


@pytest.mark.parametrize(
    ("rough", "whole", "step"),
    [(13.0, True, 20), (4.1, True, 5), (1 / 3, True, 1), (0.41, False, 0.5), (0, True, 1)],
)
def test_it_steps_ticks_by_one_two_or_five_times_a_power_of_ten(rough, whole, step):
    assert nice_step(rough, whole=whole) == pytest.approx(step)


def test_it_puts_round_ticks_at_and_above_the_peak():
    chart = column_chart(dashboards.columns(days(30), [0] * 29 + [39]), "title")
    assert [tick.label for tick in chart["ticks"]] == ["0", "20", "40"]
    assert chart["ticks"][0].y == 80 and chart["ticks"][-1].y == 12  # bottom and top of the plot
    assert chart["peak"].text == "39"
    tallest = chart["bars"][-1]
    assert (tallest.height, tallest.y) == (97.5, 2.5)  # 39 of 40


def test_it_ticks_minutes_in_tenths_and_a_flat_chart_from_zero_to_one():
    minutes = column_chart(dashboards.columns(days(30), [0.0] * 29 + [0.4]), "title")
    assert [tick.label for tick in minutes["ticks"]] == ["0", "0.2", "0.4"]
    flat = column_chart(dashboards.columns(days(30), [0] * 30), "title")
    assert [tick.label for tick in flat["ticks"]] == ["0", "1"]
    assert flat["peak"] is None
    assert {bar.height for bar in flat["bars"]} == {0}


def test_it_dates_every_seventh_column_in_the_interface_language():
    columns = dashboards.columns(days(30), list(range(30)))
    with translation.override("zh-hans"):
        chart = column_chart(columns, "title")
    assert [label.text for label in chart["dates"]] == [
        "6月15日",
        "6月22日",
        "6月29日",
        "7月6日",
        "7月13日",
    ]
    assert all(12 < label.x < 96 for label in chart["dates"])


def test_it_names_the_months_and_weekdays_of_the_heatmap_and_what_each_colour_counts():
    counts = {TODAY: (40, 0), TODAY - timedelta(days=1): (10, 0), TODAY - timedelta(days=2): (1, 0)}
    cells = dashboards.heatmap(counts, TODAY)
    with translation.override("zh-hans"):
        chart = heatmap_chart(cells, "title")
    # The year starts on 2025-06-16: two weeks of June, too few to name; then July to June.
    months = [label.text for label in chart["months"]]
    assert months == [f"{n}月" for n in (*range(7, 13), *range(1, 7))]
    june = next(cell for cell in cells if cell.day == date(2026, 6, 1))
    assert chart["months"][-1].x == june.x
    assert [label.text for label in chart["weekdays"]] == ["周一", "周三", "周五"]
    assert chart["legend"] == [(0, "0"), (1, "1–10"), (4, "40")]
    assert chart["width"] > 700  # 10 px cells: a phone scrolls the year inside its box


def test_it_gives_each_mastery_band_its_shares():
    assert mastery_bands() == [
        (0, "0–24%"),
        (1, "25–49%"),
        (2, "50–74%"),
        (3, "75–99%"),
        (4, "100%"),
    ]

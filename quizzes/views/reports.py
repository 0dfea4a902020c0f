"""A teacher's dashboard for one class, its CSV downloads, and the drill-down page per learner."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from quizzes import reports
from quizzes.access import taught_class_or_404, teacher_required
from quizzes.dashboards import learner_dashboard
from quizzes.downloads import csv_response
from quizzes.forms import ClassDashboardForm

DEFAULT_DAYS = 30
# A class of hundreds reads a page of learners at a time and the most missed items first; the
# CSV downloads always hold every row.
LEARNERS_PER_PAGE = 25
ITEMS_SHOWN = 30
COLUMNS = [
    ("name", _("学员")),
    ("last", _("最近活动")),
    ("week", _("近 7 天复习")),
    ("retention", _("保持率")),
    ("score", _("作业得分")),
    ("mastery", _("掌握")),
]


def _period(form: ClassDashboardForm) -> reports.DateRange:
    """The chosen dates, or the last 30 days (also when the dates given make no range)."""
    today = timezone.localdate()
    start, end = today - timedelta(days=DEFAULT_DAYS - 1), today
    if not form.is_valid() and form.non_field_errors():
        return reports.DateRange(start, end)
    return reports.DateRange(form.value("start", start), form.value("end", end))


@teacher_required
@require_GET
def class_dashboard(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    form = ClassDashboardForm(request.GET)
    period = _period(form)
    now, articles = timezone.now(), reports.class_articles(classroom)
    sort = form.value("sort", "name")
    key = sort.removeprefix("-") if sort.removeprefix("-") in reports.LEARNER_SORTS else "name"
    members = reports.members_of(classroom)
    rows = reports.learner_rows(classroom, members, articles, period, now)
    rows.sort(key=reports.LEARNER_SORTS[key], reverse=sort.startswith("-"))
    items = reports.item_analysis(rows, articles, period)
    table = form.value("download")
    if table:
        return _download(classroom, table, rows, items, members, articles, period, now)
    # The page shows a page of learners and the most missed items: only those are detailed.
    page = Paginator(rows, LEARNERS_PER_PAGE).get_page(form.value("page", 1))
    shown = items if form.value("items") == "all" else items[:ITEMS_SHOWN]
    sections, mastery = reports.section_mastery([row.user for row in page], articles, now)
    context = {
        "classroom": classroom,
        "form": form,
        "period": period,
        "sort": sort,
        "learners": page,
        "page": page,
        "items": reports.add_wrong_options(shown, members, period),
        "items_total": len(items),
        "sections": sections,
        "mastery": mastery,
        "articles": articles,
        "sort_key": key,
        "range_query": f"start={period.start.isoformat()}&end={period.end.isoformat()}",
        "columns": COLUMNS,
    }
    return render(request, "quizzes/progress/class.html", context)


def _download(classroom, table, rows, items, members, articles, period, now) -> HttpResponse:
    """One table with every row, as CSV."""
    if table == "learners":
        header, cells = reports.learners_table(rows)
    elif table == "items":
        header, cells = reports.items_table(reports.add_wrong_options(items, members, period))
    else:
        header, cells = reports.sections_table(*reports.section_mastery(members, articles, now))
    return csv_response(f"class-{classroom.pk}-{table}.csv", header, cells)


@teacher_required
@require_GET
def class_learner(request: HttpRequest, class_id: int, user_id: int) -> HttpResponse:
    """One learner of the class, as their own dashboard shows them, limited to the class's articles."""
    classroom = taught_class_or_404(request, class_id)
    learner = get_object_or_404(
        get_user_model().objects.filter(memberships__classroom=classroom), pk=user_id
    )
    context = learner_dashboard(learner, reports.class_articles(classroom), timezone.now())
    context |= {"subject": learner, "own": False, "classroom": classroom}
    return render(request, "quizzes/progress/learner.html", context)

"""A teacher's dashboard for one class, its CSV downloads, and the drill-down page per learner."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quizzes import reports
from quizzes.forms import DateRangeForm
from quizzes.views.access import csv_download, taught_class_or_404, teacher_required
from quizzes.views.progress import learner_context

DEFAULT_DAYS = 30
TABLES = ("learners", "items", "sections")
# A class of hundreds reads a page of learners at a time and the most missed items first; the
# CSV downloads always hold every row.
LEARNERS_PER_PAGE = 25
ITEMS_SHOWN = 30


def _period(request: HttpRequest) -> tuple[DateRangeForm, reports.DateRange]:
    today = timezone.localdate()
    form = DateRangeForm(request.GET or None)
    start, end = today - timedelta(days=DEFAULT_DAYS - 1), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"] or start, form.cleaned_data["end"] or end
    return form, reports.DateRange(start, end)


@teacher_required
@require_GET
def class_dashboard(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    form, period = _period(request)
    now, articles = timezone.now(), reports.class_articles(classroom)
    sort = request.GET.get("sort", "name")
    key = sort.removeprefix("-") if sort.removeprefix("-") in reports.LEARNER_SORTS else "name"
    members = reports.members_of(classroom)
    rows = reports.learner_rows(classroom, members, articles, period, now)
    rows.sort(key=reports.LEARNER_SORTS[key], reverse=sort.startswith("-"))
    items = reports.item_analysis(rows, articles, period)
    table = request.GET.get("download")
    if table in TABLES:
        sections, mastery = reports.section_mastery(members, articles, now)
        return _csv(
            classroom,
            table,
            rows,
            reports.add_wrong_options(items, members, period),
            sections,
            mastery,
        )
    # The page shows a page of learners and the most missed items: only those are detailed.
    page = Paginator(rows, LEARNERS_PER_PAGE).get_page(request.GET.get("page"))
    shown = items if request.GET.get("items") == "all" else items[:ITEMS_SHOWN]
    sections, mastery = reports.section_mastery([row["user"] for row in page], articles, now)
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
        "columns": [
            ("name", _("学员")),
            ("last", _("最近活动")),
            ("week", _("近 7 天复习")),
            ("retention", _("保持率")),
            ("score", _("作业得分")),
            ("mastery", _("掌握")),
        ],
    }
    return render(request, "quizzes/progress/class.html", context)


def _csv(classroom, table, rows, items, sections, mastery) -> HttpResponse:
    """One table as CSV, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese."""
    response, writer = csv_download(f"class-{classroom.pk}-{table}.csv")
    if table == "learners":
        writer.writerow(
            [
                _("学员"),
                _("最近活动"),
                _("近 7 天复习"),
                _("保持率 %"),
                _("作业数"),
                _("作业得分 %"),
                _("掌握 %"),
            ]
        )
        for row in rows:
            last = timezone.localtime(row["last"]).strftime("%Y-%m-%d %H:%M") if row["last"] else ""
            writer.writerow(
                [
                    row["user"].get_username(),
                    last,
                    row["week"],
                    _blank(row["retention"]),
                    row["assignments"],
                    _blank(row["score"]),
                    _blank(row["mastery"]),
                ]
            )
    elif table == "items":
        writer.writerow(
            [
                _("题目"),
                _("题型"),
                _("作答"),
                _("答对"),
                _("难度（答对率 %）"),
                _("区分度"),
                _("错选"),
            ]
        )
        for entry in items:
            wrong = "；".join(f"{option}×{count}" for option, count in entry["wrong_options"])
            writer.writerow(
                [
                    entry["item"].prompt,
                    entry["item"].get_kind_display(),
                    entry["answered"],
                    entry["right"],
                    entry["facility"],
                    _blank(entry["discrimination"]),
                    wrong,
                ]
            )
    else:
        writer.writerow(
            [_("学员")] + [f"{section.article.title} · {section}" for section in sections]
        )
        for row in mastery:
            writer.writerow([row["user"].get_username()] + [_blank(cell) for cell in row["cells"]])
    return response


def _blank(value) -> str:
    return "" if value is None else str(value)


@teacher_required
@require_GET
def class_learner(request: HttpRequest, class_id: int, user_id: int) -> HttpResponse:
    """One learner of the class, as their own dashboard shows them, limited to the class's articles."""
    classroom = taught_class_or_404(request, class_id)
    learner = get_object_or_404(
        get_user_model().objects.filter(memberships__classroom=classroom), pk=user_id
    )
    context = learner_context(learner, reports.class_articles(classroom), timezone.now())
    context |= {"subject": learner, "own": False, "classroom": classroom}
    return render(request, "quizzes/progress/learner.html", context)

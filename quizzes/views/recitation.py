"""Outline recitation (背提纲): recall one group of an article's outline, reveal it, rate the recall."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from corpus.models import Article
from quizzes.forms import RecitationQueryForm, RecitationRatingForm
from quizzes.recitation import LEVELS, group_items, groups_at, levels_for, outline_entries
from quizzes.study import RATING_LABELS, answer_record, new_token


def _page_url(article: Article, level: int, group: int) -> str:
    return f"{reverse('quizzes:recite', args=[article.pk])}?level={level}#g{group}"


@login_required
@require_GET
def recite(request: HttpRequest, article_id: int) -> HttpResponse:
    """The outline with a layer hidden; ?show=<group> reveals one group (the htmx request returns just it)."""
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=article_id)
    outline = outline_entries(article)
    levels = levels_for(outline)
    query = RecitationQueryForm(request.GET)
    level = query.value("level") if query.value("level") in levels else levels[0]
    groups = groups_at(article, outline, level)
    context = {
        "article": article,
        "groups": groups,
        "level": level,
        "levels": {n: LEVELS[n] for n in levels},
        "shown": query.value("show"),
        "token": new_token(),
        "rating_labels": RATING_LABELS,
    }
    if request.htmx and context["shown"] is not None:
        group = next((g for g in groups if g.key == context["shown"]), None)
        if group is None:
            return HttpResponse(status=404)
        return render(request, "quizzes/study/recite.html#group", context | {"group": group})
    return render(request, "quizzes/study/recite.html", context)


@login_required
@require_POST
def recite_rate(request: HttpRequest, article_id: int) -> HttpResponse:
    """A group's rating, recorded as a review of each of its key-point cards."""
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=article_id)
    form = RecitationRatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("评分表单已损坏，请重试。"))
        return redirect("quizzes:recite", article.pk)
    data = form.cleaned_data
    outline = outline_entries(article)
    group = next(
        (g for g in groups_at(article, outline, data["level"]) if g.key == data["group"]), None
    )
    if group is None:
        messages.error(request, _("提纲已经改变，请重新开始背诵。"))
        return redirect("quizzes:recite", article.pk)
    now = timezone.now()
    items = list(group_items(article, group))
    for item in items:
        answer_record(
            request.user, item, rating=data["rating"], now=now, token=f"{data['token']}-{item.pk}"
        )
    if request.htmx:
        context = {
            "article": article,
            "group": group,
            "level": data["level"],
            "shown": group.key,
            "rated": data["rating"],
            "rated_label": RATING_LABELS[data["rating"]],
            "cards": len(items),
        }
        return render(request, "quizzes/study/recite.html#group", context)
    message = ngettext(
        "已记录：%(rating)s（%(count)d 张要点卡）。",
        "已记录：%(rating)s（%(count)d 张要点卡）。",
        len(items),
    )
    messages.success(
        request, message % {"rating": RATING_LABELS[data["rating"]], "count": len(items)}
    )
    return redirect(_page_url(article, data["level"], group.key))

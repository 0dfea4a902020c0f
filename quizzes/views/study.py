from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.models import Article
from quizzes import scheduling
from quizzes.forms import LearnerSettingsForm
from quizzes.generation.items import BLANK
from quizzes.models import LearnerSettings, ReviewLog, StudyItem, StudySelection
from quizzes.study import (
    CHOICE_KINDS, FLASHCARD_KINDS, grade, new_token, next_card, rating_for, review_record, review_undo,
)


class SelectionForm(forms.Form):
    articles = forms.ModelMultipleChoiceField(
        label=gettext_lazy("要学习的文章"), queryset=Article.objects.select_related("document"),
        required=False, widget=forms.CheckboxSelectMultiple,
    )


class AnswerForm(forms.Form):
    token = forms.CharField(max_length=64)
    rating = forms.TypedChoiceField(choices=[(r, r) for r in scheduling.RATINGS], coerce=int, required=False)
    hint_used = forms.BooleanField(required=False)


def _inputs(item: StudyItem) -> int:
    if item.kind == StudyItem.Kind.ENUMERATION:
        return len(item.answers)
    if item.kind == StudyItem.Kind.NUMBER:
        return 1
    return max(item.prompt.count(BLANK), 1)


def _card_context(request: HttpRequest, now) -> dict:
    upcoming = next_card(request.user, now)
    context = {"next": upcoming, "token": new_token()}
    if upcoming.item is not None:
        item = upcoming.item
        context |= {
            "item": item,
            "flashcard": item.kind in FLASHCARD_KINDS,
            "choice": item.kind in CHOICE_KINDS,
            "inputs": range(_inputs(item)),
        }
    return context


@login_required
@require_GET
def study_home(request: HttpRequest) -> HttpResponse:
    upcoming = next_card(request.user, timezone.now())
    selected = StudySelection.objects.filter(user=request.user).count()
    return render(request, "quizzes/study/home.html", {"next": upcoming, "selected": selected})


@login_required
@require_http_methods(["GET", "POST"])
def study_choose(request: HttpRequest) -> HttpResponse:
    current = Article.objects.filter(study_selections__user=request.user)
    form = SelectionForm(request.POST or None, initial={"articles": current})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            StudySelection.objects.filter(user=request.user).delete()
            StudySelection.objects.bulk_create(
                StudySelection(user=request.user, article=article) for article in form.cleaned_data["articles"]
            )
        messages.success(request, _("学习范围已保存。"))
        return redirect("quizzes:study_home")
    return render(request, "quizzes/study/choose.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def study_settings(request: HttpRequest) -> HttpResponse:
    form = LearnerSettingsForm(request.POST or None, instance=LearnerSettings.for_user(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("学习设置已保存。"))
        return redirect("quizzes:study_home")
    return render(request, "quizzes/study/settings.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
@require_GET
def study_review(request: HttpRequest) -> HttpResponse:
    context = _card_context(request, timezone.now())
    last_id = request.GET.get("last", "")
    if last_id.isdigit():
        context["last"] = ReviewLog.objects.filter(user=request.user, pk=int(last_id)).select_related(
            "card__item__paragraph").first()
    template = "quizzes/study/review.html#card" if request.htmx else "quizzes/study/review.html"
    return render(request, template, context)


@login_required
@require_GET
def study_reveal(request: HttpRequest, item_id: int) -> HttpResponse:
    """A flashcard's back, with the four rating buttons and the interval each would give."""
    item = get_object_or_404(StudyItem.objects.active(), pk=item_id)
    card = item.cards.filter(user=request.user).first()
    now = timezone.now()
    state = card.fsrs_state if card else scheduling.CardState.new(now)
    options = LearnerSettings.for_user(request.user)
    intervals = scheduling.next_intervals(state, now, desired_retention=options.desired_retention)
    context = {"item": item, "token": request.GET.get("token") or new_token(), "intervals": intervals, "revealed": True}
    template = "quizzes/study/reveal.html#back" if request.htmx else "quizzes/study/reveal.html"
    return render(request, template, context)


@login_required
@require_POST
def study_answer(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(StudyItem.objects.active(), pk=item_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("答题表单已损坏，请重试。"))
        return redirect("quizzes:study_review")
    correct = None
    if item.kind in FLASHCARD_KINDS:
        rating = form.cleaned_data["rating"]
        if not rating:
            messages.error(request, _("请选择一个评分。"))
            return redirect("quizzes:study_review")
    else:
        verdict = grade(item, answers=request.POST.getlist("answer"), chosen=request.POST.getlist("option"))
        rating, correct = rating_for(verdict, hint_used=form.cleaned_data["hint_used"]), verdict.correct
    log = review_record(request.user, item, rating, now=timezone.now(), token=form.cleaned_data["token"],
                        correct=correct)
    if request.htmx:
        context = _card_context(request, timezone.now()) | {"last": log}
        return render(request, "quizzes/study/review.html#card", context)
    return redirect(f"{reverse('quizzes:study_review')}?last={log.pk}")


@login_required
@require_POST
def study_undo(request: HttpRequest) -> HttpResponse:
    if review_undo(request.user) is None:
        messages.info(request, _("没有可以撤销的回答。"))
    else:
        messages.success(request, _("已撤销上一次回答。"))
    return redirect("quizzes:study_review")


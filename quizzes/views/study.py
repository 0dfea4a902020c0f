from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.models import Article
from quizzes import scheduling
from quizzes.access import answers_withheld
from quizzes.asking import ASK_CHOICE, ASK_TYPED, asked, asked_for_learner, way_for_learner
from quizzes.forms import (
    MISTAKES,
    AnswerForm,
    LearnerSettingsForm,
    OverrideForm,
    RevealQueryForm,
    ReviewQueryForm,
    SelectionForm,
    SourceForm,
    UndoForm,
)
from quizzes.models import (
    Assignment,
    LearnerSettings,
    PracticeTest,
    ReviewLog,
    StudyCard,
    StudyItem,
    StudySelection,
)
from quizzes.practice import assignments_titled
from quizzes.study import (
    MISTAKE_CLEARED_AFTER,
    RATING_LABELS,
    answer_record,
    due_today,
    mistakes,
    new_token,
    next_card,
    next_mistake,
    review_override,
    review_undo,
    selections_prune,
)
from quizzes.templatetags.study import timeuntil_interval

# Time spent on a card, from when the server showed it to the answer; longer is a break, not study.
MAX_DURATION_MS = 10 * 60 * 1000


def _card_context(
    request: HttpRequest, now, source: str = "", options: LearnerSettings | None = None
) -> dict:
    upcoming = (
        next_mistake(request.user, now)
        if source == MISTAKES
        else next_card(request.user, now, options)
    )
    context = {
        "next": upcoming,
        "token": new_token(),
        "source": source,
        "rating_labels": RATING_LABELS,
        "shown_at": _epoch_ms(now),
    }
    if upcoming.item is not None:
        context["item"] = asked_for_learner(
            upcoming.item, options or LearnerSettings.for_user(request.user)
        )
    return context


def _asked_as_answered(item: StudyItem, given: list[str]) -> StudyItem:
    """An answered item as it was asked, for its feedback: a choice when an option was given."""
    chosen = bool(given) and item.can_be_choice and given[0] in item.options
    return asked(item, ASK_CHOICE if chosen else ASK_TYPED)


def _epoch_ms(moment) -> int:
    return int(moment.timestamp() * 1000)


def _duration_ms(shown_at: int | None, now) -> int:
    return min(max(_epoch_ms(now) - shown_at, 0), MAX_DURATION_MS) if shown_at else 0


def _review_url(source: str, last: int) -> str:
    query = f"source={MISTAKES}&last={last}" if source == MISTAKES else f"last={last}"
    return f"{reverse('quizzes:study_review')}?{query}"


@login_required
@require_GET
def study_home(request: HttpRequest) -> HttpResponse:
    selections_prune(user=request.user)
    now, options = timezone.now(), LearnerSettings.for_user(request.user)
    upcoming = next_card(request.user, now, options)
    selected = StudySelection.objects.filter(user=request.user).count()
    finished = PracticeTest.objects.filter(
        assignment=OuterRef("pk"), user=request.user, finished_at__isnull=False
    )
    assignments = (
        Assignment.objects.filter(
            classroom__memberships__user=request.user, classroom__archived_at__isnull=True
        )
        .exclude(Exists(finished))
        .select_related("classroom", "article")
        .order_by("due_at")
    )
    context = {
        "next": upcoming,
        # The next card carries 今天待复习 already; asked apart only when nothing comes next.
        "due_today": upcoming.due_left
        if upcoming.item is not None
        else due_today(request.user, now, options),
        "selected": selected,
        "assignments": assignments_titled(assignments.select_related("section"), set()),
    }
    return render(request, "quizzes/study/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def study_choose(request: HttpRequest) -> HttpResponse:
    selections_prune(user=request.user)
    current = Article.objects.filter(study_selections__user=request.user)
    form = SelectionForm(request.POST or None, initial={"articles": current}, user=request.user)
    chosen = set(current.values_list("pk", flat=True))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            StudySelection.objects.filter(user=request.user).delete()
            StudySelection.objects.bulk_create(
                StudySelection(user=request.user, article=article)
                for article in form.cleaned_data["articles"]
            )
        messages.success(request, _("学习范围已保存。"))
        return redirect("quizzes:study_home")
    articles = (
        form.fields["articles"]
        .queryset.annotate(
            item_count=Count("items", filter=Q(items__status=StudyItem.Status.ACTIVE))
        )
        .order_by("document", "position")
    )
    context = {"form": form, "articles": articles, "chosen": chosen}
    return render(
        request, "quizzes/study/choose.html", context, status=400 if form.is_bound else 200
    )


@login_required
@require_POST
def study_add(request: HttpRequest, article_id: int) -> HttpResponse:
    """学这篇: the article joins what the learner studies, and its first card comes up."""
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=article_id)
    StudySelection.objects.get_or_create(user=request.user, article=article)
    messages.success(request, _("已加入学习：《%(title)s》。") % {"title": article.title})
    return redirect("quizzes:study_review")


@login_required
@require_http_methods(["GET", "POST"])
def study_settings(request: HttpRequest) -> HttpResponse:
    form = LearnerSettingsForm(
        request.POST or None, instance=LearnerSettings.for_user(request.user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("学习设置已保存。"))
        return redirect("quizzes:study_home")
    return render(
        request, "quizzes/study/settings.html", {"form": form}, status=400 if form.is_bound else 200
    )


@login_required
@require_GET
def study_review(request: HttpRequest) -> HttpResponse:
    selections_prune(user=request.user)
    query = ReviewQueryForm(request.GET)
    valid = query.is_valid()
    context = _card_context(request, timezone.now(), query.cleaned_data["source"] if valid else "")
    if valid and query.cleaned_data["last"]:
        last = (
            ReviewLog.objects.filter(user=request.user, pk=query.cleaned_data["last"])
            .select_related("card__item__paragraph")
            .first()
        )
        if last is not None:
            _asked_as_answered(last.card.item, last.given)
        context["last"] = last
    template = "quizzes/study/review.html#card" if request.htmx else "quizzes/study/review.html"
    return render(request, template, context)


def _studied(items, user):
    """The items annotated with `studied`: the learner chose their article, or has a card of
    theirs (as the mistake book's are). Read with the item itself, at no extra query."""
    card = StudyCard.objects.filter(item=OuterRef("pk"), user=user)
    chosen = StudySelection.objects.filter(article=OuterRef("article"), user=user)
    return items.annotate(studied=Exists(card) | Exists(chosen))


def _studied_or_404(request: HttpRequest, item: StudyItem) -> None:
    """404 for an item the learner does not study, and for one an open assignment or running
    game of theirs asks, whose answer waits."""
    if not item.studied or item.pk in answers_withheld(request.user, item.article_id):
        raise Http404


@login_required
@require_GET
def study_reveal(request: HttpRequest, item_id: int) -> HttpResponse:
    """A flashcard's back, with the four rating buttons and the interval each would give.

    Only a flashcard the learner studies (an article they chose, or a card of theirs, as the
    mistake book's are) and that no open assignment or running game of theirs asks: a typed
    item's back would hand over its answer without the typing.
    """
    item = get_object_or_404(
        _studied(StudyItem.objects.active(), request.user).filter(
            kind__in=StudyItem.FLASHCARD_KINDS
        ),
        pk=item_id,
    )
    _studied_or_404(request, item)
    card = item.cards.filter(user=request.user).first()
    now = timezone.now()
    state = card.fsrs_state if card else scheduling.CardState.new(now)
    options = LearnerSettings.for_user(request.user)
    intervals = scheduling.next_intervals(state, now, desired_retention=options.desired_retention)
    query = RevealQueryForm(request.GET)
    data = query.cleaned_data if query.is_valid() else {}
    context = {
        "item": item,
        "token": data.get("token") or new_token(),
        "intervals": intervals,
        "source": data.get("source", ""),
        "shown_at": data.get("shown_at") or _epoch_ms(now),
    }
    template = "quizzes/study/reveal.html#back" if request.htmx else "quizzes/study/reveal.html"
    return render(request, template, context)


@login_required
@require_POST
def study_answer(request: HttpRequest, item_id: int) -> HttpResponse:
    # The feedback shows the item's paragraph and links to its section in the article: load them now.
    item = get_object_or_404(
        _studied(StudyItem.objects.active(), request.user).select_related("paragraph", "section"),
        pk=item_id,
    )
    _studied_or_404(request, item)  # grading any item would show its answer in the feedback
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("答题表单已损坏，请重试。"))
        return redirect("quizzes:study_review")
    data, verdict = form.cleaned_data, None
    options, now = LearnerSettings.for_user(request.user), timezone.now()
    # Graded the way it was asked: as a choice when an option came (the learner may have
    # changed the setting since the card was shown), otherwise as the setting says.
    asked(item, ASK_CHOICE if data["option"] else way_for_learner(item, options))
    if item.is_flashcard and not data["rating"]:
        messages.error(request, _("请选择一个评分。"))
        return redirect("quizzes:study_review")
    if not item.is_flashcard and form.is_empty() and not data["give_up"]:
        # Enter in an empty input is not an answer: ask again, with 不会 offered instead.
        if request.htmx:
            context = _card_context(request, timezone.now(), data["source"]) | {
                "item": item,
                "empty_answer": True,
            }
            return render(request, "quizzes/study/review.html#card", context)
        messages.info(request, _("还没有作答。想不起来就点“不会”。"))
        return redirect("quizzes:study_review")
    if not item.is_flashcard:
        verdict = item.grade(data["answer"], data["option"])
    log = answer_record(
        request.user,
        item,
        verdict=verdict,
        rating=data["rating"] if item.is_flashcard else None,
        hint_used=data["hint_used"],
        now=now,
        token=data["token"],
        given=data["option"] or data["answer"],
        duration_ms=_duration_ms(data["shown_at"], now),
        options=options,
    )
    source = data["source"]
    if request.htmx:
        context = _card_context(request, timezone.now(), source, options) | {"last": log}
        return render(request, "quizzes/study/review.html#card", context)
    return redirect(_review_url(source, log.pk))


@login_required
@require_POST
def study_override(request: HttpRequest, review_id: int) -> HttpResponse:
    """The learner's own rating in place of the automatic one."""
    log = get_object_or_404(
        request.user.reviews.select_related("card__item__paragraph"), pk=review_id
    )
    form = OverrideForm(request.POST)
    source = SourceForm.source_in(request.POST)
    done = ""
    if not form.is_valid():
        messages.error(request, _("请选择一个评分。"))
    elif not review_override(request.user, log, form.cleaned_data["rating"]):
        messages.error(request, _("只能修改这张卡片最近一次回答的评分。"))
    else:
        log.card.refresh_from_db()
        done = _("评分已改为“%(rating)s”，下次复习：%(interval)s后。") % {
            "rating": RATING_LABELS[log.rating],
            "interval": timeuntil_interval(log.card.due - timezone.now()),
        }
        if not request.htmx:
            messages.success(request, done)
    if request.htmx:
        context = {
            "last": log,
            "rating_labels": RATING_LABELS,
            "source": source,
            "overridden": done,
        }
        return render(request, "quizzes/study/review.html#feedback", context)
    return redirect(_review_url(source, log.pk))


@login_required
@require_GET
def study_mistakes(request: HttpRequest) -> HttpResponse:
    book = (
        mistakes(request.user, timezone.now())
        .select_related("item__article")
        .order_by("-last_wrong", "pk")
    )
    return render(
        request, "quizzes/study/mistakes.html", {"cards": book, "needed": MISTAKE_CLEARED_AFTER}
    )


@login_required
@require_POST
def study_undo(request: HttpRequest) -> HttpResponse:
    form = UndoForm(request.POST)
    if not form.is_valid() or review_undo(request.user, form.cleaned_data["review"]) is None:
        messages.info(request, _("没有可以撤销的回答。"))
    else:
        messages.success(request, _("已撤销上一次回答。"))
    if SourceForm.source_in(request.POST) == MISTAKES:
        return redirect(f"{reverse('quizzes:study_review')}?source={MISTAKES}")
    return redirect("quizzes:study_review")

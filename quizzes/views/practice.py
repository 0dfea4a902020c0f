"""Practice tests (测验): start one on an article or section, answer, hand in, see the score, retake."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.models import Article, Section
from quizzes.forms import ArticleQueryForm, HandInForm, PracticeTestForm
from quizzes.models import PracticeTest, StudyItem
from quizzes.practice import (
    NoQuestions,
    NotHandedIn,
    as_asked,
    practice_test_create,
    practice_test_retake,
    practice_test_submit,
    scope_title,
)

QUICK_SIZE = 10


def _get_test_for_user(request: HttpRequest, test_id: int) -> PracticeTest:
    return get_object_or_404(
        request.user.practice_tests.select_related("article", "section", "assignment"), pk=test_id
    )


@login_required
@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    tests = request.user.practice_tests.select_related("article", "section")[:100]
    return render(request, "quizzes/practice/list.html", {"tests": tests})


@login_required
@require_http_methods(["GET", "POST"])
def practice_new(request: HttpRequest) -> HttpResponse:
    readable = Article.objects.visible_to(request.user)
    article = ArticleQueryForm.article_in(request.GET, readable)
    if article is None:
        articles = readable.select_related("document").order_by("document", "position")
        return render(request, "quizzes/practice/choose.html", {"articles": articles})
    form = PracticeTestForm(request.POST or None, article=article, kinds=StudyItem.TESTABLE_KINDS)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            test = practice_test_create(
                user=request.user,
                article=article,
                section=data["section"],
                kinds=data["kinds"],
                size=data["size"],
                time_limit=data["time_limit"],
                now=timezone.now(),
            )
        except NoQuestions as error:
            form.add_error(None, error.message)
        else:
            return redirect(test)
    status = 400 if form.is_bound else 200
    return render(
        request, "quizzes/practice/new.html", {"form": form, "article": article}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_detail(request: HttpRequest, test_id: int) -> HttpResponse:
    """The questions while the test is open; handing it in grades it; then the score and every answer."""
    test = _get_test_for_user(request, test_id)
    if request.method == "POST":
        finished_before = test.is_finished
        positions = list(test.answers.values_list("position", flat=True))
        hand_in = HandInForm(request.POST, positions=positions)
        hand_in.is_valid()  # every field is optional: what is missing counts as unanswered
        test = practice_test_submit(test, hand_in.responses(), now=timezone.now())
        if test.late and not finished_before:
            messages.error(request, _("超过了限时，这次交卷的答案不计分。"))
        return redirect(test)
    questions = as_asked(test, test.answers.select_related("item__paragraph", "item__section"))
    if test.is_finished:
        return render(
            request, "quizzes/practice/result.html", {"test": test, "questions": questions}
        )
    title = scope_title(test.article, test.section, [question.item_id for question in questions])
    context = {"test": test, "questions": questions, "scope_title": title}
    return render(request, "quizzes/practice/test.html", context)


@login_required
@require_POST
def practice_retake(request: HttpRequest, test_id: int) -> HttpResponse:
    test = _get_test_for_user(request, test_id)
    try:
        retake = practice_test_retake(test, now=timezone.now())
    except (NoQuestions, NotHandedIn) as error:
        messages.error(request, error.message)
        return redirect(test)
    return redirect(retake)


@login_required
@require_POST
def practice_section(request: HttpRequest, section_id: int) -> HttpResponse:
    """One click from the progress page: a 10-question test on a weak section, all kinds."""
    section = get_object_or_404(
        Section.objects.filter(article__in=Article.objects.visible_to(request.user)).select_related(
            "article"
        ),
        pk=section_id,
    )
    try:
        test = practice_test_create(
            user=request.user,
            article=section.article,
            section=section,
            kinds=[kind.value for kind in StudyItem.TESTABLE_KINDS],
            size=QUICK_SIZE,
            time_limit=None,
            now=timezone.now(),
        )
    except NoQuestions as error:
        messages.error(request, error.message)
        return redirect("quizzes:progress")
    return redirect(test)

"""Classes and assignments: a teacher's classes, joining with a code, assigning quizzes, results."""

import random

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.models import Article
from quizzes.access import taught_class_or_404, teacher_required
from quizzes.classrooms import (
    JoinRefused,
    TooManyCodes,
    assignment_create,
    assignment_results,
    assignment_start,
    assignment_table,
    classroom_join,
    member_readmit,
    member_remove,
)
from quizzes.downloads import csv_response
from quizzes.forms import (
    ArticleQueryForm,
    AssignmentForm,
    ClassroomForm,
    JoinForm,
    MemberForm,
    RemovedLearnerForm,
)
from quizzes.models import Assignment, Classroom, StudyItem
from quizzes.practice import NoQuestions, assignments_titled, questions_choose
from quizzes.roles import is_teacher
from studyapp.clientip import client_address


def _get_assignment_for_teacher(request: HttpRequest, assignment_id: int) -> Assignment:
    assignments = Assignment.objects.filter(classroom__teacher=request.user).select_related(
        "classroom", "article"
    )
    return get_object_or_404(assignments, pk=assignment_id)


@login_required
@require_GET
def class_list(request: HttpRequest) -> HttpResponse:
    teacher = is_teacher(request.user)
    taught = request.user.taught_classes.annotate(members=Count("memberships")) if teacher else []
    joined = Classroom.objects.filter(memberships__user=request.user).select_related("teacher")
    context = {
        "taught": taught,
        "joined": joined,
        "teacher": teacher,
        "form": ClassroomForm(),
        "join": JoinForm(),
    }
    return render(request, "quizzes/classrooms/list.html", context)


@teacher_required
@require_POST
def class_create(request: HttpRequest) -> HttpResponse:
    form = ClassroomForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写班级名称（最多 100 字）。"))
        return redirect("quizzes:class_list")
    classroom = Classroom.objects.create(name=form.cleaned_data["name"], teacher=request.user)
    messages.success(request, _("班级已创建，加入码是 %(code)s。") % {"code": classroom.join_code})
    return redirect(classroom)


@login_required
@require_http_methods(["GET", "POST"])
def class_join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or request.GET or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            classroom = classroom_join(
                request.user,
                form.cleaned_data["code"],
                address=client_address(request),
                now=timezone.now(),
            )
        except JoinRefused as refused:
            form.add_error("code", refused.message)
            status = 429 if isinstance(refused, TooManyCodes) else 400
        else:
            messages.success(request, _("已加入班级“%(name)s”。") % {"name": classroom.name})
            return redirect(classroom)
    return render(request, "quizzes/classrooms/join.html", {"form": form}, status=status)


@login_required
@require_GET
def class_detail(request: HttpRequest, class_id: int) -> HttpResponse:
    """The teacher's page of a class (members, codes, assignments), or a member's (assignments, own results)."""
    classroom = get_object_or_404(
        Classroom.objects.filter(
            Q(teacher=request.user) | Q(memberships__user=request.user)
        ).distinct(),
        pk=class_id,
    )
    teaching = classroom.teacher_id == request.user.pk
    assignments = classroom.assignments.select_related("article", "section").annotate(
        done=Count("attempts", filter=Q(attempts__finished_at__isnull=False))
    )
    context = {"classroom": classroom, "teaching": teaching, "assignments": assignments}
    if teaching:
        invite = request.build_absolute_uri(reverse("quizzes:class_join"))
        invite = f"{invite}?code={classroom.join_code}"
        context["invite_url"] = invite
        context["invite_qr"] = segno.make(invite, error="m").svg_inline(
            scale=5, dark="#1d1b18", light="#ffffff", omitsize=True
        )
        context["members"] = classroom.memberships.select_related("user")
        context["removed"] = classroom.removals.select_related("user")
        context["rename"] = ClassroomForm(initial={"name": classroom.name})
    else:
        attempts = request.user.practice_tests.filter(assignment__classroom=classroom)
        mine = {test.assignment_id: test for test in attempts}
        handed_in = {pk for pk, test in mine.items() if test.is_finished}
        context["assignments"] = assignments_titled(assignments, handed_in)
        for assignment in context["assignments"]:
            assignment.my_attempt = mine.get(assignment.pk)
    return render(request, "quizzes/classrooms/detail.html", context)


@teacher_required
@require_POST
def class_rename(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    form = ClassroomForm(request.POST)
    if form.is_valid():
        classroom.rename(form.cleaned_data["name"])
        messages.success(request, _("班级已改名。"))
    else:
        messages.error(request, _("请填写班级名称（最多 100 字）。"))
    return redirect(classroom)


@teacher_required
@require_POST
def class_archive(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    classroom.archive(now=timezone.now())
    messages.success(request, _("班级已归档。"))
    return redirect(classroom)


@teacher_required
@require_POST
def class_restore(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    classroom.restore()
    messages.success(request, _("班级已恢复。"))
    return redirect(classroom)


@teacher_required
@require_POST
def class_member_remove(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    form = MemberForm(request.POST)
    if form.is_valid() and member_remove(classroom, form.cleaned_data["member"]):
        messages.success(request, _("已移出班级。加入码不能再让这个学员加入，除非你让他回来。"))
    else:
        messages.error(request, _("这个学员不在班级里。"))
    return redirect(classroom)


@teacher_required
@require_POST
def class_member_readmit(request: HttpRequest, class_id: int) -> HttpResponse:
    """A removed learner back in the class."""
    classroom = taught_class_or_404(request, class_id)
    form = RemovedLearnerForm(request.POST)
    if form.is_valid() and member_readmit(classroom, form.cleaned_data["user"]):
        messages.success(request, _("学员已回到班级。"))
    else:
        messages.error(request, _("这个学员没有被移出这个班级。"))
    return redirect(classroom)


@teacher_required
@require_POST
def class_code_renew(request: HttpRequest, class_id: int) -> HttpResponse:
    """A new join code, when the old one went round too far: the old code stops working."""
    classroom = taught_class_or_404(request, class_id)
    classroom.renew_code()
    messages.success(
        request, _("新的加入码是 %(code)s，旧的加入码已失效。") % {"code": classroom.join_code}
    )
    return redirect(classroom)


@teacher_required
@require_http_methods(["GET", "POST"])
def assignment_new(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = taught_class_or_404(request, class_id)
    usable = Article.objects.for_classes_of(request.user)
    article = ArticleQueryForm.article_in(request.GET, usable)
    if article is None:
        articles = usable.select_related("document").order_by("document", "position")
        return render(
            request,
            "quizzes/classrooms/assignment_choose.html",
            {"classroom": classroom, "articles": articles},
        )
    form = AssignmentForm(request.POST or None, article=article, kinds=StudyItem.TESTABLE_KINDS)
    context = {"classroom": classroom, "article": article, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        step = request.POST.get("step")
        fresh = data["seed"] is None or step == "reshuffle"
        seed = random.randrange(2**31) if fresh else data["seed"]
        choice = {
            "article": article,
            "section": data["section"],
            "kinds": data["kinds"],
            "size": data["size"],
            "rng": random.Random(seed),
        }
        try:
            if step in {"preview", "reshuffle"}:
                # The questions it will fix, before it is set: the same draw sets them.
                chosen = questions_choose(**choice)
                found = StudyItem.objects.in_bulk(chosen)
                context["preview"] = [found[pk] for pk in chosen]
                drawn = request.POST.copy()
                drawn["seed"] = str(seed)
                context["form"] = AssignmentForm(
                    drawn, article=article, kinds=StudyItem.TESTABLE_KINDS
                )
                context["form"].is_valid()
                return render(request, "quizzes/classrooms/assignment_new.html", context)
            assignment_create(
                classroom=classroom,
                time_limit=data["time_limit"],
                due_at=data["due_at"],
                **choice,
            )
        except NoQuestions as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("作业已布置。"))
            return redirect(classroom)
    return render(
        request,
        "quizzes/classrooms/assignment_new.html",
        context,
        status=400 if form.is_bound else 200,
    )


@teacher_required
@require_GET
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _get_assignment_for_teacher(request, assignment_id)
    learners, questions = assignment_results(assignment)
    context = {"assignment": assignment, "learners": learners, "questions": questions}
    return render(request, "quizzes/classrooms/assignment_detail.html", context)


@teacher_required
@require_GET
def assignment_csv(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The results as CSV, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese."""
    assignment = _get_assignment_for_teacher(request, assignment_id)
    header, rows = assignment_table(assignment)
    return csv_response(f"assignment-{assignment.pk}.csv", header, rows)


@login_required
@require_POST
def assignment_take(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.filter(classroom__memberships__user=request.user).select_related(
            "article", "section"
        ),
        pk=assignment_id,
    )
    return redirect(assignment_start(assignment, request.user, now=timezone.now()))

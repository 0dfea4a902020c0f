from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quizzes import limits
from quizzes.forms import SignUpForm
from quizzes.models import TeacherRequest
from quizzes.roles import LEARNER, grant_role
from studyapp.clientip import client_address


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("corpus:library")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address, now = client_address(request), timezone.now()
        teacher_request = form.cleaned_data["wants_teacher"]
        if not limits.signup_allowed(address=address, teacher_request=teacher_request, now=now):
            form.add_error(
                None,
                _("这个网络上注册的账号太多了，请一小时后再试。")
                if not teacher_request
                else _("这个网络今天提交的教师申请太多了，请明天再试，或先注册为学员。"),
            )
            return render(request, "registration/signup.html", {"form": form}, status=429)
        with transaction.atomic():
            limits.signup_record(address=address, teacher_request=teacher_request, now=now)
            user = form.save()
            grant_role(user, LEARNER)
            if form.cleaned_data["wants_teacher"]:
                TeacherRequest.objects.create(user=user, note=form.cleaned_data["teacher_note"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("欢迎加入学而！"))
        if form.cleaned_data["wants_teacher"]:
            messages.info(request, _("教师申请已提交，管理员确认后生效。"))
        return redirect("corpus:library")
    return render(
        request, "registration/signup.html", {"form": form}, status=400 if form.is_bound else 200
    )


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once sign-ins are limited: a page in the user's language, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)

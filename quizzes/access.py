"""Who may open a teacher's pages, and the lookups that keep each teacher to their own classes."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from quizzes.models import Classroom
from quizzes.roles import is_teacher


def teacher_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and a teacher (or a superuser); anyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_superuser or is_teacher(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def taught_class_or_404(request: HttpRequest, class_id: int) -> Classroom:
    """One of the signed-in teacher's own classes; anyone else's is a 404."""
    return get_object_or_404(request.user.taught_classes, pk=class_id)

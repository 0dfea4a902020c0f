"""Who may open a teacher's pages, and the lookups that keep each teacher to their own classes."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from corpus.models import Article
from quizzes.models import Assignment, Classroom, LiveSession, PracticeTest
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


def answers_withheld(user, article: Article | int) -> set[int]:
    """The article's items whose answers the learner may not read now: the questions of their
    class assignments not yet handed in (a late hand-in still counts, so past the deadline too)
    and of the live games they play while the game runs. An assignment's or a game's questions
    all come from its article, so one article's few assignments and games are read."""
    if not user.is_authenticated:
        return set()
    handed_in = PracticeTest.objects.filter(
        assignment=OuterRef("pk"), user=user, finished_at__isnull=False
    )
    assignments = Assignment.objects.filter(
        article=article, classroom__memberships__user=user
    ).exclude(Exists(handed_in))
    games = LiveSession.objects.filter(article=article, players__user=user).exclude(
        state=LiveSession.State.ENDED
    )
    return _questions_of(assignments, games)


def items_held_by_others(user, article: Article | int) -> set[int]:
    """The article's items another teacher's live game asks while it runs: an edit would
    regrade the room mid-game, so the owner waits for it to end. (Assignments keep the version
    of each question they were set with: an edit never reaches them.)"""
    games = (
        LiveSession.objects.filter(article=article)
        .exclude(teacher=user)
        .exclude(state=LiveSession.State.ENDED)
    )
    return _questions_of(games)


def _questions_of(*querysets) -> set[int]:
    """The item ids the assignments' or games' questions are (each keeps them as a list), read
    in one query: the answer request asks on every card."""
    first, *rest = (
        queryset.order_by().values_list("item_ids", flat=True) for queryset in querysets
    )
    lists = first.union(*rest, all=True).order_by() if rest else first
    return {item_id for item_ids in lists for item_id in item_ids}

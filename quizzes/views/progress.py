"""The learner's dashboard: due reviews and the month ahead, activity and streaks, retention, mastery."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from corpus.models import Article
from quizzes.dashboards import learner_dashboard


@login_required
@require_GET
def progress_home(request: HttpRequest) -> HttpResponse:
    articles = list(
        Article.objects.visible_to(request.user)
        .filter(study_selections__user=request.user)
        .order_by("document", "position")
    )
    context = learner_dashboard(request.user, articles, timezone.now()) | {
        "subject": request.user,
        "own": True,
    }
    return render(request, "quizzes/progress/learner.html", context)

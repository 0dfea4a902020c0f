from collections.abc import Callable

from django.http import HttpRequest

from quizzes.roles import is_teacher


def roles(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """is_teacher as a callable: templates call it only where they ask, so an htmx fragment that
    never shows the navigation costs no query."""
    user = getattr(request, "user", None)
    return {"is_teacher": lambda: bool(user and user.is_authenticated and is_teacher(user))}

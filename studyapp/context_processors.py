from django.http import HttpRequest

from quizzes.roles import is_teacher


def roles(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    return {"is_teacher": bool(user and user.is_authenticated and is_teacher(user))}

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def make_user(django_user_model):
    """make_user("wang", role="teacher") -> a user with a password of "pw-<name>-2024"."""
    from quizzes.roles import grant_role

    def make(username: str = "learner1", *, role: str | None = "learner", **fields):
        user = django_user_model.objects.create_user(username=username, password=f"pw-{username}-2024", **fields)
        if role:
            grant_role(user, role)
        return user

    return make

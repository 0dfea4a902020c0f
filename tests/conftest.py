import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The real newspaper page: a fixture kept outside the project, never copied in.
# Outside CI a checkout without ../shared skips the tests that read it; CI sets
# XUEER_REQUIRE_FIXTURE=1, where a missing page fails instead of passing unseen.
CORPUS_DIR = Path(os.environ.get("XUEER_SHARED_CORPUS") or REPO.parent / "shared" / "corpus")
FIXTURE_PAGE = CORPUS_DIR / "newspaper-page-2024.md"
FIXTURE_REQUIRED = os.environ.get("XUEER_REQUIRE_FIXTURE", "").strip() == "1"
needs_fixture = pytest.mark.skipif(
    not FIXTURE_PAGE.exists() and not FIXTURE_REQUIRED,
    reason=f"shared corpus page not found at {FIXTURE_PAGE} (set XUEER_SHARED_CORPUS)",
)


@pytest.fixture
def make_user(django_user_model):
    """make_user("wang", role="teacher") -> a user with a password of "pw-<name>-2024"."""
    from quizzes.roles import grant_role

    def make(username: str = "learner1", *, role: str | None = "learner", **fields):
        user = django_user_model.objects.create_user(
            username=username, password=f"pw-{username}-2024", **fields
        )
        if role:
            grant_role(user, role)
        return user

    return make

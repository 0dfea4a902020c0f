import pytest

from tests.clients import signed_in


@pytest.fixture
def teacher(make_user):
    """A client signed in as a teacher."""
    return signed_in(make_user("laoshi", role="teacher"))

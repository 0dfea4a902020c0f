import pytest

from corpus.models import Article
from quizzes.itemstore import items_generate
from quizzes.models import StudySelection
from tests.clients import signed_in
from tests.corpus.samples import make_document


@pytest.fixture
def teacher(make_user):
    """A client signed in as a teacher."""
    return signed_in(make_user("laoshi", role="teacher"))


@pytest.fixture
def article():
    document = make_document()
    items_generate(document)
    return Article.objects.get(document=document)


@pytest.fixture
def learner(client, make_user, article):
    user = make_user("xue")
    StudySelection.objects.create(user=user, article=article)
    client.force_login(user)
    client.user = user
    return client

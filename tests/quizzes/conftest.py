import pytest
from django.urls import reverse

from corpus.models import Article
from quizzes.itemstore import items_generate
from quizzes.models import LiveSession, StudySelection
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


@pytest.fixture
def live(teacher, article):
    """A live game of three questions in its lobby, started by the teacher."""
    url = f"{reverse('quizzes:live_new')}?article={article.pk}"
    response = teacher.post(
        url, {"size": 3, "kinds": ["choice", "cloze"], "seconds": 20, "speed_scoring": "on"}
    )
    session = LiveSession.objects.get()
    assert response.url == session.get_absolute_url()
    return session

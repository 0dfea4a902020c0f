"""An owner deletes a document that holds nobody else's work; what would be lost holds it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Article, Document
from quizzes.itemstore import items_generate
from quizzes.models import (
    Assignment,
    Classroom,
    Generation,
    ReviewLog,
    StudyCard,
    StudyItem,
)
from tests.clients import signed_in
from tests.corpus.samples import make_document
from tests.quizzes.studying import answer


@pytest.fixture
def owner(make_user):
    return signed_in(make_user("laoshi", role="teacher"))


@pytest.fixture
def document(owner):
    document = make_document(user=owner.user, visibility="published")
    items_generate(document)
    return document


FLASHCARDS = [kind.value for kind in StudyItem.FLASHCARD_KINDS]


def delete_url(document) -> str:
    return reverse("quizzes:document_delete", args=[document.pk])


def study(client, document) -> None:
    article = document.articles.first()
    client.post(reverse("quizzes:study_add", args=[article.pk]))
    item = StudyItem.objects.filter(article=article).exclude(kind__in=FLASHCARDS).first()
    answer(client, item, answer=[""], give_up="1")  # 不会: an answer of any kind, recorded


@pytest.mark.django_db
def test_the_owner_sees_what_goes_then_deletes_it_with_their_own_cards(owner, document):
    study(owner, document)
    page = owner.get(delete_url(document)).content.decode()
    assert "你自己的 1 张卡片" in page and "删除文档" in page
    response = owner.post(delete_url(document))
    assert response.status_code == 302 and response["Location"] == reverse("corpus:library")
    assert not Document.objects.exists() and not Article.objects.exists()
    assert not StudyItem.objects.exists() and not StudyCard.objects.exists()
    assert not ReviewLog.objects.exists()
    assert "已删除" in owner.get(reverse("corpus:library")).content.decode()


@pytest.mark.django_db
def test_another_learners_cards_hold_the_document(owner, document, make_user):
    learner = signed_in(make_user("xue"))
    study(learner, document)
    page = owner.get(delete_url(document)).content.decode()
    assert "1 位学员学过或正在学它" in page and "仅自己" in page
    response = owner.post(delete_url(document), follow=True)
    assert "现在不能删除" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    assert StudyCard.objects.filter(user=learner.user).count() == 1


@pytest.mark.django_db
def test_an_assignment_and_a_running_generation_hold_it(owner, document):
    classroom = Classroom.objects.create(name="一班", teacher=owner.user)
    Assignment.objects.create(
        classroom=classroom,
        article=document.articles.first(),
        item_ids=[],
        due_at=timezone.now(),
    )
    Generation.objects.filter(document=document).update(
        state=Generation.State.RUNNING, updated_at=timezone.now()
    )
    page = owner.get(delete_url(document)).content.decode()
    assert "1 项作业用到它" in page and "正在生成" in page
    owner.post(delete_url(document))
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db
def test_nobody_but_the_owner_deletes_it(document, make_user, client):
    other = signed_in(make_user("other", role="teacher"))
    assert other.get(delete_url(document)).status_code == 404
    assert other.post(delete_url(document)).status_code == 404
    assert client.post(delete_url(document)).status_code == 302  # to the sign-in page
    assert Document.objects.filter(pk=document.pk).exists()
    assert other.post(reverse("quizzes:document_delete", args=[10**9])).status_code == 404


@pytest.mark.django_db
def test_the_document_page_offers_its_owner_the_deletion(owner, document, make_user):
    link = delete_url(document)
    assert link in owner.get(document.get_absolute_url()).content.decode()
    learner = signed_in(make_user("xue"))
    assert link not in learner.get(document.get_absolute_url()).content.decode()

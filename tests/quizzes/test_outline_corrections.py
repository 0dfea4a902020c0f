"""The owner corrects a saved document's outline; items of the untouched sections stay as they were."""

import pytest
from django.urls import reverse

from corpus.models import Article, Section
from quizzes.models import ReviewLog, StudyItem
from quizzes.study import answer_record, new_token
from tests.clients import signed_in
from tests.corpus.samples import make_document


@pytest.fixture
def owner(make_user):
    return signed_in(make_user("zhang", role="teacher"))


@pytest.fixture
def document(owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the import queues generation
        return make_document(user=owner.user)


@pytest.fixture
def correct(django_capture_on_commit_callbacks):
    """Post a correction; the regeneration it queues runs, as a worker would run it."""

    def post(client, document, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("quizzes:document_outline_correct", args=[document.pk]), data
            )

    return post


def items_by_section(document) -> dict[str, set[tuple[int, str, str]]]:
    found: dict[str, set] = {}
    for item in StudyItem.objects.of_document(document).active().select_related("section"):
        found.setdefault(item.section.heading if item.section else "", set()).add(
            (item.pk, item.key, item.prompt)
        )
    return found


@pytest.mark.django_db
def test_the_owner_makes_a_line_a_heading_and_only_that_sections_items_change(
    owner, document, correct
):
    before = items_by_section(document)
    line = "推广流动图书服务。每月安排流动图书车进村入户,把新书送到群众家门口。"
    assert not Section.objects.filter(heading=line).exists()

    response = correct(owner, document, op="heading", text=line, level=2)

    assert response.status_code == 302
    section = Section.objects.get(article__document=document, heading=line)
    assert section.level == 2
    document.refresh_from_db()
    assert document.corrections == [{"op": "heading", "text": line, "level": 2}]
    after = items_by_section(document)
    assert after["提升服务质量"] == before["提升服务质量"]  # same ids, keys and prompts
    assert after[""] == before[""]
    page = owner.get(reverse("quizzes:document_outline", args=[document.pk])).content.decode()
    assert "已设为标题" in page and line[:20] in page


@pytest.mark.django_db
def test_a_heading_turned_into_body_text_retires_its_items_with_their_history(
    owner, document, correct
):
    heading_items = StudyItem.objects.filter(
        article__document=document, source="提升服务质量", status=StudyItem.Status.ACTIVE
    )
    item = heading_items.first()
    assert item is not None
    answer_record(owner.user, item, rating=3, now=item.created_at, token=new_token())

    correct(owner, document, op="body", text="提升服务质量")

    assert not Section.objects.filter(article__document=document, heading="提升服务质量").exists()
    item.refresh_from_db()
    assert item.status == StudyItem.Status.RETIRED
    assert ReviewLog.objects.filter(item=item).count() == 1


@pytest.mark.django_db
def test_a_split_moves_the_sections_items_and_their_reviews_to_the_new_article(
    owner, document, correct
):
    moved = list(
        StudyItem.objects.filter(article__document=document, section__heading="提升服务质量")
    )
    assert moved
    answer_record(owner.user, moved[0], rating=3, now=moved[0].created_at, token=new_token())
    original = Article.objects.get(document=document)

    correct(owner, document, op="split", text="提升服务质量")

    articles = list(Article.objects.filter(document=document).order_by("position"))
    assert [a.title for a in articles] == [original.title, "提升服务质量"]
    assert articles[0].pk == original.pk
    for item in moved:
        item.refresh_from_db()
        assert item.article_id == articles[1].pk
    assert ReviewLog.objects.filter(item=moved[0]).count() == 1

    correct(owner, document, op="merge", text="提升服务质量")

    assert list(Article.objects.filter(document=document).values_list("pk", flat=True)) == [
        original.pk
    ]
    moved[0].refresh_from_db()
    assert moved[0].article_id == original.pk


@pytest.mark.django_db
def test_it_refuses_malformed_or_unfitting_corrections_and_changes_nothing(
    owner, document, correct
):
    rows = Section.objects.filter(article__document=document).count()
    for data in [
        {"op": "heading", "text": "提升服务质量", "level": "²"},
        {"op": "heading", "text": "提升服务质量"},
        {"op": "explode", "text": "提升服务质量"},
        {"op": "body"},
        {"op": "body", "text": "书里没有这一行"},
        {"op": "point", "text": "x" * 30000},
    ]:
        response = correct(owner, document, **data)
        assert response.status_code == 302
    assert Section.objects.filter(article__document=document).count() == rows
    document.refresh_from_db()
    assert document.corrections == []


@pytest.mark.django_db
def test_only_the_owner_sees_or_corrects_the_outline(client, document, correct, make_user):
    other = signed_in(make_user("li", role="teacher"))
    url = reverse("quizzes:document_outline", args=[document.pk])
    assert other.get(url).status_code == 404
    assert correct(other, document, op="body", text="提升服务质量").status_code == 404
    assert client.get(url).status_code == 302  # to sign in
    assert Section.objects.filter(article__document=document, heading="提升服务质量").exists()

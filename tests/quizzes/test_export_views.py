"""The downloads of an article's and a document's items (quizzes.views.exports)."""

import json

import pytest
from django.urls import reverse

from quizzes import exporting
from quizzes.itemstore import items_generate
from quizzes.models import StudyItem
from tests.corpus.samples import make_document
from tests.quizzes.test_exporting import package_notes

TWO_ARTICLES = """## 第一版

乡村阅读的新气象

●林知远

县级图书馆连接城市与乡村，是公共文化服务的重要节点。

健全基层阅读服务网络。推动县级图书馆与乡镇文化站、村级农家书屋互联互通，实现图书通借通还。

服务质量是图书馆的生命线，关系群众的获得感。

## 第二版

社区书房的新做法

●周明

每月安排流动图书车进村入户，把新书送到群众家门口。
"""


@pytest.fixture
def teacher(client, make_user):
    owner = make_user("shi", role="teacher")
    client.force_login(owner)
    client.user = owner
    return client


@pytest.fixture
def document(teacher):
    document = make_document(text=TWO_ARTICLES, user=teacher.user, visibility="published")
    items_generate(document)
    articles = document.articles.filter(items__isnull=False).distinct()
    assert articles.count() == 2, [a.title for a in document.articles.all()]
    return document


def download(client, view: str, object_id: int, fmt: str) -> bytes:
    response = client.get(reverse(view, args=[object_id, fmt]))
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_it_puts_every_note_in_its_articles_deck_whichever_download(teacher, document, tmp_path):
    article = StudyItem.objects.of_document(document).first().article
    (tmp_path / "article").mkdir()
    (tmp_path / "document").mkdir()

    from_article = package_notes(
        download(teacher, "quizzes:article_export", article.pk, "apkg"), tmp_path / "article"
    )
    from_document = package_notes(
        download(teacher, "quizzes:document_export", document.pk, "apkg"), tmp_path / "document"
    )

    assert from_article and set(from_article) < set(from_document)
    assert all(from_document[guid] == note for guid, note in from_article.items())
    decks = {name for note in from_document.values() for name in note["decks"]}
    assert (
        decks == {exporting.article_deck_name(each) for each in document.articles.all()}
        and len(decks) == 2
    )


@pytest.mark.django_db
def test_it_downloads_a_disabled_item_suspended_and_leaves_it_out_of_json(
    teacher, document, tmp_path
):
    item = StudyItem.objects.of_document(document).first()
    teacher.post(reverse("quizzes:item_status", args=[item.pk]), {"status": "disabled"})

    notes = package_notes(
        download(teacher, "quizzes:document_export", document.pk, "apkg"), tmp_path
    )
    exported = json.loads(download(teacher, "quizzes:document_export", document.pk, "json"))

    assert notes[exporting.item_guid(item)]["queues"] == [-1]
    assert item.key not in {entry["id"] for entry in exported}
    assert len(notes) == StudyItem.objects.of_document(document).count() == len(exported) + 1


@pytest.mark.django_db
def test_it_names_the_file_after_what_was_downloaded(teacher, document):
    response = teacher.get(reverse("quizzes:document_export", args=[document.pk, "csv"]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="xueer-document-{document.pk}.tsv"'
    )

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corpus.models import Article
from tests.corpus.samples import LIBRARY_PAGE, LIBRARY_POINTS, LIBRARY_TITLE, make_document


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_it_lists_documents_and_articles_in_the_library(client):
    document = make_document()
    response = client.get(reverse("corpus:library"))
    page = response.content.decode()
    assert response.status_code == 200
    assert LIBRARY_TITLE in page
    assert document.get_absolute_url() in page
    assert "3 个要点" in page


@pytest.mark.django_db
def test_it_searches_titles_and_authors_and_answers_htmx_with_the_results_only(client):
    make_document()
    url = reverse("corpus:library")
    assert LIBRARY_TITLE in client.get(url, {"q": "林知远"}).content.decode()
    miss = client.get(url, {"q": "不存在的标题"}, headers={"HX-Request": "true"}).content.decode()
    assert miss.lstrip().startswith('<section id="results"')
    assert "没有找到" in miss
    assert LIBRARY_TITLE not in miss


@pytest.mark.django_db
def test_it_shows_the_outline_beside_the_text_with_points_highlighted(client):
    article = Article.objects.get(document=make_document())
    page = client.get(article.get_absolute_url()).content.decode()
    for point in LIBRARY_POINTS:
        assert f'<mark class="point">{point}' in page
        assert f">{point}</a>" in page  # the outline links to the text
    assert 'href="#s2"' in page and 'id="s2"' in page
    assert "（作者单位:某某师范学院）" in page


@pytest.mark.django_db
def test_it_reads_pages_in_a_fixed_number_of_queries(client):
    small = make_document()
    small_article = Article.objects.get(document=small)
    big_text = LIBRARY_PAGE.replace(
        "## 提升服务质量",
        "\n".join(
            f"## 第{n}部分\n\n本部分说明第{n}项工作。\n\n落实第{n}项措施。具体安排如下,逐项推进。\n"
            for n in range(1, 30)
        )
        + "\n## 提升服务质量",
    )
    big = make_document(big_text.replace("建设书香社会", "建设书香社会(扩充)"), filename="big.md")
    big_article = Article.objects.get(document=big)
    assert big_article.sections.count() > small_article.sections.count() + 20

    for url_small, url_big in [
        (reverse("corpus:library"), reverse("corpus:library") + "?q=书"),
        (small.get_absolute_url(), big.get_absolute_url()),
        (small_article.get_absolute_url(), big_article.get_absolute_url()),
    ]:
        assert queries_for(client, url_small) == queries_for(client, url_big)
    assert queries_for(client, big_article.get_absolute_url()) <= 5


@pytest.mark.django_db
def test_it_answers_404_for_unknown_ids(client):
    assert client.get(reverse("corpus:article_detail", args=[999])).status_code == 404
    assert client.get(reverse("corpus:document_detail", args=[999])).status_code == 404

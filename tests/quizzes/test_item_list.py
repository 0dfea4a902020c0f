"""The item list of an article (quizzes:item_list) and its bulk disable/enable
(quizzes:item_bulk_status)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import ItemFlag, LiveSession, StudyItem
from tests.corpus.samples import make_document


@pytest.fixture
def owner(make_user):
    return make_user("shi", role="teacher")


@pytest.fixture
def article(owner):
    """A published article of the teacher `shi` with items of its own (no generation)."""
    document = make_document(user=owner, visibility="published")
    article = document.articles.get()
    article.items.all().delete()
    return article


def make_item(article, key: str, **fields) -> StudyItem:
    values = {
        "kind": StudyItem.Kind.CLOZE,
        "prompt": f"{key}的题面____",
        "answers": [f"{key}的答案"],
        "source": f"{key}的原句",
    } | fields
    return StudyItem.objects.create(article=article, key=key, **values)


@pytest.fixture
def items(article) -> list[StudyItem]:
    return [make_item(article, f"条目{n:03}") for n in range(60)]


@pytest.fixture
def teacher(client, owner):
    client.force_login(owner)
    return client


def list_url(article, **query) -> str:
    return reverse("quizzes:item_list", args=[article.pk]) + (
        "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    )


def listed(response) -> list[str]:
    return [item.key for item in response.context["items"]]


def bulk(client, article, status: str, item_ids, **extra):
    return client.post(
        reverse("quizzes:item_bulk_status", args=[article.pk]),
        {"status": status, "items": [str(pk) for pk in item_ids], **extra},
    )


def said(client, response) -> list[str]:
    """The messages the page the post went back to shows."""
    page = client.get(response.url)
    return [str(message) for message in page.context["messages"]]


def statuses(items) -> list[str]:
    return list(
        StudyItem.objects.filter(pk__in=[i.pk for i in items])
        .order_by("id")
        .values_list("status", flat=True)
    )


# The list


@pytest.mark.django_db
def test_it_shows_fifty_items_a_page(teacher, article, items):
    first = teacher.get(list_url(article))
    second = teacher.get(list_url(article, page=2))

    assert listed(first) == [item.key for item in items[:50]]
    assert listed(second) == [item.key for item in items[50:]]
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()
    assert listed(teacher.get(list_url(article, page="nonsense"))) == listed(first)


@pytest.mark.django_db
def test_it_reads_a_page_in_as_many_queries_however_many_items(
    teacher, article, items, django_assert_num_queries
):
    teacher.get(list_url(article))  # the session, once
    with django_assert_num_queries(9) as few:
        teacher.get(list_url(article, q="条目"))
    for n in range(60, 200):
        make_item(article, f"条目{n:03}", kind=StudyItem.Kind.CHOICE, options=["甲", "乙"])
    with django_assert_num_queries(len(few.captured_queries)):
        teacher.get(list_url(article, q="条目", page=3))


@pytest.mark.django_db
def test_it_finds_items_by_their_prompt_or_their_answers(teacher, article, items):
    make_item(article, "互联", prompt="推动县级图书馆____", answers=["互联互通"])
    make_item(article, "流动", prompt="推广流动图书服务", kind="keypoints", answers=["每月进村"])
    make_item(
        article,
        "选项",
        kind="choice",
        prompt="多久一次？",
        answers=["每周"],
        options=["每周", "每年"],
    )

    assert listed(teacher.get(list_url(article, q="互联互通"))) == ["互联"]
    assert listed(teacher.get(list_url(article, q="县级图书馆"))) == ["互联"]
    assert listed(teacher.get(list_url(article, q="进村"))) == ["流动"]
    assert listed(teacher.get(list_url(article, q="每年"))) == ["选项"]
    nothing = teacher.get(list_url(article, q="没有这个词"))
    assert listed(nothing) == [] and "没有符合条件的条目。" in nothing.content.decode()


@pytest.mark.django_db
def test_it_filters_by_kind_status_and_open_flags(teacher, article, items, make_user):
    make_item(article, "停用的", status=StudyItem.Status.DISABLED)
    flagged = make_item(article, "有反馈的", kind=StudyItem.Kind.DEFINITION)
    ItemFlag.objects.create(item=flagged, user=make_user("xue"), reason="unclear")
    resolved = make_item(article, "已处理的")
    ItemFlag.objects.create(
        item=resolved, user=make_user("li"), reason="unclear", resolved_at=timezone.now()
    )

    assert listed(teacher.get(list_url(article, status="disabled"))) == ["停用的"]
    make_item(article, "要紧的", weight=8)
    assert listed(teacher.get(list_url(article, weight=7))) == ["要紧的"]
    assert "权重 8" in teacher.get(list_url(article, weight=7)).content.decode()
    assert listed(teacher.get(list_url(article, flagged="on"))) == ["有反馈的"]
    assert listed(teacher.get(list_url(article, kind="definition"))) == ["有反馈的"]
    response = teacher.get(list_url(article, flagged="on", kind="cloze"))
    assert listed(response) == [] and "1 条反馈" not in response.content.decode()
    assert "1 条反馈" in teacher.get(list_url(article, flagged="on")).content.decode()
    # An unknown kind or status filters nothing.
    assert len(listed(teacher.get(list_url(article, kind="essay", status="gone", weight=0)))) == 50


@pytest.mark.django_db
def test_it_shows_learners_only_active_items_and_no_answers(client, make_user, article, items):
    disabled = make_item(article, "停用的", status=StudyItem.Status.DISABLED)
    choice = make_item(
        article,
        "选项",
        kind="choice",
        prompt="多久一次？",
        answers=["每周"],
        options=["每周", "每年"],
    )
    client.force_login(make_user("xue"))

    response = client.get(list_url(article, status="disabled", q="停用的"))
    page = response.content.decode()

    assert listed(response) == []
    assert disabled.get_absolute_url() not in page
    assert 'name="status"' not in page and "bulk-status" not in page
    assert choice.answers[0] not in client.get(list_url(article, q="多久")).content.decode()


@pytest.mark.django_db
def test_it_shows_each_items_options_with_the_right_one_marked(teacher, article):
    make_item(
        article,
        "选项",
        prompt="推动县级图书馆与乡镇文化站____",
        answers=["互联互通"],
        options=["互联互通", "共建共享", "一体发展"],
    )

    page = teacher.get(list_url(article)).content.decode()

    assert (
        '<ol class="options" aria-label="选项"><li><strong>互联互通</strong> '
        '<span class="meta">（正确）</span></li><li>共建共享</li><li>一体发展</li></ol>'
    ) in page


@pytest.mark.django_db
def test_it_swaps_only_the_list_for_htmx(teacher, article, items):
    response = teacher.get(list_url(article, q="条目001"), headers={"HX-Request": "true"})

    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section id="items"')
    assert "<html" not in fragment and listed(response) == ["条目001"]


# Disabling and enabling in bulk


@pytest.mark.django_db
def test_it_disables_and_enables_the_ticked_items(teacher, owner, article, items):
    ticked, untouched = items[:3], items[3:6]
    before = {item.pk: item.updated_at for item in ticked}
    back = list_url(article, q="%E6%9D%A1%E7%9B%AE", page=1)  # q=条目

    response = bulk(teacher, article, "disabled", [item.pk for item in ticked], next=back)

    assert response.status_code == 302 and response.url == back
    assert statuses(ticked) == ["disabled"] * 3 and statuses(untouched) == ["active"] * 3
    for item in StudyItem.objects.filter(pk__in=before):
        assert item.origin == StudyItem.Origin.EDITED and item.edited_by == owner
        assert item.updated_at > before[item.pk]  # the Anki export stamps the note anew
    assert said(teacher, response) == ["已停用 3 个条目。"]

    bulk(teacher, article, "active", [item.pk for item in ticked])
    assert statuses(ticked) == ["active"] * 3


@pytest.mark.django_db
def test_it_ticks_every_item_of_the_page_without_javascript(teacher, article, items):
    unticked = teacher.get(list_url(article)).content.decode()
    ticked = teacher.get(list_url(article, all=1)).content.decode()

    assert unticked.count('form="bulk-status"') == ticked.count('form="bulk-status"') == 50
    assert " checked>" not in unticked and ticked.count(" checked>") == 50
    assert "?all=1" in unticked and "取消全选" in ticked


@pytest.mark.django_db
def test_it_refuses_anyone_but_the_owner(client, make_user, article, items):
    url = reverse("quizzes:item_bulk_status", args=[article.pk])
    for user in (make_user("pang", role="teacher"), make_user("xue")):
        client.force_login(user)
        assert bulk(client, article, "disabled", [items[0].pk]).status_code == 404
    client.logout()
    assert client.post(url, {"status": "disabled", "items": [items[0].pk]}).status_code == 302
    assert client.get(url).status_code in (302, 405)
    assert statuses(items[:1]) == ["active"]


@pytest.mark.django_db
def test_it_changes_nothing_when_one_id_is_not_the_articles(teacher, owner, article, items):
    elsewhere = make_document(
        text="## 别的版面\n\n另一篇\n\n●某人\n\n正文一段。\n", filename="other.md", user=owner
    ).articles.get()
    foreign = make_item(elsewhere, "别处的")

    for bad in ([items[0].pk, foreign.pk], [items[0].pk, 999_999], [items[0].pk, "x"]):
        response = bulk(teacher, article, "disabled", bad)
        assert response.status_code == 302
        assert said(teacher, response) == ["所选条目不属于这篇文章，没有做任何修改。"]
        assert statuses([items[0], foreign]) == ["active", "active"]

    response = bulk(teacher, article, "disabled", [])
    assert said(teacher, response) == ["请先勾选要停用或启用的条目。"]
    response = bulk(teacher, article, "deleted", [items[0].pk])
    assert said(teacher, response) == ["请选择停用或启用。"]
    assert statuses(items[:1]) == ["active"]


@pytest.mark.django_db
def test_it_changes_nothing_when_a_ticked_item_is_retired_or_in_another_game(
    teacher, make_user, article, items
):
    retired = make_item(article, "退役的", status=StudyItem.Status.RETIRED)
    response = bulk(teacher, article, "disabled", [items[0].pk, retired.pk])
    assert said(teacher, response) == ["已退役的条目不能启用或停用，没有做任何修改。"]
    LiveSession.objects.create(
        teacher=make_user("pang", role="teacher"), article=article, item_ids=[items[1].pk]
    )
    response = bulk(teacher, article, "disabled", [items[0].pk, items[1].pk])
    [message] = said(teacher, response)
    assert "抢答结束后才能修改或停用它" in message
    assert statuses([items[0], items[1], retired]) == ["active", "active", "retired"]


@pytest.mark.django_db
def test_it_needs_the_csrf_token(owner, article, items):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    assert bulk(client, article, "disabled", [items[0].pk]).status_code == 403
    assert statuses(items[:1]) == ["active"]


@pytest.mark.django_db
def test_it_returns_only_to_a_page_of_this_site(teacher, article, items):
    response = bulk(teacher, article, "disabled", [items[0].pk], next="https://evil.example/")

    assert response.url == reverse("quizzes:item_list", args=[article.pk])

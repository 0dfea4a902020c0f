import pytest
from django.urls import reverse

from quizzes.itemstore import items_generate
from quizzes.models import ItemFlag, StudyItem
from tests.corpus.samples import make_document


@pytest.fixture
def owner(make_user):
    return make_user("shi", role="teacher")


@pytest.fixture
def items(owner):
    """A published text of the teacher `shi`: everyone reads it, only `shi` edits it."""
    document = make_document(user=owner, visibility="published")
    items_generate(document)
    return StudyItem.objects.of_document(document)


@pytest.fixture
def learner(client, make_user):
    client.force_login(make_user("xue", role="learner"))
    return client


@pytest.fixture
def teacher(client, owner):
    client.force_login(owner)
    return client


def a_cloze(items) -> StudyItem:
    return items.filter(kind=StudyItem.Kind.CLOZE).first()


@pytest.mark.django_db
def test_it_lists_an_articles_items_by_kind(learner, items):
    article = items.first().article
    response = learner.get(reverse("quizzes:item_list", args=[article.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for item in items.filter(status=StudyItem.Status.ACTIVE)[:5]:
        assert item.get_absolute_url() in page
    filtered = learner.get(reverse("quizzes:item_list", args=[article.pk]), {"kind": "keypoints"})
    assert all(item.kind == "keypoints" for item in filtered.context["items"])


@pytest.mark.django_db
def test_it_keeps_the_answer_out_of_the_page_until_it_is_asked_for(learner, items):
    item = a_cloze(items)
    page = learner.get(item.get_absolute_url()).content.decode()
    body = page.split("<main", 1)[1]
    for answer in item.answers:
        assert answer not in body
    assert "查看提示" in page

    revealed = learner.get(
        reverse("quizzes:item_answer", args=[item.pk]), headers={"HX-Request": "true"}
    )
    fragment = revealed.content.decode()
    assert fragment.lstrip().startswith('<div id="answer"')
    assert all(f"<mark>{answer}</mark>" in fragment for answer in item.answers)


@pytest.mark.django_db
def test_it_lets_a_learner_flag_an_item_once(learner, items):
    item = a_cloze(items)
    url = reverse("quizzes:item_flag", args=[item.pk])
    assert learner.post(url, {"reason": "bad_blank", "comment": "空挖得不对"}).status_code == 302
    assert learner.post(url, {"reason": "unclear"}).status_code == 302
    assert ItemFlag.objects.filter(item=item).count() == 1

    response = learner.post(url, {"reason": "not-a-reason"})
    assert response.status_code == 400
    assert "请选择一个原因" in response.content.decode()


@pytest.mark.django_db
def test_it_shows_open_flags_to_teachers_and_resolves_them(client, make_user, owner, items):
    """To the owner of the item's document, who alone can fix it."""
    item = a_cloze(items)
    flag = ItemFlag.objects.create(item=item, user=make_user("xue"), reason="wrong_answer")
    client.force_login(make_user("pang", role="teacher"))
    assert item.get_absolute_url() not in client.get(reverse("quizzes:flag_list")).content.decode()
    client.post(reverse("quizzes:flag_resolve", args=[flag.pk]))
    flag.refresh_from_db()
    assert flag.resolved_at is None
    client.force_login(owner)
    page = client.get(reverse("quizzes:flag_list")).content.decode()
    assert item.get_absolute_url() in page and "答案有误" in page

    client.post(reverse("quizzes:flag_resolve", args=[flag.pk]))
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert item.get_absolute_url() not in client.get(reverse("quizzes:flag_list")).content.decode()


@pytest.mark.django_db
def test_it_keeps_teacher_pages_from_learners(learner, items):
    item = a_cloze(items)
    for url in [
        reverse("quizzes:flag_list"),
        reverse("quizzes:article_export", args=[item.article_id, "json"]),
    ]:
        assert learner.get(url).status_code == 403
    # Editing is the document owner's: to anyone else those pages are not there.
    for url in [
        reverse("quizzes:item_edit", args=[item.pk]),
        reverse("quizzes:item_add", args=[item.article_id]),
    ]:
        assert learner.get(url).status_code == 404
    assert (
        learner.post(
            reverse("quizzes:item_status", args=[item.pk]), {"status": "disabled"}
        ).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.status == StudyItem.Status.ACTIVE


@pytest.mark.django_db
def test_it_lets_a_teacher_edit_an_item_and_marks_it_edited(teacher, items):
    item = a_cloze(items)
    prompt = item.prompt.replace("____", "（ ____ ）", 1)
    response = teacher.post(
        reverse("quizzes:item_edit", args=[item.pk]),
        {
            "kind": item.kind,
            "prompt": prompt,
            "source": item.source,
            "status": "active",
            "answers_text": "\n".join(item.answers),
            "options_text": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.prompt == prompt and item.origin == StudyItem.Origin.EDITED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "cloze", "prompt": "没有空格的题面", "answers_text": "答案"}, "空格数"),
        ({"kind": "cloze", "prompt": "推广____服务", "answers_text": ""}, "至少需要一个答案"),
        (
            {"kind": "choice", "prompt": "选一个", "answers_text": "甲", "options_text": "乙\n丙"},
            "每个答案都必须是选项之一",
        ),
        ({"kind": "cloze", "prompt": "推广图书____", "answers_text": "图书"}, "题面里不能出现答案"),
        ({"kind": "nonsense", "prompt": "x", "answers_text": "y"}, "kind"),
    ],
)
def test_it_refuses_an_invalid_item_with_a_message(teacher, items, data, message):
    article = items.first().article
    before = StudyItem.objects.count()
    response = teacher.post(
        reverse("quizzes:item_add", args=[article.pk]), {"status": "active", **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode() or message in response.context["form"].errors
    assert StudyItem.objects.count() == before


@pytest.mark.django_db
def test_it_lets_a_teacher_add_and_disable_an_item(teacher, items):
    article = items.first().article
    response = teacher.post(
        reverse("quizzes:item_add", args=[article.pk]),
        {
            "kind": "choice",
            "prompt": "流动图书车多久进村一次？",
            "status": "active",
            "answers_text": "每月",
            "options_text": "每周\n每月\n每季度\n每年",
        },
    )
    item = StudyItem.objects.get(origin=StudyItem.Origin.ADDED)
    assert response["Location"] == item.get_absolute_url()
    assert item.options == ["每周", "每月", "每季度", "每年"]

    teacher.post(reverse("quizzes:item_status", args=[item.pk]), {"status": "disabled"})
    item.refresh_from_db()
    assert item.status == StudyItem.Status.DISABLED


@pytest.mark.django_db
def test_it_hides_disabled_items_from_learners(learner, items):
    item = a_cloze(items)
    item.status = StudyItem.Status.DISABLED
    item.save()
    assert learner.get(item.get_absolute_url()).status_code == 404
    assert (
        item
        not in learner.get(reverse("quizzes:item_list", args=[item.article_id])).context["items"]
    )


@pytest.mark.django_db
def test_it_shows_generation_progress_while_it_runs(client):
    from quizzes.models import Generation

    document = make_document()
    Generation.objects.update_or_create(
        document=document, defaults={"state": "running", "done": 1, "total": 3}
    )
    page = client.get(reverse("quizzes:generation_status", args=[document.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="1"' in page and 'max="3"' in page

    Generation.objects.filter(document=document).update(state="done", done=3)
    page = client.get(reverse("quizzes:generation_status", args=[document.pk])).content.decode()
    assert "hx-trigger" not in page


@pytest.mark.django_db
def test_it_shows_each_blanks_size_except_for_a_list_blank(make_user):
    from corpus.models import Article

    article = Article.objects.get(document=make_document())
    cloze = StudyItem(article=article, kind="cloze", prompt="推广____图书服务", answers=["流动"])
    multi = StudyItem(
        article=article, kind="multi", prompt="包括____等", answers=["甲乙", "丙丁", "戊己"]
    )
    assert cloze.prompt_parts() == [("推广", None), ("____", 2), ("图书服务", None)]
    assert multi.prompt_parts() == [("包括", None), ("____", 0), ("等", None)]


@pytest.mark.django_db
def test_the_hint_masks_every_answer_with_the_same_width(learner, items):
    """The hint is the source with its answers masked; a mask per character would tell a
    two-character answer from a five-character one."""
    short = items.get(kind="cloze", answers=["流动"])
    long = items.get(kind="cloze", answers=["县级图书馆"])
    hints = []
    for item in (short, long):
        page = learner.get(item.get_absolute_url()).content.decode()
        hint = page.split('<details class="hint">', 1)[1].split("</details>", 1)[0]
        assert item.answers[0] not in hint
        hints.append(hint)
    masks = [
        hint.count("＿") / item.context_text.count(item.answers[0])
        for hint, item in zip(hints, (short, long), strict=True)
    ]
    assert masks[0] == masks[1]

"""Study items in a real browser: a learner filters an article's items, takes a hint,
reveals an answer and reports a problem; a teacher follows the report to the item,
edits it and resolves the report, disables, enables and adds items, and downloads
them. Every page and every htmx swap goes through the quality gate."""

import json
import re
import sqlite3
import zipfile
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.models import ItemFlag, StudyItem
from quizzes.models.items import HINT_MASK
from tests.browser.quality import check_page, click_through, visit
from tests.browser.site import site_menu
from tests.browser.texts import RIVER_PAGE, make_document

pytestmark = pytest.mark.django_db(transaction=True)  # the live server reads what the test writes

# What the pages say, in each interface language, where a test finds or reads it.
TEXT = {
    "zh-hans": {
        "items": "学习条目",
        "filter": "按题型筛选",
        "cloze": "填空",
        "hint": "查看提示",
        "show_answer": "显示答案",
    },
    "en": {
        "items": "Study items",
        "filter": "Filter by kind",
        "cloze": "Cloze",
        "hint": "Show a hint",
        "show_answer": "Show the answer",
    },
}

# The flag form's reasons and its button.
REASONS = ["答案有误", "挖空不当", "题面不清", "重复", "其他"]
SEND = "提交"

# A teacher's own single-choice item on the river article, written for these tests.
CHOICE_PROMPT = "文中说，不少地方把河道治理纳入了哪一项建设？"
CHOICE_OPTIONS = ["乡村建设", "城市建设", "交通建设"]
CHOICE_WRONG_ANSWER = "农村建设"  # not among the options
CHOICE_SOURCE = "近年来，不少地方把河道治理纳入乡村建设，水质明显好转。"


@pytest.fixture
def river(teacher) -> Article:
    """The river article, the teacher's published text, with the items its import generated."""
    document = make_document(RIVER_PAGE, "river.md", owner=teacher)
    assert StudyItem.objects.of_document(document).exists(), (
        "importing the page generated no study items"
    )
    return Article.objects.get(document=document)


@pytest.fixture
def learner(make_user):
    return make_user("xue", role="learner")


@pytest.fixture
def teacher(make_user):
    return make_user("shi", role="teacher")


@pytest.fixture(params=["zh-hans", "en"])
def language(request, context, site_url) -> str:
    """The interface language, chosen as the switch does: with the language cookie."""
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


def sign_in(page, user, url: str) -> None:
    """Sign in through the form on the way to `url`, as a visitor sent to sign in is."""
    visit(page, f"{reverse('login')}?{urlencode({'next': url})}")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(f"pw-{user.get_username()}-2024")  # make_user's password
    click_through(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(url)


def a_cloze(article: Article) -> StudyItem:
    """The article's first cloze whose answers are in its paragraph and not in its prompt."""
    clozes = article.items.active().filter(kind=StudyItem.Kind.CLOZE, paragraph__isnull=False)
    for item in clozes.select_related("paragraph").order_by("id"):
        if item.answers and all(
            answer in item.paragraph.text and answer not in item.prompt for answer in item.answers
        ):
            return item
    pytest.fail(f"the generator made no usable cloze of {article.title}", pytrace=False)


def masked(text: str, answers: list[str]) -> str:
    """The text as the hint shows it: each answer blanked out, all blanks of the same width."""
    for answer in sorted(answers, key=len, reverse=True):
        text = text.replace(answer, HINT_MASK)
    return text


def is_htmx_request(response) -> bool:
    return response.request.headers.get("hx-request") == "true"


def test_it_filters_an_articles_items_and_reveals_an_answer_in_its_source(
    page, river, learner, language
):
    text = TEXT[language]
    item = a_cloze(river)
    sign_in(page, learner, river.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", language)

    click_through(page, page.get_by_role("link", name=text["items"], exact=True))
    assert page.url.endswith(reverse("quizzes:item_list", args=[river.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["items"])

    clozes = river.items.active().filter(kind=StudyItem.Kind.CLOZE).count()
    cloze_filter = page.get_by_role("navigation", name=text["filter"]).get_by_role(
        "link",
        name=re.compile(f"^{text['cloze']} "),  # the kind, then how many there are
    )
    click_through(page, cloze_filter)
    assert page.url.endswith("?kind=cloze")
    expect(cloze_filter).to_have_attribute("aria-current", "page")
    expect(cloze_filter.locator(".count")).to_have_text(str(clozes))
    expect(page.locator(".item-list .item .meta")).to_have_text(
        [re.compile(f"^{text['cloze']}")] * clozes
    )

    click_through(page, page.locator(f"#item-{item.pk} .prompt a"))
    assert page.url.endswith(item.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(text["cloze"])
    # Nothing on the page gives the answer away before it is asked for.
    expect(page.locator(".answers, #answer mark, #answer .source")).to_have_count(0)
    for answer in item.answers:
        expect(page.locator(".question")).not_to_contain_text(answer)
        expect(page.locator("details.hint")).not_to_contain_text(answer)
        expect(page.locator("#answer")).not_to_contain_text(answer)

    hint = page.locator("details.hint")
    context = hint.locator("p:not(.first-hint)")
    expect(context).to_be_hidden()
    hint.get_by_text(text["hint"]).click()
    expect(context).to_have_text(masked(item.paragraph.text, item.answers))
    # Above it, the first character of each blank (首字提示), never a whole answer.
    firsts = "、".join(f"{answer[0]}…" for answer in item.answers)
    expect(hint.locator(".first-hint")).to_have_text(f"首字提示：{firsts}")

    with page.expect_response(is_htmx_request):
        page.get_by_role("link", name=text["show_answer"]).click()
    answer = page.locator("#answer")
    expect(answer.locator(".answers li")).to_have_text(item.answers)
    expect(answer.locator(".source")).to_have_text(item.paragraph.text)
    expect(answer.locator(".source mark").first).to_have_text(item.answers[0])
    assert set(answer.locator(".source mark").all_inner_texts()) == set(item.answers)
    assert page.url.endswith(item.get_absolute_url())  # swapped in, not a new page
    check_page(page)


@pytest.mark.parametrize("javascript", [False], indirect=True, ids=["no-javascript"])
def test_it_reveals_the_answer_without_javascript_too(page, river, learner):
    item = a_cloze(river)
    sign_in(page, learner, item.get_absolute_url())
    expect(page.locator("#answer mark")).to_have_count(0)

    click_through(
        page, page.get_by_role("link", name="显示答案")
    )  # a plain link to the answer page
    assert page.url.endswith(reverse("quizzes:item_answer", args=[item.pk]))
    expect(page.locator("#answer .answers li")).to_have_text(item.answers)
    assert set(page.locator("#answer .source mark").all_inner_texts()) == set(item.answers)
    expect(page.locator("details.hint")).to_have_count(0)  # no hint once the answer is out


def test_it_takes_a_learners_report_to_a_teacher_who_fixes_the_item(page, river, learner, teacher):
    item = a_cloze(river)
    sign_in(page, learner, item.get_absolute_url())
    expect(page.get_by_role("link", name="编辑条目")).to_have_count(0)  # teachers only
    expect(
        site_menu(page).get_by_role("navigation", name="主导航").get_by_role("link", name="反馈")
    ).to_have_count(0)
    report = page.locator("details.flag")
    report.get_by_text("报告问题").click()
    expect(report.locator("fieldset label")).to_have_text(
        REASONS
    )  # to choose from, none chosen in advance
    expect(report.get_by_role("radio", checked=True)).to_have_count(0)

    # With no reason chosen, the browser keeps the form (the radios are required) ...
    report.get_by_role("button", name=SEND).click()
    assert page.url.endswith(item.get_absolute_url())
    assert report.get_by_role("radio").first.evaluate("radio => radio.validity.valueMissing")
    # ... and the server refuses it too, for a browser that does not check forms.
    report.locator("form").evaluate("form => { form.noValidate = true; }")
    click_through(page, report.get_by_role("button", name=SEND), status=400)
    report = page.locator("details.flag")
    expect(report).to_have_attribute("open", "")
    expect(report.get_by_role("alert")).to_have_text("请选择一个原因。")
    assert not ItemFlag.objects.exists()

    report.get_by_label("答案有误").check()
    report.get_by_label("说明").fill("答案应该是两个字。")
    click_through(page, report.get_by_role("button", name=SEND))
    assert page.url.endswith(item.get_absolute_url())
    expect(page.get_by_role("status")).to_have_text("谢谢！问题已提交给老师。")
    flag = ItemFlag.objects.get()
    assert (flag.item, flag.user, flag.reason, flag.resolved_at) == (
        item,
        learner,
        "wrong_answer",
        None,
    )

    click_through(page, site_menu(page).get_by_role("button", name="退出"))
    sign_in(page, teacher, reverse("corpus:library"))
    click_through(
        page,
        site_menu(page).get_by_role("navigation", name="主导航").get_by_role("link", name="反馈"),
    )
    reported = page.locator(".item-list > li")
    expect(reported).to_have_count(1)
    expect(reported).to_contain_text("答案有误：答案应该是两个字。")
    expect(reported).to_contain_text(learner.get_username())

    click_through(page, reported.locator(".prompt a"))
    assert page.url.endswith(item.get_absolute_url())
    click_through(page, page.get_by_role("link", name="编辑条目"))
    new_prompt = "依原文填空：" + item.prompt
    page.get_by_label("题面").fill(new_prompt)
    click_through(page, page.get_by_role("button", name="保存"))
    assert page.url.endswith(item.get_absolute_url())
    expect(page.get_by_role("status")).to_have_text("条目已保存。")
    expect(page.locator(".question .prompt")).to_contain_text("依原文填空：")
    item.refresh_from_db()
    assert (item.prompt, item.origin, item.edited_by) == (
        new_prompt,
        StudyItem.Origin.EDITED,
        teacher,
    )

    click_through(page, site_menu(page).get_by_role("link", name="反馈"))
    expect(page.locator(".item-list > li .prompt")).to_contain_text(
        "依原文填空："
    )  # the report stays open
    click_through(page, page.get_by_role("button", name="标记为已处理"))
    assert page.url.endswith(reverse("quizzes:flag_list"))
    expect(page.get_by_role("status")).to_have_text("已标记为处理完毕。")
    expect(page.locator(".item-list")).to_have_text("没有待处理的反馈。")
    flag.refresh_from_db()
    assert flag.resolved_by == teacher and flag.resolved_at is not None


def test_it_lets_a_teacher_disable_and_enable_an_item_from_the_list(page, river, teacher):
    item = river.items.active().order_by("kind", "id").first()
    list_url = reverse("quizzes:item_list", args=[river.pk])
    sign_in(page, teacher, list_url)
    card = page.locator(f"#item-{item.pk}")

    click_through(page, card.get_by_role("button", name="停用"))
    expect(page).to_have_url(
        re.compile(re.escape(f"{list_url}#item-{item.pk}") + "$")
    )  # back at the item
    expect(page.get_by_role("status")).to_have_text("已停用。")
    expect(card.locator(".meta strong")).to_have_text("停用")
    item.refresh_from_db()
    assert item.status == StudyItem.Status.DISABLED

    click_through(page, card.get_by_role("button", name="启用"))
    expect(page.get_by_role("status")).to_have_text("已启用。")
    expect(card.locator(".meta strong")).to_have_count(0)
    expect(card.get_by_role("button", name="停用")).to_be_visible()
    item.refresh_from_db()
    assert item.status == StudyItem.Status.ACTIVE


def test_it_lets_a_teacher_add_a_choice_item_after_correcting_the_form(page, river, teacher):
    sign_in(page, teacher, reverse("quizzes:item_list", args=[river.pk]))
    click_through(page, page.get_by_role("link", name="添加条目"))
    expect(page.get_by_role("heading", level=1)).to_have_text("添加条目")

    page.get_by_label("题型").select_option(StudyItem.Kind.CHOICE)
    page.get_by_label("题面").fill(CHOICE_PROMPT)
    page.get_by_label("原句").fill(CHOICE_SOURCE)
    page.get_by_label("选项").fill("\n".join(CHOICE_OPTIONS))
    page.get_by_label("答案").fill(CHOICE_WRONG_ANSWER)
    click_through(page, page.get_by_role("button", name="保存"), status=400)
    expect(page.locator(".field-error")).to_have_text(["每个答案都必须是选项之一。"])
    answers = page.get_by_label("答案")
    expect(answers).to_have_attribute("aria-invalid", "true")
    expect(answers).to_have_accessible_description(re.compile("每个答案都必须是选项之一。"))
    expect(page.get_by_label("题面")).to_have_value(CHOICE_PROMPT)  # nothing typed is lost
    assert not river.items.filter(origin=StudyItem.Origin.ADDED).exists()

    page.get_by_label("答案").fill(CHOICE_OPTIONS[0])
    click_through(page, page.get_by_role("button", name="保存"))
    added = river.items.get(origin=StudyItem.Origin.ADDED)
    assert page.url.endswith(added.get_absolute_url())
    assert (added.kind, added.prompt, added.source) == (
        StudyItem.Kind.CHOICE,
        CHOICE_PROMPT,
        CHOICE_SOURCE,
    )
    assert (added.answers, added.options, added.edited_by) == (
        [CHOICE_OPTIONS[0]],
        CHOICE_OPTIONS,
        teacher,
    )
    expect(page.get_by_role("status")).to_have_text("条目已添加。")
    expect(page.get_by_role("heading", level=1)).to_have_text("单选")
    expect(page.locator(".question .prompt")).to_have_text(CHOICE_PROMPT)
    expect(page.locator(".question .options li")).to_have_text(CHOICE_OPTIONS)


@pytest.mark.parametrize("where", ["article", "document"])
def test_it_downloads_the_items_as_json_anki_text_and_an_anki_package(
    page, river, teacher, where, tmp_path
):
    owner = river if where == "article" else river.document
    sign_in(page, teacher, owner.get_absolute_url())
    active = StudyItem.objects.active().filter(article=river)
    downloads = page.get_by_role("group", name="下载学习条目")

    def download(name: str):
        with page.expect_download() as started:
            downloads.get_by_role("link", name=name).click()
        path = started.value.path()
        return started.value.suggested_filename, path

    filename, path = download("JSON")
    assert filename == f"xueer-{where}-{owner.pk}.json"
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in exported) == sorted(active.values_list("key", flat=True))

    filename, path = download("CSV（Anki 导入）")
    assert filename == f"xueer-{where}-{owner.pk}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab"
    assert len([line for line in lines if not line.startswith("#")]) == active.count()

    filename, path = download("Anki 牌组 (.apkg)")
    assert filename == f"xueer-{where}-{owner.pk}.apkg"
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        package.extract("collection.anki2", tmp_path)
    collection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert collection.execute("select count(*) from notes").fetchone()[0] == active.count()
    finally:
        collection.close()
    check_page(page)  # downloading left the page as it was


def test_it_keeps_the_downloads_from_learners(page, river, learner):
    sign_in(page, learner, river.get_absolute_url())
    expect(page.get_by_role("group", name="下载学习条目")).to_have_count(0)
    visit(page, river.document.get_absolute_url())
    expect(page.get_by_role("group", name="下载学习条目")).to_have_count(0)

    for fmt in ("json", "csv", "apkg"):
        visit(page, reverse("quizzes:article_export", args=[river.pk, fmt]), status=403)
        visit(page, reverse("quizzes:document_export", args=[river.document.pk, fmt]), status=403)

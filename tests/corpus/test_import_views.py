import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus.models import Document
from tests.corpus.samples import LIBRARY_PAGE, LIBRARY_TITLE, make_document

IMPORT = reverse("corpus:document_import")
CONFIRM = reverse("corpus:document_import_confirm")


@pytest.fixture
def signed_in(client, make_user):
    client.force_login(make_user())
    return client


@pytest.mark.django_db
def test_it_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(CONFIRM, {}).status_code == 302


@pytest.mark.django_db
def test_it_previews_a_pasted_text_then_saves_it_on_confirm(signed_in):
    response = signed_in.post(IMPORT, {"text": LIBRARY_PAGE.replace("\n", "\r\n")})
    assert response.status_code == 200
    page = response.content.decode()
    assert LIBRARY_TITLE in page
    assert "健全基层阅读服务网络" in page
    assert Document.objects.count() == 0  # a preview saves nothing

    confirm = response.context["confirm_form"]
    response = signed_in.post(CONFIRM, {name: confirm[name].value() for name in confirm.fields})
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.original_text == LIBRARY_PAGE  # CRLF from the textarea is not part of the text
    assert document.owner.username == "learner1"
    assert document.visibility == Document.Visibility.PRIVATE  # a learner's text is their own


@pytest.mark.django_db
def test_it_previews_an_uploaded_gb18030_file(signed_in):
    upload = SimpleUploadedFile(
        "page.txt", LIBRARY_PAGE.encode("gb18030"), content_type="text/plain"
    )
    response = signed_in.post(IMPORT, {"upload": upload})
    assert response.status_code == 200
    assert response.context["preview"].encoding == "gb18030"
    assert response.context["confirm_form"]["filename"].value() == "page.txt"


@pytest.mark.django_db
def test_it_renders_only_the_workspace_for_htmx(signed_in):
    response = signed_in.post(IMPORT, {"text": LIBRARY_PAGE}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="workspace">')
    assert "<html" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请上传文件或粘贴文本"),
        ({"text": "   "}, "请上传文件或粘贴文本"),
        ({"upload": SimpleUploadedFile("a.pdf", b"%PDF-1.5\x00\x01")}, "这个 PDF 已损坏"),
        ({"upload": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n\x00")}, "这不是文本文件"),
        ({"upload": SimpleUploadedFile("a.txt", "臺灣正體".encode("big5"))}, "无法识别文本编码"),
        ({"text": "just some English words"}, "没有找到文章"),
        ({"text": LIBRARY_PAGE, "upload": SimpleUploadedFile("a.txt", b"x")}, "请只选择一种方式"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(signed_in, data, message):
    response = signed_in.post(IMPORT, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_it_speaks_english_when_chosen(signed_in):
    signed_in.cookies["django_language"] = "en"
    response = signed_in.post(IMPORT, {"text": ""})
    assert "Upload a file or paste text" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"payload": "not base64!!", "encoding": "utf-8"},
        {"payload": base64.b64encode(b"\xff\xfe").decode(), "encoding": "utf-8"},
        {"payload": base64.b64encode(LIBRARY_PAGE.encode()).decode(), "encoding": "ebcdic"},
    ],
)
def test_it_refuses_a_tampered_confirmation(signed_in, data):
    response = signed_in.post(CONFIRM, data)
    assert response.status_code == 400
    assert "导入表单已损坏" in response.content.decode()
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_it_says_where_a_text_already_is(signed_in):
    document = make_document()
    response = signed_in.post(IMPORT, {"text": LIBRARY_PAGE})
    page = response.content.decode()
    assert "这份文本已经导入过" in page
    assert document.get_absolute_url() in page
    assert "保存到书库" not in page

    payload = base64.b64encode(LIBRARY_PAGE.encode()).decode()
    response = signed_in.post(CONFIRM, {"payload": payload, "encoding": "utf-8"}, follow=True)
    assert response.redirect_chain[-1][0] == document.get_absolute_url()
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_a_read_file_with_no_article_in_it_is_refused_with_that_reason(signed_in):
    from tests.corpus.documents import make_report_pdf

    pdf = make_report_pdf(["hello", "only some English words here, and no Chinese article."])
    response = signed_in.post(IMPORT, {"upload": SimpleUploadedFile("english.pdf", pdf)})
    assert response.status_code == 400
    assert "english.pdf 没有导入：没有找到文章" in response.content.decode()
    assert Document.objects.count() == 0


SPEECH = """同志们：

现在，我代表第五届委员会向大会作报告。

一、过去五年的工作

五年来，我们坚持稳中求进，各项事业取得新的进展。

二、今后五年的任务

坚持以人民为中心。要把群众的冷暖放在心上，办好每一件实事。
"""


@pytest.mark.django_db
def test_a_text_without_a_title_is_named_and_the_importer_can_rename_it(signed_in):
    response = signed_in.post(IMPORT, {"text": SPEECH})
    confirm = response.context["confirm_form"]
    assert confirm["title"].value() == "过去五年的工作"  # its first heading, as a suggestion
    data = {name: confirm[name].value() for name in confirm.fields}
    signed_in.post(CONFIRM, data | {"title": "  第五届委员会工作报告 "})
    document = Document.objects.get()
    assert document.title == "第五届委员会工作报告"
    assert [article.title for article in document.articles.all()] == ["第五届委员会工作报告"]


@pytest.mark.django_db
def test_a_blank_title_keeps_the_one_found_in_the_text(signed_in):
    response = signed_in.post(IMPORT, {"text": LIBRARY_PAGE})
    confirm = response.context["confirm_form"]
    signed_in.post(
        CONFIRM, {name: confirm[name].value() for name in confirm.fields} | {"title": ""}
    )
    assert Document.objects.get().title == confirm["title"].value() != ""

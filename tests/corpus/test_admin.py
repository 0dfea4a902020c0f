import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus.models import Article, Document
from tests.corpus.samples import LIBRARY_PAGE, LIBRARY_TITLE


@pytest.fixture
def admin_client_(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="pw-root-2024"))
    return client


@pytest.mark.django_db
def test_it_turns_the_admin_add_button_into_the_importer(admin_client_):
    response = admin_client_.get(reverse("admin:corpus_document_add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:corpus_document_import")
    assert admin_client_.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_it_imports_an_upload_through_the_admin(admin_client_):
    upload = SimpleUploadedFile("page.md", LIBRARY_PAGE.encode("utf-16"))
    response = admin_client_.post(reverse("admin:corpus_document_import"), {"upload": upload})
    document = Document.objects.get()
    assert response["Location"] == reverse("admin:corpus_document_change", args=[document.pk])
    assert document.encoding == "utf-16"
    assert Article.objects.get().title == LIBRARY_TITLE
    assert admin_client_.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_it_shows_the_reason_for_a_refused_file_in_the_admin(admin_client_):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7 \x00\x01\x02")
    response = admin_client_.post(reverse("admin:corpus_document_import"), {"upload": upload})
    assert response.status_code == 200
    assert "这个 PDF 已损坏" in response.content.decode()
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_it_keeps_the_admin_importer_from_non_staff(client, make_user):
    client.force_login(make_user())
    response = client.get(reverse("admin:corpus_document_import"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

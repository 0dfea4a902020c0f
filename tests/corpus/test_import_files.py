"""PDF and Word files through the import page: read by a background job (the immediate
task backend runs it at once in tests), then previewed; a file that cannot be read is
refused with its reason, in the user's language, and leaves no document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus.models import Document, ImportJob
from tests.corpus import documents

IMPORT = reverse("corpus:document_import")


@pytest.fixture
def signed_in(client, make_user):
    client.force_login(make_user())
    return client


def truncated_report() -> bytes:
    data = documents.make_report_pdf(documents.REPORT_LINES[:6])
    return data[: len(data) // 2]


def upload(client, name: str, data: bytes):
    return client.post(IMPORT, {"upload": SimpleUploadedFile(name, data)})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "chinese", "english"),
    [
        ("scan.pdf", documents.make_scan_pdf, "没有文字层", "no text layer"),
        ("locked.pdf", documents.make_encrypted_pdf, "已加密", "encrypted"),
        ("cut.pdf", truncated_report, "已损坏或不完整", "damaged"),
        ("cid.pdf", documents.make_unmapped_pdf, "没有文字编码", "no character mapping"),
        ("old.doc", lambda: documents.make_ole_file("WordDocument", "1Table"), ".doc", ".doc"),
        ("notes.wps", lambda: documents.make_ole_file("WpsCustomData"), ".wps", ".wps"),
        ("macro.docx", documents.make_docm, "含有宏", "macros"),
        ("bomb.docx", documents.make_zip_bomb, "解压后过大", "far too much data"),
    ],
)
def test_it_refuses_an_unreadable_file_with_its_reason_and_saves_nothing(
    signed_in, name, make, chinese, english
):
    data = make()
    response = upload(signed_in, name, data)
    assert response.status_code == 400
    assert chinese in response.content.decode()
    signed_in.cookies["django_language"] = "en"
    response = upload(signed_in, name, data)
    assert response.status_code == 400
    assert english in response.content.decode()
    assert Document.objects.count() == 0
    assert not ImportJob.objects.exclude(data=b"").exists()  # the file is not kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("report.pdf", documents.make_report_pdf),
        ("vertical.pdf", documents.make_vertical_pdf),
        ("protected.pdf", lambda: documents.make_report_pdf(copy_protected=True)),
        ("report.docx", documents.make_numbered_docx),
    ],
)
def test_it_previews_a_readable_file_and_saves_nothing_before_confirming(signed_in, name, make):
    response = upload(signed_in, name, make())
    page = response.content.decode()
    assert response.status_code == 200
    assert documents.REPORT_LINES[0] in page
    assert "着力壮大实体经济" in page  # a second-level heading of the report
    assert Document.objects.count() == 0

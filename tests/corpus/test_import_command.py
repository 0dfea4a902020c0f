import json

import pytest
from django.core.management import CommandError, call_command

from corpus.models import Article, Document
from tests.corpus.samples import LIBRARY_PAGE, LIBRARY_TITLE


@pytest.fixture
def page_file(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(LIBRARY_PAGE.encode("gb18030"))
    return path


@pytest.mark.django_db
def test_it_prints_the_outline_as_json_and_saves_nothing_on_dry_run(page_file, capsys):
    call_command("import_articles", str(page_file), "--dry-run", "--json")
    output = json.loads(capsys.readouterr().out)

    assert Document.objects.count() == 0
    [document] = output["documents"]
    assert document["file"] == str(page_file)
    assert document["encoding"] == "gb18030"
    [article] = document["articles"]
    assert article["title"] == LIBRARY_TITLE
    assert article["authors"] == ["林知远"]
    assert set(article) >= {"title", "authors", "column", "source", "note", "sections"}
    lead, *headed = article["sections"]
    assert lead["level"] == 0 and lead["heading"] is None
    assert [s["heading"] for s in headed] == ["完善服务网络", "提升服务质量"]
    assert headed[0]["points"] == ["健全基层阅读服务网络", "推广流动图书服务"]
    assert all(isinstance(p, str) for s in article["sections"] for p in s["paragraphs"])


@pytest.mark.django_db
def test_it_imports_files_once(page_file, capsys):
    call_command("import_articles", str(page_file))
    call_command("import_articles", str(page_file))
    output = capsys.readouterr().out
    assert "imported as document" in output
    assert "already imported" in output
    assert Document.objects.count() == 1
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_it_reports_each_bad_file_and_still_imports_the_good_ones(page_file, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    with pytest.raises(CommandError, match="2 of 3"):
        call_command("import_articles", str(empty), str(missing), str(page_file))
    errors = capsys.readouterr().err
    assert "empty.txt" in errors and "missing.txt" in errors
    assert Document.objects.count() == 1

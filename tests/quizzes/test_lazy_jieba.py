"""jieba (about 1 s and 100 MB to load) is loaded only where items are generated, never for other requests."""

import os
import subprocess
import sys

from tests.conftest import REPO
from tests.corpus.samples import LIBRARY_PAGE

SCRIPT = """
import sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
call_command("migrate", verbosity=0)
from corpus.importing import document_import, document_preview
from corpus.models import Article
from django.contrib.auth import get_user_model

document = document_import(preview=document_preview(text=sys.stdin.read()), filename="page.md").document
article = Article.objects.get(document=document)
client = Client()
client.force_login(get_user_model().objects.create_user("reader"))
for url in ["/", document.get_absolute_url(), article.get_absolute_url(), f"/articles/{article.pk}/items/",
            "/import/", f"/documents/{document.pk}/generation/"]:
    assert client.get(url).status_code == 200, url
assert client.post("/import/", {"text": "标题\\n\\n正文第一段。"}).status_code in (200, 400)
print("before generating:", "jieba" in sys.modules)
from quizzes.itemstore import items_generate
items_generate(document)
print("after generating:", "jieba" in sys.modules)
"""


def test_it_loads_jieba_only_when_generating(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # The database queue keeps the import from generating in the request, as in production.
    env |= {
        "DJANGO_SETTINGS_MODULE": "studyapp.settings",
        "XUEER_VAR_DIR": str(tmp_path),
        "TASKS_BACKEND": "database",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input=LIBRARY_PAGE,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "before generating: False" in result.stdout
    assert "after generating: True" in result.stdout

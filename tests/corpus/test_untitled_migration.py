"""Documents saved untitled before the importer named them get a name by migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from corpus.models import Article, Document

BEFORE = [("corpus", "0003_document_owner_visibility")]


@pytest.mark.django_db(transaction=True)
def test_untitled_documents_and_articles_are_named_by_migration():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldDocument, OldArticle = (
        old.get_model("corpus", "Document"),
        old.get_model("corpus", "Article"),
    )
    OldSection = old.get_model("corpus", "Section")
    OldParagraph = old.get_model("corpus", "Paragraph")
    pasted = OldDocument.objects.create(title="", original_text="同志们：", sha256="a" * 64)
    article = OldArticle.objects.create(document=pasted, position=1, title="")
    OldSection.objects.create(article=article, position=1, level=0, heading="")
    heading = OldSection.objects.create(article=article, position=2, level=1, heading="今后的任务")
    OldParagraph.objects.create(section=heading, position=1, text="坚持以人民为中心。")
    uploaded = OldDocument.objects.create(
        title="", filename="speech.txt", original_text="同志们：", sha256="b" * 64
    )
    OldArticle.objects.create(document=uploaded, position=1, title="")
    OldDocument.objects.create(title="有标题", original_text="有标题", sha256="c" * 64)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert dict(Document.objects.values_list("sha256", "title")) == {
        "a" * 64: "今后的任务",
        "b" * 64: "speech",
        "c" * 64: "有标题",
    }
    assert sorted(Article.objects.values_list("title", flat=True)) == ["speech", "今后的任务"]

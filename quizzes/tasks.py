from django.db import transaction
from django.tasks import task

from corpus.models import Document
from quizzes.models import Generation


@task
def generate_items(document_id: int) -> int:
    """Generate a document's study items; returns how many articles were done."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:  # deleted while queued
        return 0
    from quizzes.itemstore import items_generate

    return items_generate(document).done


def items_enqueue(document: Document) -> None:
    """Queue the generation once the import has committed, and show it as queued meanwhile."""
    Generation.objects.update_or_create(
        document=document,
        defaults={"state": Generation.State.QUEUED, "done": 0, "total": 0, "error": ""},
    )
    transaction.on_commit(lambda: generate_items.enqueue(document.pk))

from django.db import transaction
from django.tasks import task
from django.utils import timezone

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


@task
def live_reviews_record(answer_ids: list[int]) -> int:
    """Signed-in learners' answers in a live game, as reviews in their own schedules."""
    from quizzes.live import reviews_record

    return reviews_record(answer_ids)


def items_enqueue(document: Document) -> None:
    """Queue the generation once the import has committed, and show it as queued meanwhile."""
    Generation.objects.update_or_create(
        document=document,
        defaults={
            "state": Generation.State.QUEUED,
            "done": 0,
            "total": 0,
            "error": "",
            "updated_at": timezone.now(),
        },
    )
    transaction.on_commit(lambda: generate_items.enqueue(document.pk))


def items_restart_if_stalled(document: Document) -> bool:
    """Queue a stalled or failed generation again (a re-import, the owner's restart, or
    `import_articles --regenerate`); a generation that is moving is left to finish."""
    generation = Generation.objects.filter(document=document).first()
    if generation is None or not generation.is_stalled:
        return False
    items_enqueue(document)
    return True

"""The production path: imports queue generation in the database and `db_worker` runs it."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from quizzes.models import Generation, StudyItem
from tests.corpus.samples import make_document

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_it_queues_generation_for_the_worker_and_shows_progress_until_it_runs(client):
    with override_settings(TASKS=DATABASE_QUEUE):
        document = make_document()
        assert Generation.objects.get(document=document).state == Generation.State.QUEUED
        assert not StudyItem.objects.exists()
        page = client.get(document.get_absolute_url()).content.decode()
        assert "<progress" in page and 'hx-trigger="every 1s"' in page

        call_command("db_worker", "--batch", verbosity=0)

    assert Generation.objects.get(document=document).state == Generation.State.DONE
    assert StudyItem.objects.of_document(document).exists()
    assert "<progress" not in client.get(document.get_absolute_url()).content.decode()

"""30 threads write at once: none fails with "database is locked", nothing acknowledged is lost.

Runs on whichever database the suite uses (a file-based SQLite test database by
default, PostgreSQL when DATABASE_URL points there).
"""

import threading

import pytest
from django.db import connection, connections, transaction

from corpus.models import Document

THREADS = 30
WRITES_PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_it_keeps_every_write_of_thirty_concurrent_threads():
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    acknowledged: list[str] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        try:
            barrier.wait()
            for write in range(WRITES_PER_THREAD):
                key = f"{number:02d}-{write}"
                # Read, then write in one transaction: the pattern that fails with
                # "database is locked" under SQLite's default deferred transactions.
                with transaction.atomic():
                    Document.objects.filter(sha256__startswith=f"{number:02d}").count()
                    Document.objects.create(
                        title=key, original_text=key, encoding="utf-8", sha256=key.ljust(64, "0")
                    )
                with lock:
                    acknowledged.append(key)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(acknowledged) == THREADS * WRITES_PER_THREAD
    assert set(Document.objects.values_list("title", flat=True)) == set(acknowledged)
    assert connection.vendor in {"sqlite", "postgresql"}

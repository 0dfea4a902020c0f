"""Undo takes back one answer once: it names the review it takes back, so a double click, a
retry or ten requests at once take back that review and nothing before it.

The threaded test runs on whichever database the suite uses (SQLite by default, PostgreSQL when
DATABASE_URL points there), as tests/test_concurrent_writes.py does.
"""

import threading

import pytest
from django.db import connections
from django.urls import reverse

from quizzes.models import ReviewLog, StudyItem
from tests.clients import signed_in
from tests.quizzes.studying import answer

PARALLEL = 10


def undo(client, review):
    return client.post(reverse("quizzes:study_undo"), {"review": review.pk})


def answered(learner, article, count) -> list[ReviewLog]:
    for item in StudyItem.objects.filter(article=article, kind="keypoints")[:1]:
        for _ in range(count):
            answer(learner, item, rating=3)
    return list(ReviewLog.objects.filter(user=learner.user).order_by("reviewed_at", "pk"))


@pytest.mark.django_db
def test_it_takes_back_the_named_review_once(learner, article):
    first, second = answered(learner, article, 2)
    undo(learner, second)
    undo(learner, second)  # the same click again: nothing more
    assert list(ReviewLog.objects.filter(user=learner.user)) == [first]
    undo(learner, first)
    assert not ReviewLog.objects.filter(user=learner.user).exists()


@pytest.mark.django_db
def test_it_takes_back_only_the_latest_answer(learner, article):
    first, second = answered(learner, article, 2)
    response = undo(learner, first)  # a stale page: its answer is no longer the last
    assert ReviewLog.objects.filter(user=learner.user).count() == 2
    assert response.status_code == 302
    assert learner.post(reverse("quizzes:study_undo")).status_code == 302  # names none
    assert ReviewLog.objects.filter(user=learner.user).count() == 2


@pytest.mark.django_db
def test_no_one_else_takes_back_my_answer(learner, article, make_user):
    (review,) = answered(learner, article, 1)
    undo(signed_in(make_user("pangren")), review)
    assert ReviewLog.objects.filter(pk=review.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_undos_take_back_one_answer(learner, article):
    reviews = answered(learner, article, PARALLEL + 1)
    last = reviews[-1]
    clients = [signed_in(learner.user) for _ in range(PARALLEL)]
    barrier = threading.Barrier(PARALLEL)
    errors: list[BaseException] = []
    statuses: list[int] = []

    def press(client) -> None:
        try:
            barrier.wait()
            statuses.append(undo(client, last).status_code)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == [] and statuses == [302] * PARALLEL
    assert (
        list(ReviewLog.objects.filter(user=learner.user).order_by("reviewed_at", "pk"))
        == (reviews[:-1])
    )

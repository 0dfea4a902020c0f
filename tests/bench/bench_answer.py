"""Benchmark: the server time of one htmx answer request against a minimal view, in one process.

Run with `.venv/bin/python -m tests.bench.bench_answer`. It makes a throwaway test database
(SQLite under var/, or a test_ database beside DATABASE_URL's), imports the demo pages,
generates their items and gives a learner who chose every demo article two months of
review history. The same logged-in test client then posts answers (htmx, so each response
is the next card) and posts to a view that only returns "ok", alternately, through the same
middleware. Server time runs from request_started to request_finished, so the client's own
work is left out. Answering may cost at most three times the minimal request; the script exits
non-zero when it costs more. Named bench_* so pytest does not collect it.
"""

import logging
import os
import random
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import django
import jieba

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
django.setup()

# Django is set up before the project's models and the URL configuration below are imported.
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from corpus.importing import document_import, document_preview  # noqa: E402
from corpus.models import Article  # noqa: E402
from quizzes import scheduling  # noqa: E402
from quizzes.itemstore import items_generate  # noqa: E402
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem, StudySelection  # noqa: E402
from quizzes.roles import LEARNER, grant_role  # noqa: E402
from quizzes.study import new_token, next_card, review_undo  # noqa: E402

DEMO_DIR = Path(__file__).resolve().parents[2] / "corpus" / "demo"
MAX_RATIO = 3.0
ROUNDS = 5
ANSWERS_PER_ROUND = 20
HISTORY_DAYS = 60  # the learner started two months ago...
AWAY_DAYS = 2  # ...and was away the last two days, so some cards wait
NEW_SHARE = 0.15  # the items the learner has not met yet


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


MINIMAL_PAGE = '{% extends "base.html" %}{% block content %}<p>ok</p>{% endblock %}'


@login_required
def minimal_page(request: HttpRequest) -> HttpResponse:
    """The least a page of this app does: a signed-in view rendering the site's layout around one line."""
    return HttpResponse(engines["django"].from_string(MINIMAL_PAGE).render({}, request))


# This module is the URL configuration while the benchmark runs: the project's URLs and the minimal views.
urlpatterns = [
    path("bench/minimal/", minimal, name="bench_minimal"),
    path("bench/minimal-page/", minimal_page, name="bench_minimal_page"),
    path("", include("studyapp.urls")),
]


def make_learner():
    """A learner who chose every demo article and answered most of its items over HISTORY_DAYS."""
    for page in sorted(DEMO_DIR.glob("page-*.md")):
        result = document_import(
            preview=document_preview(data=page.read_bytes()), filename=page.name
        )
        items_generate(result.document)
    user = get_user_model().objects.create_user("bench-learner")
    grant_role(user, LEARNER)
    StudySelection.objects.bulk_create(
        StudySelection(user=user, article=article) for article in Article.objects.all()
    )
    # A daily limit the benchmark does not run into; the default new-item limit stays.
    LearnerSettings.objects.create(user=user, reviews_per_day=5000)
    rng, now = random.Random(2024), timezone.now()
    items = list(StudyItem.objects.active())
    met = rng.sample(items, round(len(items) * (1 - NEW_SHARE)))
    cards, logs = [], []
    for item in met:
        moment = now - timedelta(days=rng.uniform(AWAY_DAYS, HISTORY_DAYS))
        card, state, previous = (
            StudyCard(user=user, item=item, due=moment),
            scheduling.CardState.new(moment),
            [],
        )
        while state.due < now - timedelta(days=AWAY_DAYS):
            moment = max(state.due, moment)
            rating = scheduling.AGAIN if rng.random() < 0.1 else scheduling.GOOD
            state = scheduling.review(state, rating, moment, fuzz=False)
            card.reps += 1
            card.lapses += rating == scheduling.AGAIN and bool(previous)
            previous.append(
                ReviewLog(
                    card=card,
                    user=user,
                    item=card.item,
                    paragraph_id=card.item.paragraph_id,
                    rating=rating,
                    correct=rating != scheduling.AGAIN,
                    reviewed_at=moment,
                    study_day=scheduling.study_day(moment, "Asia/Shanghai"),
                    was_new=not previous,
                    token=new_token(),
                )
            )
        card.apply(state)
        cards.append(card)
        logs += previous
    StudyCard.objects.bulk_create(cards, batch_size=1000)
    ReviewLog.objects.bulk_create(logs, batch_size=1000)  # takes each card's new primary key
    return user


def answer_data(item: StudyItem, turn: int) -> dict:
    """What the learner sends: ratings in turn for flashcards; otherwise right answers, then answers
    one character off (the slow way through grading: readings are compared)."""
    data = {"token": new_token()}
    if item.is_flashcard:
        return data | {"rating": [3, 4, 2, 1][turn % 4]}
    if item.is_choice:
        return data | {"option": item.answers if turn % 2 == 0 else item.options[:1]}
    return data | {
        "answer": item.answers if turn % 2 == 0 else [answer[:-1] + "错" for answer in item.answers]
    }


class ServerClock:
    """Times each request from request_started to request_finished: the server's side only."""

    def __init__(self) -> None:
        self.started, self.times = 0.0, []
        request_started.connect(self.start)
        request_finished.connect(self.stop)

    def start(self, **kwargs) -> None:
        self.started = time.perf_counter()

    def stop(self, **kwargs) -> None:
        self.times.append(time.perf_counter() - self.started)

    def take(self) -> float:
        return self.times.pop()


def run_round(
    client: Client,
    user,
    answers: list[float],
    minimals: list[float],
    pages: list[float],
    clock: ServerClock,
) -> None:
    """ANSWERS_PER_ROUND answers to the card each response shows, each followed by a minimal request;
    then every answer is undone, so each round starts from the same cards."""
    headers = {"HX-Request": "true"}
    shown = re.compile(
        re.escape(reverse("quizzes:study_answer", args=[1]).removesuffix("1/")) + r"(\d+)/"
    )
    item = next_card(user, timezone.now()).item
    for turn in range(ANSWERS_PER_ROUND):
        if item is None:
            raise SystemExit(
                "bench_answer: the learner ran out of cards; give make_learner more history"
            )
        url = reverse("quizzes:study_answer", args=[item.pk])
        card = client.post(url, answer_data(item, turn), headers=headers)
        answers.append(clock.take())
        assert card.status_code == 200, card.status_code
        ok = client.post(
            reverse("bench_minimal"), {"token": new_token(), "rating": 3}, headers=headers
        )
        minimals.append(clock.take())
        assert ok.content == b"ok"
        page = client.get(reverse("bench_minimal_page"))
        pages.append(clock.take())
        assert page.status_code == 200 and b"<p>ok</p>" in page.content
        match = shown.search(card.content.decode())  # the next card's answer or reveal link
        item = StudyItem.objects.get(pk=match[1]) if match else None
    for _ in range(ANSWERS_PER_ROUND):
        review_undo(user)


def main() -> int:
    jieba.setLogLevel(logging.WARNING)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], ROOT_URLCONF=__name__):
            user = make_learner()
            items, reviews = StudyItem.objects.count(), ReviewLog.objects.filter(user=user).count()
            cards = StudyCard.objects.filter(user=user).count()
            due = StudyCard.objects.filter(user=user, due__lte=timezone.now()).count()
            client = Client()
            client.force_login(user)
            clock = ServerClock()
            run_round(
                client, user, [], [], [], clock
            )  # warm up all: templates, grading's lazy imports
            answers: list[float] = []
            minimals: list[float] = []
            pages: list[float] = []
            for _ in range(ROUNDS):
                run_round(client, user, answers, minimals, pages, clock)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    answer_ms, minimal_ms = statistics.median(answers) * 1000, statistics.median(minimals) * 1000
    page_ms = statistics.median(pages) * 1000
    ratio = answer_ms / page_ms
    print(
        f"database: {connection.vendor}; learner: {items} items, {cards} cards ({due} due), {reviews} reviews"
    )
    print(
        f"requests: {len(answers)} of each kind in {ROUNDS} rounds, after a warm-up round; server time"
    )
    print(
        f"answer (htmx, next card): median {answer_ms:7.2f} ms, best {min(answers) * 1000:7.2f} ms"
    )
    print(
        f"minimal view:             median {minimal_ms:7.2f} ms, best {min(minimals) * 1000:7.2f} ms"
    )
    print(
        f"minimal page (signed in, site layout): median {page_ms:7.2f} ms, best {min(pages) * 1000:7.2f} ms"
    )
    print(f"ratio answer/bare view: {answer_ms / minimal_ms:.2f} (reported)")
    print(f"ratio answer/minimal page: {ratio:.2f} (limit {MAX_RATIO})")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: both dashboards for a large class against a small one, in one process and run.

Run with `.venv/bin/python -m tests.bench.bench_dashboards` (SQLite), or with DATABASE_URL set to
a PostgreSQL server (a throwaway test_ database is made beside it and dropped). It builds a class
of 200 learners with 100,000 reviews and a class of 10 learners with 1,000 reviews on the demo
pages' items, with cards, assignments and attempts, then times the teacher's class dashboard and
a learner's own dashboard in each (median server time of several requests by a signed-in test
client). Aggregation in the database keeps each large/small ratio at most 5; the script exits
non-zero when one is over. Named bench_* so pytest does not collect it.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from corpus.importing import document_import, document_preview  # noqa: E402
from quizzes import scheduling  # noqa: E402
from quizzes.itemstore import items_generate  # noqa: E402
from quizzes.models import (  # noqa: E402
    Assignment,
    Classroom,
    Membership,
    PracticeTest,
    ReviewLog,
    StudyCard,
    StudyItem,
    StudySelection,
)
from quizzes.roles import TEACHER, grant_role  # noqa: E402
from quizzes.study import new_token  # noqa: E402
from tests.bench.bench_answer import DEMO_DIR  # noqa: E402

MAX_RATIO = 5.0
ROUNDS = 7
CLASSES = {"large": (200, 100_000), "small": (10, 1_000)}  # learners, reviews
HISTORY_DAYS = 60


def load_items() -> list[StudyItem]:
    for page in sorted(DEMO_DIR.glob("page-*.md")):
        items_generate(
            document_import(
                preview=document_preview(data=page.read_bytes()), filename=page.name
            ).document
        )
    return list(StudyItem.objects.active().select_related("article"))


def build_class(name: str, learners: int, reviews: int, items: list[StudyItem], rng: random.Random):
    """A teacher's class: its learners, an assignment per article, cards and `reviews` answers."""
    User, now = get_user_model(), timezone.now()
    teacher = User.objects.create(username=f"{name}-teacher", password="!")
    grant_role(teacher, TEACHER)
    classroom = Classroom.objects.create(name=name, teacher=teacher)
    users = User.objects.bulk_create(
        User(username=f"{name}-{n}", password="!") for n in range(learners)
    )
    Membership.objects.bulk_create(Membership(classroom=classroom, user=user) for user in users)
    articles = sorted({item.article_id for item in items})
    StudySelection.objects.bulk_create(
        StudySelection(user=u, article_id=a) for u in users for a in articles
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(
            classroom=classroom,
            article_id=article,
            kinds=["cloze"],
            due_at=now + timedelta(days=7),
            item_ids=[item.pk for item in items if item.article_id == article][:10],
        )
        for article in articles
    )
    per_learner = reviews // learners
    cards, logs = [], []
    for user in users:
        skill = rng.uniform(0.5, 0.95)
        met = rng.sample(items, min(len(items), max(per_learner // 4, 1)))
        for item in met:
            last = now - timedelta(days=rng.uniform(0, 20))
            stability = rng.uniform(0.5, 40)
            cards.append(
                StudyCard(
                    user=user,
                    item=item,
                    state=2,
                    stability=stability,
                    difficulty=5,
                    due=last + timedelta(days=stability),
                    last_review=last,
                    mastered_until=last + timedelta(days=int(stability) + 1),
                    reps=4,
                )
            )
        for n in range(per_learner):
            item = met[n % len(met)]
            moment = now - timedelta(days=rng.uniform(0, HISTORY_DAYS))
            right = rng.random() < skill
            logs.append(
                ReviewLog(
                    user=user,
                    item=item,
                    rating=scheduling.GOOD if right else scheduling.AGAIN,
                    reviewed_at=moment,
                    correct=None if item.kind in {"keypoints", "definition"} else right,
                    given=[] if right or not item.options else [item.options[0]],
                    study_day=scheduling.study_day(moment),
                    prior_state=rng.choice([0, 1, 2, 2, 2]),
                    overdue_days=rng.choice([0, 0, 0, 1, 3]),
                    duration_ms=rng.randint(3000, 30000),
                    token=new_token(),
                )
            )
        for assignment in assignments[:2]:
            PracticeTest.objects.create(
                user=user,
                article_id=assignment.article_id,
                assignment=assignment,
                started_at=now,
                finished_at=now,
                score=rng.randint(0, 10),
                total=10,
            )
    made = {
        (card.user_id, card.item_id): card
        for card in StudyCard.objects.bulk_create(cards, batch_size=2000)
    }
    for log in logs:
        log.card = made[log.user_id, log.item_id]
    ReviewLog.objects.bulk_create(logs, batch_size=2000)
    return classroom, teacher, users[0]


def server_time(client: Client, url: str) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> int:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    results = {}
    try:
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            rng, items = random.Random(2024), load_items()
            built = {name: build_class(name, *size, items, rng) for name, size in CLASSES.items()}
            for name, (classroom, teacher, learner) in built.items():
                teacher_client, learner_client = Client(), Client()
                teacher_client.force_login(teacher)
                learner_client.force_login(learner)
                dashboard = reverse("quizzes:class_dashboard", args=[classroom.pk])
                server_time(teacher_client, dashboard)  # warm up
                server_time(learner_client, reverse("quizzes:progress"))
                results[name] = {
                    "teacher": server_time(teacher_client, dashboard),
                    "learner": server_time(learner_client, reverse("quizzes:progress")),
                    "reviews": ReviewLog.objects.filter(
                        user__memberships__classroom=classroom
                    ).count(),
                    "mine": ReviewLog.objects.filter(user=learner).count(),
                }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"database: {connection.vendor}; {len(items)} items; median of {ROUNDS} requests after a warm-up"
    )
    failed = False
    for page in ("teacher", "learner"):
        large, small = results["large"][page], results["small"][page]
        ratio = large / small
        failed |= ratio > MAX_RATIO
        print(
            f"{page} dashboard: large {large * 1000:8.1f} ms, small {small * 1000:8.1f} ms, "
            f"ratio {ratio:.2f} (limit {MAX_RATIO})"
        )
    for name in CLASSES:
        print(
            f"  {name}: {results[name]['reviews']:,} class reviews, the learner's own {results[name]['mine']}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The demo class of `make run`: a teacher's class with a few weeks of answers, so the dashboards
and the item analysis show something on first start. Deterministic (a fixed random seed)."""

import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from corpus.models import Article
from quizzes import scheduling
from quizzes.classrooms import assignment_create, assignment_start
from quizzes.models import Classroom, Membership, StudyItem, StudySelection
from quizzes.practice import practice_test_submit
from quizzes.roles import LEARNER, grant_role
from quizzes.study import answer_record, new_token

DEMO_CLASS = "示范班"
CLASSMATES = ["zhangwei", "lina", "wangfang", "chenjie", "liuyang", "zhaolei"]
HISTORY_DAYS = 21
SEED = 2024


def demo_class_build(teacher, learner, *, now: datetime) -> Classroom | None:
    """The class, its members (the demo learner and six classmates who cannot sign in), an
    assignment on the first demo article, three weeks of reviews and everyone's attempt.
    Returns None when the class is already there."""
    if Classroom.objects.filter(teacher=teacher, name=DEMO_CLASS).exists():
        return None
    article = Article.objects.filter(items__isnull=False).order_by("document", "position").first()
    if article is None:
        return None
    rng = random.Random(SEED)
    with transaction.atomic():
        classroom = Classroom.objects.create(name=DEMO_CLASS, teacher=teacher)
        members = [learner] + [_classmate(name) for name in CLASSMATES]
        for member in members:
            Membership.objects.create(classroom=classroom, user=member)
            StudySelection.objects.get_or_create(user=member, article=article)
        assignment = assignment_create(
            classroom=classroom,
            article=article,
            section=None,
            kinds=[kind.value for kind in StudyItem.TESTABLE_KINDS],
            size=8,
            time_limit=None,
            due_at=now + timedelta(days=7),
            rng=rng,
        )
        items = list(StudyItem.objects.active().filter(article=article).order_by("pk"))
        for number, member in enumerate(members):
            skill = (
                0.55 + (0.06 * number) % 0.4
            )  # between 0.55 and 0.95: some learners stronger than others
            _history(member, items, skill, now, rng)
            _attempt(assignment, member, skill, now - timedelta(days=rng.randint(0, 3)), rng)
    return classroom


def _classmate(username: str):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    grant_role(user, LEARNER)
    return user


def _history(user, items: list[StudyItem], skill: float, now: datetime, rng: random.Random) -> None:
    """A few new items a day and the reviews that fall due, answered right with the learner's skill."""
    start = now - timedelta(days=HISTORY_DAYS)
    due: dict[int, datetime] = {}
    waiting = list(items)
    rng.shuffle(waiting)
    for day in range(HISTORY_DAYS):
        if rng.random() < 0.15:  # a day off
            continue
        moment = start + timedelta(days=day, hours=rng.randint(1, 12))
        todays = [item for item in items if item.pk in due and due[item.pk] <= moment]
        todays += [waiting.pop() for _ in range(min(4, len(waiting)))]
        for item in todays:
            moment += timedelta(seconds=rng.randint(8, 40))
            right = rng.random() < skill
            rating = (
                (scheduling.GOOD if rng.random() < 0.8 else scheduling.EASY)
                if right
                else scheduling.AGAIN
            )
            typed, chosen = _demo_answer(item, right)
            log = answer_record(
                user,
                item,
                rating=rating,
                verdict=None if item.is_flashcard else item.grade(typed, chosen),
                now=moment,
                token=new_token(),
                duration_ms=rng.randint(4000, 30000),
                given=chosen or typed,
            )
            due[item.pk] = log.card.due


def _attempt(assignment, user, skill: float, moment: datetime, rng: random.Random) -> None:
    test = assignment_start(assignment, user, now=moment, rng=rng)
    responses = {}
    for question in test.answers.select_related("item"):
        item, right = question.item, rng.random() < skill
        if item.options:
            wrong = [option for option in item.options if option not in item.answers]
            responses[question.position] = (
                [],
                list(item.answers) if right or not wrong else [rng.choice(wrong)],
            )
        else:
            responses[question.position] = (list(item.answers) if right else ["不会"], [])
    practice_test_submit(test, responses, now=moment + timedelta(minutes=6))


def _demo_answer(item: StudyItem, right: bool) -> tuple[list[str], list[str]]:
    """What a demo learner typed or chose: the answers, or a wrong option or a wrong guess."""
    if item.is_flashcard:
        return [], []
    if item.is_choice:
        wrong = [option for option in item.options or [] if option not in item.answers][:1]
        return [], list(item.answers) if right else wrong
    return (list(item.answers), []) if right else (["不记得"] * len(item.input_slots), [])

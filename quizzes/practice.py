"""Practice tests (测验): pick the questions, grade a handed-in test, retake it.

Every answer also counts as a review of the learner's card (right = Good, wrong = Again), so a
test moves the schedule as reviewing the same items one by one would.
"""

import random
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, Section
from quizzes.access import answers_withheld
from quizzes.asking import ASK_CHOICE, ASK_TYPED, asked, ways_for_kinds
from quizzes.models import PracticeAnswer, PracticeTest, StudyItem
from quizzes.study import answer_record, kept_answers

MAX_QUESTIONS = 50


class NoQuestions(Exception):
    message = _("这个范围里没有所选题型的题目，请换一个范围或多选几种题型。")


class NotHandedIn(Exception):
    """A retake of a test still open would show its answers before they count (read them on
    the retake's result page, then hand in the real attempt)."""

    message = _("交卷后才能重新测验。")


def section_scope(section: Section) -> list[int]:
    """The section and the deeper headings under it (up to the next heading of its level), as ids."""
    sections = list(
        Section.objects.filter(article=section.article_id, position__gte=section.position)
        .order_by("position")
        .values_list("pk", "level")
    )
    scope = [sections[0][0]]
    if section.level != Section.Level.LEAD:
        for pk, level in sections[1:]:
            if level <= section.level:
                break
            scope.append(pk)
    return scope


def questions_choose(
    *,
    article: Article,
    section: Section | None,
    kinds: list[str],
    size: int,
    rng: random.Random | None = None,
    leave_out: set[int] | frozenset[int] = frozenset(),
) -> list[int]:
    """The ids of `size` active items of the kinds from the article or section, one per paragraph
    first, none of those in `leave_out`."""
    items = StudyItem.objects.active().filter(article=article).filter(asked_in(kinds))
    if leave_out:
        items = items.exclude(pk__in=leave_out)
    if section is not None:
        items = items.filter(section__in=section_scope(section))
    candidates = list(items.values_list("pk", "paragraph"))
    if not candidates:
        raise NoQuestions
    return _spread(candidates, size, rng or random.Random())


def asked_in(kinds) -> Q:
    """The items a test on `kinds` asks: those of the kinds, and when single choices are asked
    for, the blank facts that can be asked as one (they have options)."""
    wanted = Q(kind__in=kinds)
    if StudyItem.Kind.CHOICE in kinds:
        wanted |= Q(kind__in=StudyItem.BLANK_KINDS, options__isnull=False)
    return wanted


def question_ways(item_ids: list[int], kinds) -> dict[int, str]:
    """How a test on `kinds` asks each item (StudyItem.Asked): typed when its kind was asked
    for, as a choice when only single choices were; when both, half of them each way, by item
    id, so an assignment asks every learner, and a retake, the same way."""
    items = StudyItem.objects.filter(pk__in=item_ids).only("kind", "answers", "options")
    ways = {}
    for item in items:
        possible = [
            way
            for way in ways_for_kinds(item.kind, kinds)
            if way != ASK_CHOICE or item.can_be_choice
        ]
        ways[item.pk] = possible[item.pk % len(possible)] if possible else ASK_TYPED
    return ways


def practice_test_create(
    *,
    user,
    article: Article,
    section: Section | None,
    kinds: list[str],
    size: int,
    time_limit: int | None,
    now: datetime,
    rng: random.Random | None = None,
) -> PracticeTest:
    """A learner's own test. It leaves out the questions of their open assignments and running
    games, whose answers its result page would show before they count."""
    chosen = questions_choose(
        article=article,
        section=section,
        kinds=kinds,
        size=size,
        rng=rng,
        leave_out=answers_withheld(user, article),
    )
    return practice_test_with(user, article, section, kinds, time_limit, now, chosen)


def practice_test_retake(
    test: PracticeTest, *, now: datetime, rng: random.Random | None = None
) -> PracticeTest:
    """The same questions again, in a new order; a retake of an assignment is practice, not a second attempt.

    Only a handed-in test is retaken (NotHandedIn otherwise).
    """
    if not test.is_finished:
        raise NotHandedIn
    withheld = answers_withheld(test.user, test.article_id)
    chosen = [
        item_id
        for item_id in test.answers.filter(item__status=StudyItem.Status.ACTIVE).values_list(
            "item", flat=True
        )
        if item_id not in withheld
    ]
    if not chosen:
        raise NoQuestions
    (rng or random.Random()).shuffle(chosen)
    original = test.retake_of or test
    return practice_test_with(
        test.user,
        test.article,
        test.section,
        test.kinds,
        test.time_limit,
        now,
        chosen,
        retake_of=original,
    )


def practice_test_submit(
    test: PracticeTest, responses: dict[int, tuple[list[str], list[str]]], *, now: datetime
) -> PracticeTest:
    """Grade a handed-in test: `responses` maps a question's position to its (typed, chosen) answers.

    A test hands in once; a second submission (double click, back button) changes nothing.
    After the time limit the answers are not counted: every question is marked wrong, and
    nothing is recorded as a review.
    """
    with transaction.atomic():
        test = PracticeTest.objects.select_for_update().get(pk=test.pk)
        if test.is_finished:
            return test
        late = not test.accepts_answers(now)
        questions = as_asked(test, test.answers.select_related("item"))
        for question in questions:
            typed, chosen = responses.get(question.position, ([], []))
            question.given = [] if late else kept_answers(chosen or typed)
            if late:
                question.correct = False
                continue
            verdict = question.item.grade(typed, chosen)
            question.correct = verdict.correct
            answer_record(
                test.user,
                question.item,
                verdict=verdict,
                now=now,
                token=f"test-{test.pk}-{question.item_id}",
                given=question.given,
            )
        PracticeAnswer.objects.bulk_update(questions, ["given", "correct"])
        test.score = sum(question.correct for question in questions)
        test.finished_at, test.late = now, late
        test.save(update_fields=["score", "finished_at", "late"])
    return test


def as_asked(test: PracticeTest, questions) -> list[PracticeAnswer]:
    """The test's questions with their items as the test asks them: an assignment's attempt
    gets the version kept when the assignment was set (Assignment.as_set), and each item is
    asked typed or as a choice as the question says (quizzes.asking)."""
    questions = list(questions)
    assignment = test.assignment if test.assignment_id is not None else None
    for question in questions:
        if assignment is not None:
            assignment.as_set(question.item)
        asked(question.item, question.asked_as)
    return questions


def scope_title(article: Article, section: Section | None, item_ids: list[int]) -> str | None:
    """The heading or title a test or a game is on, or None when naming it would answer one of
    its questions (a title or heading cloze, or an answer the heading contains)."""
    text = str(section) if section is not None else article.title
    questions = StudyItem.objects.filter(pk__in=item_ids).only("source", "answers")
    return None if any(item.answered_by(text) for item in questions) else text


def assignments_titled(assignments, handed_in: set[int]) -> list:
    """The assignments for a learner's page, each with `scope`: its article and heading, or
    None while naming them would answer one of its questions (until the learner hands in)."""
    assignments = list(assignments)
    for assignment in assignments:
        full = str(assignment.section) if assignment.section else assignment.article.title
        assignment.scope = (
            full
            if assignment.pk in handed_in
            else scope_title(assignment.article, assignment.section, assignment.item_ids)
        )
    return assignments


def _spread(candidates: list[tuple[int, int | None]], size: int, rng: random.Random) -> list[int]:
    """A random sample that takes one item per paragraph before a second from any, since items
    of one paragraph often give each other's answers away."""
    rng.shuffle(candidates)
    seen: set[int] = set()
    first, rest = [], []
    for pk, paragraph in candidates:
        (rest if paragraph is not None and paragraph in seen else first).append(pk)
        seen.add(paragraph)
    return (first + rest)[:size]


def practice_test_with(
    user, article, section, kinds, time_limit, now, item_ids, *, retake_of=None, assignment=None
) -> PracticeTest:
    with transaction.atomic():
        test = PracticeTest.objects.create(
            user=user,
            article=article,
            section=section,
            kinds=list(kinds),
            time_limit=time_limit or None,
            started_at=now,
            total=len(item_ids),
            retake_of=retake_of,
            assignment=assignment,
        )
        ways = question_ways(item_ids, kinds)
        PracticeAnswer.objects.bulk_create(
            PracticeAnswer(
                test=test, item_id=item_id, position=position, asked_as=ways.get(item_id, ASK_TYPED)
            )
            for position, item_id in enumerate(item_ids, start=1)
        )
    return test

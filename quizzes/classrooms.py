"""Classes and assignments: joining with a code, assigning a quiz, taking it, and its results."""

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, Section
from quizzes import limits
from quizzes.models import (
    Assignment,
    Classroom,
    Membership,
    PracticeAnswer,
    PracticeTest,
    Removal,
    StudyItem,
)
from quizzes.practice import practice_test_with, questions_choose
from quizzes.study import selections_prune


class JoinRefused(Exception):
    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


class TooManyCodes(JoinRefused):
    """Too many wrong codes from one account or address: it waits (HTTP 429)."""


def classroom_join(user, code: str, *, address: str, now: datetime) -> Classroom:
    """Add the learner to the class with this code (any case, spaces ignored); joining twice is fine.

    A wrong code counts against the account and its address (quizzes.limits); a learner the
    teacher removed is refused until the teacher lets them back.
    """
    if not limits.code_guess_allowed(user=user, address=address, now=now):
        raise TooManyCodes(_("加入码错误次数太多，请 10 分钟后再试。"))
    normalized = "".join(code.split()).upper()
    classroom = Classroom.objects.active().filter(join_code=normalized).first()
    if classroom is None:
        limits.code_guess_record(user=user, address=address, now=now)
        raise JoinRefused(_("没有这个加入码的班级，请核对后再试。"))
    if classroom.teacher_id == user.pk:
        raise JoinRefused(_("这是你自己教的班级。"))
    if classroom.removals.filter(user=user).exists():
        raise JoinRefused(_("老师已将你移出这个班级；请老师让你重新加入。"))
    try:
        with transaction.atomic():
            Membership.objects.create(classroom=classroom, user=user)
    except IntegrityError:
        pass  # already a member
    return classroom


def member_remove(classroom: Classroom, membership_id: int) -> bool:
    """Take the learner out of the class, and keep them out: the join code no longer admits them."""
    with transaction.atomic():
        membership = classroom.memberships.filter(pk=membership_id).first()
        if membership is None:
            return False
        Removal.objects.get_or_create(classroom=classroom, user_id=membership.user_id)
        membership.delete()
        selections_prune(user=membership.user)  # the texts shared with the class go too
    return True


def member_readmit(classroom: Classroom, user_id: int) -> bool:
    """Let a removed learner back: a member again, as before they were removed."""
    with transaction.atomic():
        if not classroom.removals.filter(user=user_id).delete()[0]:
            return False
        Membership.objects.get_or_create(classroom=classroom, user_id=user_id)
    return True


def assignment_create(
    *,
    classroom: Classroom,
    article: Article,
    section: Section | None,
    kinds: list[str],
    size: int,
    time_limit: int | None,
    due_at: datetime,
    rng: random.Random | None = None,
) -> Assignment:
    """The questions are chosen once, so every learner answers the same ones (in their own order)."""
    chosen = questions_choose(article=article, section=section, kinds=kinds, size=size, rng=rng)
    assignment = Assignment(
        classroom=classroom,
        article=article,
        section=section,
        kinds=list(kinds),
        item_ids=chosen,
        time_limit=time_limit or None,
        due_at=due_at,
    )
    assignment.keep_versions(StudyItem.objects.filter(pk__in=chosen))
    assignment.save()
    return assignment


def assignment_start(
    assignment: Assignment, user, *, now: datetime, rng: random.Random | None = None
) -> PracticeTest:
    """The learner's attempt: the one already started, or a new one. One attempt counts per learner."""
    attempt = assignment.attempts.filter(user=user).first()
    if attempt is not None:
        return attempt
    order = list(assignment.item_ids)
    (rng or random.Random()).shuffle(order)
    try:
        return practice_test_with(
            user,
            assignment.article,
            assignment.section,
            assignment.kinds,
            assignment.time_limit,
            now,
            order,
            assignment=assignment,
        )
    except IntegrityError:  # a double click started it a moment ago
        return assignment.attempts.get(user=user)


@dataclass
class LearnerResult:
    user: object
    attempt: PracticeTest | None

    @property
    def late(self) -> bool:
        attempt = self.attempt
        return bool(
            attempt and attempt.finished_at and attempt.finished_at > attempt.assignment.due_at
        )


@dataclass
class QuestionResult:
    """One question of an assignment: how many handed-in attempts answered it, how many right."""

    item: object  # the StudyItem, or None if it was deleted since
    answered: int
    right: int
    share: int | None  # percent right, None before anyone answered


def assignment_results(
    assignment: Assignment,
) -> tuple[list[LearnerResult], list[QuestionResult]]:
    """Each member with their attempt, and each question with how many answered it and how many
    right, the hardest first."""
    attempts = {test.user_id: test for test in assignment.attempts.select_related("assignment")}
    members = Membership.objects.filter(classroom=assignment.classroom_id).select_related("user")
    learners = [LearnerResult(member.user, attempts.get(member.user_id)) for member in members]
    finished = PracticeAnswer.objects.filter(
        test__assignment=assignment, test__finished_at__isnull=False
    )
    counts = {
        row["item"]: row
        for row in finished.values("item").annotate(
            answered=Count("pk"), right=Count("pk", filter=Q(correct=True))
        )
    }
    items = {
        item.pk: assignment.as_set(item)
        for item in assignment.article.items.filter(pk__in=assignment.item_ids)
    }
    questions = []
    for item_id in assignment.item_ids:
        row = counts.get(item_id, {"answered": 0, "right": 0})
        share = round(100 * row["right"] / row["answered"]) if row["answered"] else None
        questions.append(QuestionResult(items.get(item_id), row["answered"], row["right"], share))
    # The hardest first (fewest right), then those nobody has answered yet, in the set order.
    questions.sort(key=lambda question: (question.share is None, question.share or 0))
    return learners, questions


def assignment_table(assignment: Assignment) -> tuple[list[str], list[list]]:
    """Each member's status, score and hand-in time, for the teacher's download."""
    learners, _questions = assignment_results(assignment)
    header = [_("学员"), _("状态"), _("得分"), _("题数"), _("百分比"), _("交卷时间")]
    rows = []
    for row in learners:
        attempt, name = row.attempt, row.user.get_username()
        if attempt is None or not attempt.is_finished:
            rows.append([name, _("未完成"), "", len(assignment.item_ids), "", ""])
            continue
        finished = timezone.localtime(attempt.finished_at).strftime("%Y-%m-%d %H:%M")
        status = _("逾期完成") if row.late else _("已完成")
        rows.append([name, status, attempt.score, attempt.total, attempt.percent, finished])
    return [str(cell) for cell in header], rows

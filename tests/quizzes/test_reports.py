"""The teacher's class dashboard: numbers against hand-computed data, query counts, isolation."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes import reports, scheduling
from quizzes.models import (
    Assignment,
    Classroom,
    Membership,
    PracticeTest,
    ReviewLog,
    StudyCard,
    StudyItem,
)
from quizzes.study import new_token
from tests.clients import signed_in

CLASS_DASHBOARD_QUERIES = 17
LEARNER_DASHBOARD_QUERIES = 18
# Four learners, four items: right (1) or wrong (0). A is the upper 27% (one learner), D the lower.
PATTERN = {"a": [1, 1, 1, 0], "b": [1, 1, 0, 0], "c": [1, 0, 0, 1], "d": [0, 0, 0, 1]}


def graded(user, item, correct: bool, *, given=(), days_ago=1):
    card, _ = StudyCard.objects.get_or_create(
        user=user, item=item, defaults={"due": timezone.now()}
    )
    moment = timezone.now() - timedelta(days=days_ago)
    ReviewLog.objects.create(
        card=card,
        user=user,
        item=item,
        rating=3 if correct else 1,
        correct=correct,
        reviewed_at=moment,
        study_day=scheduling.study_day(moment),
        given=list(given),
        prior_state=scheduling.REVIEW_STATE,
        token=new_token(),
    )


@pytest.fixture
def school(make_user, article):
    teacher = make_user("laoshi", role="teacher")
    classroom = Classroom.objects.create(name="一班", teacher=teacher)
    # A blank fact with options, answered as a single choice (there are no choice twins).
    choice = StudyItem.objects.filter(article=article, kind="cloze", options__isnull=False).first()
    others = list(StudyItem.objects.filter(article=article, kind="cloze").exclude(pk=choice.pk)[:3])
    items = [choice, *others]
    Assignment.objects.create(
        classroom=classroom,
        article=article,
        kinds=["choice"],
        item_ids=[i.pk for i in items],
        due_at=timezone.now() + timedelta(days=1),
    )
    learners = {}
    for name, marks in PATTERN.items():
        user = make_user(name)
        Membership.objects.create(classroom=classroom, user=user)
        for item, mark in zip(items, marks, strict=True):
            wrong_option = (
                next(o for o in item.options if o not in item.answers) if item.options else "错"
            )
            graded(user, item, bool(mark), given=[] if mark else [wrong_option])
        learners[name] = user
    return {"teacher": teacher, "classroom": classroom, "items": items, "learners": learners}


def period():
    today = timezone.localdate()
    return reports.DateRange(today - timedelta(days=29), today)


@pytest.mark.django_db
def test_item_analysis_facility_and_discrimination(school, article):
    members = reports.members_of(school["classroom"])
    learners = reports.learner_rows(
        school["classroom"], members, [article], period(), timezone.now()
    )
    rows = reports.add_wrong_options(
        reports.item_analysis(learners, [article], period()), members, period()
    )
    by_item = {row.item: row for row in rows}
    expected = [(75, 1.0), (50, 1.0), (25, 1.0), (50, -1.0)]  # by hand from PATTERN
    for item, (facility, discrimination) in zip(school["items"], expected, strict=True):
        assert (by_item[item].facility, by_item[item].discrimination) == (
            facility,
            discrimination,
        )
    assert [row.facility for row in rows] == sorted(
        row.facility for row in rows
    )  # most missed first
    choice = school["items"][0]
    wrong = next(o for o in choice.options if o not in choice.answers)
    assert by_item[choice].wrong_options == [(wrong, 1)]


@pytest.mark.django_db
def test_it_counts_as_wrong_options_only_the_items_own_wrong_options(school, article):
    choice = school["items"][0]
    wrong = next(o for o in choice.options if o not in choice.answers)
    a, b = school["learners"]["a"], school["learners"]["b"]
    # The fact asked typed: what is typed is no option, even a wrong one typed twice.
    graded(a, choice, False, given=["随手写的"], days_ago=2)
    graded(b, choice, False, given=["随手写的"], days_ago=2)
    # A right option chosen beside a wrong one is no wrong option either.
    graded(b, choice, False, given=[choice.answers[0], wrong], days_ago=3)
    members = reports.members_of(school["classroom"])
    learners = reports.learner_rows(
        school["classroom"], members, [article], period(), timezone.now()
    )

    rows = reports.add_wrong_options(
        reports.item_analysis(learners, [article], period()), members, period()
    )

    by_item = {row.item: row for row in rows}
    assert by_item[choice].wrong_options == [(wrong, 2)]


@pytest.mark.django_db
def test_learner_rows_count_retention_scores_and_mastery(school, article):
    a = school["learners"]["a"]
    PracticeTest.objects.create(
        user=a,
        article=article,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        score=3,
        total=4,
        assignment=Assignment.objects.get(),
    )
    StudyCard.objects.filter(user=a, item=school["items"][1]).update(
        mastered_until=timezone.now() + timedelta(days=3)
    )
    members = reports.members_of(school["classroom"])
    rows = {
        row.user.username: row
        for row in reports.learner_rows(
            school["classroom"], members, [article], period(), timezone.now()
        )
    }
    total = StudyItem.objects.active().filter(article=article).count()
    assert rows["a"].retention == 75 and rows["d"].retention == 25
    assert rows["a"].week == 4 and rows["a"].score == 75 and rows["b"].score is None
    assert rows["a"].mastery == round(100 / total) and rows["b"].mastery == 0


@pytest.mark.django_db
def test_section_mastery_per_learner(school, article):
    item = school["items"][1]
    StudyCard.objects.filter(user=school["learners"]["c"], item=item).update(
        mastered_until=timezone.now() + timedelta(days=1)
    )
    sections, rows = reports.section_mastery(
        reports.members_of(school["classroom"]), [article], timezone.now()
    )
    column = sections.index(item.section)
    in_section = StudyItem.objects.active().filter(section=item.section).count()
    cells = {row.user.username: row.cells[column] for row in rows}
    assert cells["c"] == round(100 / in_section) and cells["a"] == 0


@pytest.mark.django_db
def test_the_dashboard_and_its_csv(school):
    client = signed_in(school["teacher"])
    url = reverse("quizzes:class_dashboard", args=[school["classroom"].pk])
    page = client.get(url, {"sort": "-retention"})
    assert page.status_code == 200
    assert [row.user.username for row in page.context["learners"]][0] == "a"
    for table in ("learners", "items", "sections"):
        response = client.get(url, {"download": table})
        assert response["Content-Type"].startswith("text/csv") and response.content.startswith(
            "\ufeff".encode()
        )
    bad = client.get(url, {"start": "2026-13-40", "end": "x", "sort": "nonsense"})
    assert bad.status_code == 200  # a malformed range falls back to the last 30 days
    reversed_range = client.get(url, {"start": "2026-05-02", "end": "2026-05-01"})
    assert "开始日期不能晚于结束日期" in reversed_range.content.decode()


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_with_more_learners_and_reviews(school, make_user):
    client = signed_in(school["teacher"])
    url = reverse("quizzes:class_dashboard", args=[school["classroom"].pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    assert small == CLASS_DASHBOARD_QUERIES
    for n in range(20):
        user = make_user(f"more{n}")
        Membership.objects.create(classroom=school["classroom"], user=user)
        for item in school["items"]:
            for days_ago in (1, 2, 3):
                graded(user, item, (n + days_ago) % 3 > 0, given=["x"], days_ago=days_ago)
    assert count() == small


@pytest.mark.django_db
def test_the_learner_dashboard_costs_the_same_queries_with_more_reviews(school, article):
    a = school["learners"]["a"]
    from quizzes.models import StudySelection

    StudySelection.objects.create(user=a, article=article)
    client = signed_in(a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("quizzes:progress")).status_code == 200
        return len(captured)

    count()  # the first visit also creates the learner's settings
    small = count()
    assert small == LEARNER_DASHBOARD_QUERIES
    for item in StudyItem.objects.filter(article=article)[:20]:
        for days_ago in range(2, 40, 3):
            graded(a, item, days_ago % 2 == 0, days_ago=days_ago)
    assert count() == small


@pytest.mark.django_db
def test_dashboards_refuse_other_classes_and_learners(school, make_user):
    classroom, a = school["classroom"], school["learners"]["a"]
    other_teacher = signed_in(make_user("bieren", role="teacher"))
    dashboard = reverse("quizzes:class_dashboard", args=[classroom.pk])
    drill = reverse("quizzes:class_learner", args=[classroom.pk, a.pk])
    assert other_teacher.get(dashboard).status_code == 404
    assert other_teacher.get(drill).status_code == 404
    assert other_teacher.get(dashboard, {"download": "learners"}).status_code == 404
    assert signed_in(a).get(dashboard).status_code == 403
    assert signed_in(a).get(drill).status_code == 403
    outsider = make_user("wai")
    own = signed_in(school["teacher"])
    assert (
        own.get(reverse("quizzes:class_learner", args=[classroom.pk, outsider.pk])).status_code
        == 404
    )
    assert own.get(drill).status_code == 200
    assert Client().get(reverse("quizzes:progress")).status_code == 302  # sign in first

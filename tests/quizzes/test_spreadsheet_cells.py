"""Downloads opened in Excel or WPS: a cell of user text that starts like a formula (= + - @, a
tab or a carriage return) is written as text, with a leading apostrophe; numbers stay numbers."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import exporting
from quizzes.downloads import csv_response
from quizzes.models import Assignment, Classroom, LiveSession, Membership, StudyItem

PAYLOAD = "=cmd|' /C calc'!A0"


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))


def test_it_writes_formula_like_text_as_text_and_numbers_as_numbers():
    cells = [PAYLOAD, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "小明", 5, -3, 2.5, "-3", "80%"]
    [header, row] = rows_of(csv_response("x.csv", ["@a", "b"], [cells]))
    assert header == ["'@a", "b"]
    assert row == [
        "'" + PAYLOAD,
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "小明",
        "5",
        "-3",
        "2.5",
        "-3",
        "80%",
    ]


@pytest.mark.django_db
def test_a_nickname_in_the_live_results_is_not_a_formula(teacher, article):
    items = StudyItem.objects.filter(article=article, kind="choice").values_list("pk", flat=True)
    live = LiveSession.objects.create(teacher=teacher.user, article=article, item_ids=list(items))
    Client().post(reverse("live_join"), {"pin": live.pin, "nickname": PAYLOAD})
    table = rows_of(teacher.get(reverse("quizzes:live_results_csv", args=[live.pk])))
    assert table[1][:2] == ["1", "'" + PAYLOAD]


@pytest.mark.django_db
def test_a_username_in_the_assignment_results_is_not_a_formula(teacher, article, make_user):
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    Membership.objects.create(classroom=classroom, user=make_user("@evil"))
    assignment = Assignment.objects.create(
        classroom=classroom,
        article=article,
        item_ids=[],
        due_at=timezone.now() + timedelta(days=1),
    )
    table = rows_of(teacher.get(reverse("quizzes:assignment_csv", args=[assignment.pk])))
    assert table[1][0] == "'@evil"


@pytest.mark.django_db
def test_the_anki_text_file_starts_no_field_like_a_formula(article):
    StudyItem.objects.create(
        article=article,
        key="formula",
        kind="definition",
        prompt=PAYLOAD,
        answers=["-1+1", "-5"],
        source="@来源",
    )
    text = exporting.items_to_csv(StudyItem.objects.filter(key="formula"))
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    [row] = list(csv.reader(io.StringIO(body), delimiter="\t"))
    front, _options, back, source = row[4:8]
    # An HTML character reference: Anki shows the same text, a spreadsheet sees no formula.
    assert front == "&#61;cmd|' /C calc'!A0"
    assert back == "&#45;1+1<br>-5" and source == "&#64;来源"

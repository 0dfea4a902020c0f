"""Malformed values to every URL of the project: no request answers 5xx.

The test walks the URL resolver, so a new URL is covered without being listed here. Each path
parameter gets the id of an object the test made (and, once, the largest id a database holds,
which names nothing); each query and form field the view's forms declare gets the bad values
one at a time: `²` (a digit to str.isdigit(), not to int()), -1, 10**30, 5,000 digits, 100,000
characters, the field missing, and the field repeated. Every combination is sent as GET and POST
(some also as an htmx request), by an anonymous visitor, a learner and a teacher.

Django's admin is left out: it is Django's own, and none of the three users is staff, so every
admin page only redirects to its login.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django import forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from corpus.models import Article, ImportJob, Section
from quizzes.classrooms import assignment_create, assignment_start
from quizzes.itemstore import items_generate
from quizzes.models import (
    Classroom,
    ItemFlag,
    LiveSession,
    Membership,
    StudyItem,
    StudySelection,
)
from quizzes.practice import practice_test_create
from quizzes.study import answer_record
from studyapp.converters import MAX_ID
from tests.clients import signed_in
from tests.corpus.samples import LIBRARY_PAGE, make_document

SKIPPED_NAMESPACES = {"admin"}
BAD_VALUES = {
    "superscript": "²",
    "negative": "-1",
    "huge": str(10**30),
    "5000 digits": "9" * 5000,
}
LONG_TEXT = "字" * 100_000
LONG_QUERY = "x" * 100_000
# 100,000 characters are 300 kB a field, and Django refuses a body over 2.5 MB with a 400
# before any form sees it: the long text goes to a few fields per request.
LONG_FIELDS_PER_REQUEST = 6
# Fields no form class names: the practice test's answers (one pair per question), a
# redirect's target, and the language switch's.
EXTRA_FIELDS = {"q1-answer", "q1-option", "q2-answer", "q2-option", "next", "language"}
# An htmx request takes another branch of many views (a partial); the values that reach its
# forms are the same, so it is sent with a few of them.
HTMX_TOO = {"missing", "superscript", "repeated"}
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass
class Route:
    name: str
    route: str
    view: object

    def urls(self, ids: dict[str, str]) -> Iterator[tuple[str, bool]]:
        """The route with every parameter filled: the objects' ids, then (for ids) ones that name
        nothing. The flag says whether the ids are real."""
        names = [match["name"] for match in _PARAMETER.finditer(self.route)]
        missing = [name for name in names if name not in ids]
        assert not missing, f"{self.name}: add an object for {missing} to the test"
        yield "/" + _PARAMETER.sub(lambda m: ids[m["name"]], self.route), True
        if any(match["converter"] == "id" for match in _PARAMETER.finditer(self.route)):
            filled = _PARAMETER.sub(
                lambda m: str(MAX_ID) if m["converter"] == "id" else ids[m["name"]], self.route
            )
            yield "/" + filled, False


def routes(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> list:
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            found += routes(entry, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            assert not route.startswith("^"), f"{route}: a regex route; teach the test to fill it"
            name = ":".join(filter(None, [namespace, entry.name or route]))
            found.append(Route(name, prefix + route, entry.callback))
    return found


def field_names(view) -> set[str]:
    """The fields of the forms a view reads: its class's form, or those its module imports."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        candidates = [getattr(view_class, "form_class", None)]
    else:
        module = __import__(view.__module__, fromlist=["_"])
        candidates = list(vars(module).values())
    names = set(EXTRA_FIELDS)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, forms.BaseForm):
            names.update(candidate.base_fields)
    return names


def payloads(names: set[str], method: str) -> Iterator[tuple[str, dict]]:
    yield "missing", {}
    for label, value in BAD_VALUES.items():
        yield label, dict.fromkeys(names, value)
    yield "repeated", {name: ["1", "²"] for name in names}
    if method == "GET":
        # A query string carries no Chinese cheaply (nine bytes a character, percent-encoded).
        yield "100,000 characters", dict.fromkeys(names, LONG_QUERY)
        return
    ordered = sorted(names)
    for start in range(0, len(ordered), LONG_FIELDS_PER_REQUEST):
        chunk = ordered[start : start + LONG_FIELDS_PER_REQUEST]
        yield "100,000 characters", dict.fromkeys(chunk, LONG_TEXT)


@pytest.fixture
def world(make_user):
    """A teacher's document, class, assignment and live game; a learner in them all."""
    teacher, learner = make_user("laoshi", role="teacher"), make_user("xue")
    document = make_document(user=teacher)
    items_generate(document)
    article = Article.objects.get(document=document)
    section = Section.objects.filter(article=article).exclude(heading="").first()
    StudySelection.objects.create(user=learner, article=article)
    classroom = Classroom.objects.create(name="一班", teacher=teacher)
    Membership.objects.create(classroom=classroom, user=learner)
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        article=article,
        section=None,
        kinds=["cloze", "choice"],
        size=3,
        time_limit=None,
        due_at=now + timedelta(days=3),
    )
    assignment_start(assignment, learner, now=now)
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    review = answer_record(learner, item, rating=3, now=now, token="robust")
    flag = ItemFlag.objects.create(item=item, user=learner, reason="other")
    live = LiveSession.objects.create(
        teacher=teacher,
        article=article,
        item_ids=list(
            StudyItem.objects.filter(article=article, kind="choice").values_list("pk", flat=True)
        ),
    )
    job = ImportJob.objects.create(
        user=teacher, filename="library.pdf", state="ready", format="pdf", text=LIBRARY_PAGE
    )
    clients = {"anonymous": Client(), "learner": signed_in(learner), "teacher": signed_in(teacher)}
    for nickname, client in (("手机", clients["anonymous"]), ("xue", clients["learner"])):
        client.post("/join", {"pin": live.pin, "nickname": nickname})
    tests = {
        role: practice_test_create(
            user=user,
            article=article,
            section=None,
            kinds=["cloze"],
            size=2,
            time_limit=None,
            now=now,
        )
        for role, user in (("learner", learner), ("teacher", teacher))
    }
    ids = {
        "article_id": article.pk,
        "document_id": document.pk,
        "item_id": item.pk,
        "section_id": section.pk,
        "class_id": classroom.pk,
        "user_id": learner.pk,
        "assignment_id": assignment.pk,
        "live_id": live.pk,
        "review_id": review.pk,
        "flag_id": flag.pk,
        "job_id": job.pk,
        "fmt": "csv",
    }
    flashcard = StudyItem.objects.filter(article=article, kind="keypoints").first()
    # A flashcard's back shows only for a flashcard: the reveal gets one.
    per_route = {"quizzes:study_reveal": {"item_id": str(flashcard.pk)}}
    users = {"learner": learner, "teacher": teacher}
    return clients, {key: str(value) for key, value in ids.items()}, per_route, tests, users


def send(client: Client, method: str, url: str, data: dict, htmx: bool) -> str | None:
    """What went wrong, if the request answered 5xx (or raised, which is a 500 in production)."""
    headers = {"HX-Request": "true"} if htmx else {}
    try:
        if method == "GET":
            response = client.get(url, data, headers=headers)
        else:
            response = client.post(url, data, headers=headers)
    except Exception as error:  # noqa: BLE001 - reported with the request that raised it
        return f"{type(error).__name__}: {str(error)[:200]}"
    return str(response.status_code) if response.status_code >= 500 else None


def requests(route: Route, ids: dict[str, str]) -> Iterator[tuple[str, str, str, dict, bool]]:
    """(method, url, what is malformed, data, as htmx) for every request the route gets."""
    names = field_names(route.view)
    for url, real in route.urls(ids):
        for method in ("GET", "POST"):
            for label, data in payloads(names, method) if real else [("missing", {})]:
                for htmx in (False, True) if label in HTMX_TOO else (False,):
                    yield method, url, label, data, htmx


@pytest.mark.django_db
def test_no_malformed_value_makes_any_url_answer_5xx(world):
    clients, ids, per_route, tests, users = world
    found = routes()
    assert len(found) > 50  # the walk found the project's URLs
    failures = []
    for route in found:
        for role, client in clients.items():
            own = ids | {"test_id": str(tests.get(role, tests["learner"]).pk)}
            own |= per_route.get(route.name, {})
            for method, url, label, data, htmx in requests(route, own):
                if route.name == "logout" and role in users:
                    client = signed_in(users[role])  # signing out ends the session
                problem = send(client, method, url, data, htmx)
                if problem:
                    kind = f"{method}{' htmx' if htmx else ''}"
                    failures.append(f"{kind} {url} as {role}, {label}: {problem}")
    assert not failures, "\n".join(failures)

"""The phones' taps answered beside Django's middleware (quizzes.live_taps), under the real ASGI
application: what it answers itself, what it hands to the views, and the answers it stores
together (quizzes.live.answers_submit)."""

import http.client
import re
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from quizzes.live import (
    LiveRefused,
    Tap,
    answers_submit,
    game_now,
    player_remove,
    reviews_record,
)
from quizzes.live_taps import TICKET_HEADER, ticket_for, ticket_player
from quizzes.models import LiveAnswer, LivePlayer, LiveSession, ReviewLog
from tests.clients import signed_in
from tests.live_asgi import asgi_server
from tests.quizzes.test_generation_queue import DATABASE_QUEUE
from tests.quizzes.test_live import control, current_item, join, right_fields

pytestmark = pytest.mark.django_db(transaction=True)

HX_HEADERS = re.compile(r"hx-headers='([^']*)'")


@pytest.fixture
def asgi_port():
    from studyapp.asgi import application

    with asgi_server(application) as port:
        yield port


def request(port, method, path, *, ticket=None, fields=None, cookies="", htmx=True, host=None):
    """One request as the phone's htmx sends it; no session cookie unless `cookies` says so."""
    headers = {"Host": host or f"127.0.0.1:{port}"}
    if htmx:
        headers["HX-Request"] = "true"
    if ticket is not None:
        headers[TICKET_HEADER] = ticket
    if cookies:
        headers["Cookie"] = cookies
        token = re.search(r"csrftoken=([^;]+)", cookies)
        if token:  # as base.html's hx-headers sends it
            headers["X-CSRFToken"] = token[1]
    body = None
    if fields is not None:
        body = urlencode(fields, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body, headers)
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    return response, text


def cookie_header(client) -> str:
    """The phone's cookies: its session and, from a page with a form, the CSRF cookie."""
    client.get(reverse("live_join"))
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def question_open(teacher, live, nickname):
    """The game's first question open, with `nickname` and one more player who has not
    answered: the nickname's phone (a test client), its player and the question's item."""
    phone, _ = join(live, nickname)
    join(live, "另一位")
    control(teacher, live, "start")
    return phone, LivePlayer.objects.get(nickname=nickname), current_item(live)


def tap(port, live, player, item, **kwargs):
    """The player's right answer to the first question, as its phone's htmx sends it."""
    fields = {"index": 0, **right_fields(item)}
    return request(
        port, "POST", answer_url(live), ticket=ticket_for(player), fields=fields, **kwargs
    )


def answer_url(live):
    return reverse("quizzes:live_play_answer", args=[live.pk])


def play_url(live):
    return reverse("quizzes:live_play", args=[live.pk])


def test_the_phone_page_gives_htmx_the_players_ticket(teacher, live):
    a, _ = join(live, "小明")
    page = a.get(play_url(live)).content.decode()
    player = LivePlayer.objects.get()
    headers = [value for value in HX_HEADERS.findall(page) if TICKET_HEADER in value]
    assert len(headers) == 1
    ticket = re.search(rf'"{TICKET_HEADER}": "([^"]+)"', headers[0].replace("&quot;", '"'))[1]
    assert ticket_player(ticket, live.pk) == player.pk


def test_a_ticket_names_one_player_of_one_game_and_cannot_be_forged(teacher, live):
    join(live, "小明")
    player = LivePlayer.objects.get()
    ticket = ticket_for(player)
    assert ticket_player(ticket, live.pk) == player.pk
    assert ticket_player(ticket, live.pk + 1) is None  # another game's
    assert ticket_player(ticket[:-1] + ("A" if ticket[-1] != "A" else "B"), live.pk) is None
    assert ticket_player("", live.pk) is None
    assert ticket_player("garbage:with:colons", live.pk) is None


def test_an_answer_with_the_ticket_is_stored_without_the_session(asgi_port, teacher, live):
    _phone, player, item = question_open(teacher, live, "小明")
    response, text = tap(asgi_port, live, player, item)
    # No session cookie: Django's view would have sent the phone to /join; the ticket sufficed.
    assert response.status == 200 and "已提交" in text and "<html" not in text
    assert "小明 · 0 分" in text  # the points come with the results
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    stored = LiveAnswer.objects.get()
    assert stored.player == player and stored.correct and stored.points > 0
    assert LivePlayer.objects.get(pk=player.pk).score == stored.points


SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Strict-Transport-Security",
)


@pytest.mark.parametrize(
    "changed",
    [
        {},
        {
            "SECURE_REFERRER_POLICY": ["no-referrer", "strict-origin"],
            "X_FRAME_OPTIONS": "SAMEORIGIN",
            "SECURE_CROSS_ORIGIN_OPENER_POLICY": None,
            "SECURE_CONTENT_TYPE_NOSNIFF": False,
        },
    ],
)
def test_the_fast_path_sends_the_security_headers_the_views_send(
    asgi_port, teacher, live, settings, changed
):
    for name, value in changed.items():
        setattr(settings, name, value)
    phone, player, item = question_open(teacher, live, "小明")
    fast, _text = tap(asgi_port, live, player, item)
    # Answered on the fast path: the view, with no session here, would have sent it to /join.
    assert fast.status == 200 and LiveAnswer.objects.exists()
    if not changed:  # the views' middleware read the settings when it was built: these
        view, _text = request(asgi_port, "GET", reverse("live_join"), htmx=False)
        assert view.status == 200
        for name in SECURITY_HEADERS:
            assert fast.getheader(name) == view.getheader(name), name
        assert fast.getheader("X-Frame-Options") == "DENY"
    else:
        assert fast.getheader("Referrer-Policy") == "no-referrer,strict-origin"
        assert fast.getheader("Cross-Origin-Opener-Policy") is None
        assert fast.getheader("X-Frame-Options") == "SAMEORIGIN"
        assert fast.getheader("X-Content-Type-Options") is None


def test_what_the_fast_path_does_not_answer_goes_to_the_views(asgi_port, teacher, live):
    a, player, item = question_open(teacher, live, "小明")
    other_game = ticket_for(LivePlayer(pk=player.pk, session_id=live.pk + 1))
    fields = {"index": 0, **right_fields(item)}
    # A ticket of another game, none at all, a foreign Host, no htmx: the view, which (without
    # the session) sends the phone to join, and nothing is stored.
    for ticket, host, htmx in [
        (other_game, None, True),
        (None, None, True),
        (ticket_for(player), "evil.example", True),
        (ticket_for(player), None, False),
    ]:
        response, _text = request(
            asgi_port, "POST", answer_url(live), ticket=ticket, fields=fields, host=host, htmx=htmx
        )
        assert response.status in {302, 400, 403}, (ticket, host, htmx)  # CSRF: 403
    assert not LiveAnswer.objects.exists()
    # Malformed forms go to the view too, which says the question is over, in the phone's part.
    for bad in [{"index": "x"}, {"index": 0, "option": ["a"] * 5000}]:
        response, text = request(
            asgi_port,
            "POST",
            answer_url(live),
            ticket=ticket_for(player),
            fields=bad,
            cookies=cookie_header(a),
        )
        assert response.status in {200, 400, 403, 413}
        assert "Traceback" not in text
    assert not LiveAnswer.objects.exists()


def test_a_refused_answer_is_told_by_the_view_in_the_phones_language(asgi_port, teacher, live):
    a, player, item = question_open(teacher, live, "小明")
    first, _ = tap(asgi_port, live, player, item)
    assert first.status == 200
    response, text = tap(asgi_port, live, player, item, cookies=cookie_header(a))
    assert response.status == 200 and "每道题只能回答一次" in text
    assert LiveAnswer.objects.count() == 1
    a.cookies["django_language"] = "en"
    _response, text = tap(asgi_port, live, player, item, cookies=cookie_header(a))
    assert "Each question can be answered once." in text


def test_an_answer_in_english_is_acknowledged_in_english(asgi_port, teacher, live):
    _phone, player, item = question_open(teacher, live, "Ming")
    response, text = tap(asgi_port, live, player, item, cookies="django_language=en")
    assert response.status == 200 and "Answer sent. Waiting for the others." in text


def test_the_phones_result_is_served_with_the_ticket_once_the_question_closes(
    asgi_port, teacher, live
):
    a, player, item = question_open(teacher, live, "小明")
    ticket = ticket_for(player)
    # While the question is open the phone's part is the question's form: the view renders it.
    response, _text = request(asgi_port, "GET", play_url(live), ticket=ticket)
    assert response.status == 302  # no session: the view sends the phone to join
    request(
        asgi_port,
        "POST",
        answer_url(live),
        ticket=ticket,
        fields={"index": 0, **right_fields(item)},
    )
    control(teacher, live, "results")
    response, text = request(asgi_port, "GET", play_url(live), ticket=ticket)
    assert response.status == 200 and "<html" not in text
    points = LiveAnswer.objects.get().points
    assert f"答对了！+{points} 分" in text and "第 1 名" in text
    # A removed player's part is the view's ("removed"), as is everything for a bad ticket.
    player_remove(LiveSession.objects.get(pk=live.pk), player.pk)
    response, _text = request(asgi_port, "GET", play_url(live), ticket=ticket)
    assert response.status == 302
    response, text = request(
        asgi_port, "GET", play_url(live), ticket=ticket, cookies=cookie_header(a)
    )
    assert "移出" in text


def test_answers_that_arrive_together_are_stored_together_each_as_it_came(teacher, live):
    for nickname in ["甲", "乙", "丙", "丁"]:
        join(live, nickname)
    first, second, third, fourth = LivePlayer.objects.order_by("joined_at")
    player_remove(live, fourth.pk)
    control(teacher, live, "start")
    item = current_item(live)
    live.refresh_from_db()
    now = live.opened_at
    right = right_fields(item)
    typed, chosen = right.get("answer", []), right.get("option", [])
    taps = [
        Tap(first.pk, 0, typed, chosen, now),
        Tap(second.pk, 0, ["不对"], ["不对"] if chosen else [], now),
        Tap(first.pk, 0, typed, chosen, now),  # a second tap of the same player
        Tap(fourth.pk, 0, typed, chosen, now),  # removed
        Tap(third.pk, 1, typed, chosen, now),  # a question not open
        Tap(999_999, 0, typed, chosen, now),  # no such player
    ]
    outcomes = answers_submit(live.pk, taps)
    assert [type(outcome) for outcome in outcomes] == [
        LiveAnswer,
        LiveAnswer,
        LiveRefused,
        LiveRefused,
        LiveRefused,
        LiveRefused,
    ]
    assert "只能回答一次" in str(outcomes[2].message)
    assert "移出" in str(outcomes[3].message)
    assert "结束" in str(outcomes[4].message)
    assert outcomes[0].correct and not outcomes[1].correct
    assert {(a.player_id, a.points) for a in LiveAnswer.objects.all()} == {
        (first.pk, 1000),
        (second.pk, 0),
    }
    scores = dict(LivePlayer.objects.values_list("nickname", "score"))
    assert scores == {"甲": 1000, "乙": 0, "丙": 0, "丁": 0}
    # The third player has not answered: the question stays open; their answer closes it.
    assert LiveSession.objects.get(pk=live.pk).state == LiveSession.State.QUESTION
    (last,) = answers_submit(live.pk, [Tap(third.pk, 0, typed, chosen, timezone.now())])
    assert isinstance(last, LiveAnswer)
    assert LiveSession.objects.get(pk=live.pk).state == LiveSession.State.RESULTS


def test_a_batch_keeps_its_other_answers_when_one_was_stored_before(teacher, live):
    """A player's answer stored by an earlier batch: that one tap is refused, not the batch."""
    join(live, "甲")
    join(live, "乙")
    join(live, "丙")
    first, second, _third = LivePlayer.objects.order_by("joined_at")
    control(teacher, live, "start")
    item = current_item(live)
    live.refresh_from_db()
    right = right_fields(item)
    typed, chosen = right.get("answer", []), right.get("option", [])
    answers_submit(live.pk, [Tap(first.pk, 0, typed, chosen, live.opened_at)])
    outcomes = answers_submit(
        live.pk,
        [
            Tap(first.pk, 0, typed, chosen, live.opened_at),
            Tap(second.pk, 0, typed, chosen, live.opened_at),
        ],
    )
    assert isinstance(outcomes[0], LiveRefused) and isinstance(outcomes[1], LiveAnswer)
    assert LiveAnswer.objects.count() == 2
    assert LivePlayer.objects.get(pk=first.pk).score == 1000


def test_a_batch_records_a_signed_in_players_answer_as_a_review_in_their_schedule(
    teacher, live, make_user
):
    learner = make_user("xue")
    join(live, "ignored", client=signed_in(learner))
    join(live, "乙")
    mine, theirs = LivePlayer.objects.order_by("joined_at")
    assert mine.user == learner and theirs.user is None
    control(teacher, live, "start")
    item = current_item(live)
    live.refresh_from_db()
    right = right_fields(item)
    typed, chosen = right.get("answer", []), right.get("option", [])
    before = ReviewLog.objects.filter(user=learner).count()
    outcomes = answers_submit(
        live.pk,
        [Tap(mine.pk, 0, typed, chosen, live.opened_at), Tap(theirs.pk, 0, [], [], live.opened_at)],
    )
    assert [type(outcome) for outcome in outcomes] == [LiveAnswer, LiveAnswer]
    assert outcomes[0].player.user == learner
    assert ReviewLog.objects.filter(user=learner).count() == before + 1
    assert ReviewLog.objects.count() == before + 1  # the anonymous player has no schedule
    assert LiveSession.objects.get(pk=live.pk).state == LiveSession.State.RESULTS  # both answered


def test_signed_in_answers_are_queued_as_reviews_with_the_answers_and_recorded_once(
    teacher, live, make_user
):
    """In production the reviews wait for the worker, not the phone: queued in the answers'
    own transaction, recorded by `db_worker`, once however often it runs."""
    learner = make_user("xue")
    join(live, "ignored", client=signed_in(learner))
    join(live, "乙")
    mine = LivePlayer.objects.get(user=learner)
    control(teacher, live, "start")
    item = current_item(live)
    live.refresh_from_db()
    right = right_fields(item)
    typed, chosen = right.get("answer", []), right.get("option", [])
    with override_settings(TASKS=DATABASE_QUEUE):
        (stored,) = answers_submit(live.pk, [Tap(mine.pk, 0, typed, chosen, live.opened_at)])
        assert isinstance(stored, LiveAnswer) and stored.correct
        assert not ReviewLog.objects.filter(user=learner).exists()  # not yet: queued
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    (review,) = ReviewLog.objects.filter(user=learner)
    assert review.item_id == item.pk and review.correct is True
    assert review.reviewed_at == stored.answered_at and review.token == f"live-{live.pk}-0"
    assert reviews_record([stored.pk]) == 1 and ReviewLog.objects.filter(user=learner).count() == 1


def test_the_game_is_found_when_it_moves_on_between_its_two_reads(live):
    """game_now reads the version, then the game at that version: a join committed in between
    (PostgreSQL sees it) must not make the game vanish, or a batch of answers is refused."""
    bumped = []

    def join_in_between(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("SELECT version, created_at") and not bumped:
            bumped.append(True)
            LiveSession.objects.filter(pk=live.pk).update(version=F("version") + 1)
        return result

    with connection.execute_wrapper(join_in_between):
        game = game_now(live.pk)
    assert bumped and game is not None and game.pk == live.pk
    assert game.version == LiveSession.objects.get(pk=live.pk).version


def test_the_result_fetch_follows_the_game_as_it_moves_on(asgi_port, teacher, live):
    """The game is kept per version: once the next question opens, a fetch is the view's again."""
    join(live, "小明")
    control(teacher, live, "start")
    control(teacher, live, "results")
    ticket = ticket_for(LivePlayer.objects.get())
    response, text = request(asgi_port, "GET", play_url(live), ticket=ticket)
    assert response.status == 200 and "这道题你没有作答" in text
    control(teacher, live, "next")
    response, _text = request(asgi_port, "GET", play_url(live), ticket=ticket)
    assert response.status == 302  # the question's form, which the view renders (no session here)
    control(teacher, live, "results")
    response, text = request(asgi_port, "GET", play_url(live), ticket=ticket)
    assert response.status == 200 and "这道题你没有作答" in text


def test_a_poll_for_an_unchanged_game_is_answered_204_with_the_ticket(asgi_port, teacher, live):
    join(live, "小明")
    live.refresh_from_db()
    ticket = ticket_for(LivePlayer.objects.get())
    state = reverse("quizzes:live_play_state", args=[live.pk])
    response, text = request(asgi_port, "GET", f"{state}?v={live.version}", ticket=ticket)
    assert response.status == 204 and text == ""  # no session cookie: the ticket sufficed
    control(teacher, live, "start")
    # The game moved on: the phone's part as it is now, the question's form, as the view renders it.
    response, text = request(asgi_port, "GET", f"{state}?v={live.version}", ticket=ticket)
    assert response.status == 200 and 'data-state="question"' in text and "<html" not in text
    item = current_item(live)
    assert 'name="index" value="0"' in text and (not item.is_choice or item.options[0] in text)
    live.refresh_from_db()
    response, _text = request(asgi_port, "GET", f"{state}?v={live.version}", ticket=ticket)
    assert response.status == 204
    for odd in ["?v=x", "?v=-1", ""]:  # what the view makes of it: the current state
        response, text = request(asgi_port, "GET", f"{state}{odd}", ticket=ticket)
        assert response.status == 200 and 'data-state="question"' in text


def test_the_fast_path_sends_hsts_over_https_only_as_the_security_middleware_does(settings):
    from quizzes.live_taps import _security_headers

    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert (b"strict-transport-security", b"max-age=3600; includeSubDomains") in (
        _security_headers(secure=True)
    )
    assert b"strict-transport-security" not in dict(_security_headers(secure=False))

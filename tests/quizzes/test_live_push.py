"""The live quiz pushed over server-sent events, through the real ASGI server (uvicorn, in a
thread of the test process, on the test database): a subscribed phone receives the question as
it opens, the projector hears the counts, no event reaches another game, strangers get no stream.
Also the timing of points, from when the server opened the question."""

import http.client
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import live_push
from quizzes.live import NETWORK_ALLOWANCE, answer_submit
from quizzes.models import LivePlayer, LiveSession
from tests.clients import signed_in
from tests.live_asgi import asgi_server
from tests.quizzes.test_live import control, current_item, join, right_fields

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def asgi_port():
    from studyapp.asgi import application

    with asgi_server(application) as port:
        yield port


class Stream:
    """One browser's event stream, read event by event (type and data)."""

    def __init__(self, port: int, path: str, client: Client) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        self.connection.request("GET", path, headers={"Cookie": cookie})
        self.response = self.connection.getresponse()

    def next_event(self) -> tuple[str, str]:
        kind, data = "", []
        while True:
            line = self.response.readline().decode().rstrip("\n")
            if line.startswith("event: "):
                kind = line[len("event: ") :]
            elif line.startswith("data: "):
                data.append(line[len("data: ") :])
            elif line == "" and kind:
                return kind, "\n".join(data)

    def until(self, kind: str) -> str:
        while True:
            got, data = self.next_event()
            if got == kind:
                return data

    def close(self) -> None:
        self.connection.close()


def test_a_subscribed_phone_receives_the_question_as_it_opens(asgi_port, teacher, live):
    a, _ = join(live, "小明")
    page = Stream(asgi_port, reverse("quizzes:live_play", args=[live.pk]), a)  # under ASGI
    assert (
        f'data-sse-connect="{reverse("live_events", args=[live.pk])}"'
        in page.response.read().decode()
    )
    page.close()
    stream = Stream(asgi_port, reverse("live_events", args=[live.pk]), a)
    assert stream.response.status == 200
    assert stream.response.getheader("Content-Type") == "text/event-stream"
    stream.until("stream-open")

    control(teacher, live, "start")
    stage = stream.until("stage")
    item = current_item(live)
    assert 'data-state="question"' in stage and f'value="{live.index}"' in stage
    assert item.prompt_parts()[0][0].strip()[:6] in stage
    assert not item.is_choice or item.options[0] in stage
    assert "csrfmiddlewaretoken" not in stage  # one HTML for every phone: htmx sends the header

    answer_submit(
        LivePlayer.objects.get(nickname="小明"),
        LiveSession.objects.get(pk=live.pk),
        index=0,
        typed=item.answers,
        chosen=item.answers if item.options else [],
        now=LiveSession.objects.get(pk=live.pk).opened_at,
    )
    closed = stream.until("stage")  # everyone answered: the question closes by itself
    assert 'data-state="results"' in closed
    assert reverse("quizzes:live_play", args=[live.pk]) in closed  # each phone fetches its own
    stream.close()


def test_the_projector_hears_joins_and_the_game_moving_on(asgi_port, teacher, live):
    projector = Stream(asgi_port, reverse("live_host_events", args=[live.pk]), teacher)
    projector.until("stream-open")
    join(live, "小红")
    assert projector.next_event()[0] == "counts"
    control(teacher, live, "start")
    live.refresh_from_db()
    assert projector.until("state") == str(live.version)
    projector.close()


def test_no_event_reaches_another_game(asgi_port, teacher, live, article):
    url = f"{reverse('quizzes:live_new')}?article={article.pk}"
    teacher.post(url, {"size": 2, "kinds": ["cloze"], "seconds": 20, "speed_scoring": "on"})
    other = LiveSession.objects.exclude(pk=live.pk).get()
    a, _ = join(live, "这场的")
    b, _ = join(other, "那场的")
    here = Stream(asgi_port, reverse("live_events", args=[live.pk]), a)
    there = Stream(asgi_port, reverse("live_events", args=[other.pk]), b)
    here.until("stream-open")
    there.until("stream-open")

    control(teacher, live, "start")
    assert 'data-state="question"' in here.until("stage")
    control(teacher, other, "start")
    # The other game's phone hears its own game's opening first: nothing of the first reached it.
    first = there.until("stage")
    assert reverse("quizzes:live_play_answer", args=[other.pk]) in first
    assert reverse("quizzes:live_play_answer", args=[live.pk]) not in first
    here.close()
    there.close()


def test_a_server_that_cannot_push_sends_no_stream(teacher, live):
    """Under WSGI (the test client) a stream would hold a thread for ever: 204, and no
    data-sse-connect on the pages, which poll instead."""
    a, _ = join(live, "小明")
    assert a.get(reverse("live_events", args=[live.pk])).status_code == 204
    assert teacher.get(reverse("live_host_events", args=[live.pk])).status_code == 204
    page = a.get(reverse("quizzes:live_play", args=[live.pk])).content.decode()
    assert "data-sse-connect" not in page and "data-state-url" in page


def test_strangers_get_no_stream(asgi_port, teacher, live, make_user):
    join(live, "小明")
    stranger = Stream(asgi_port, reverse("live_events", args=[live.pk]), Client())
    assert stranger.response.status == 403
    other_teacher = signed_in(make_user("bieren", role="teacher"))
    projector = Stream(asgi_port, reverse("live_host_events", args=[live.pk]), other_teacher)
    assert projector.response.status == 404


def test_a_phone_that_reconnects_gets_the_current_state_with_its_points(asgi_port, teacher, live):
    a, _ = join(live, "小王")
    join(live, "还没答的")
    control(teacher, live, "start")
    item = current_item(live)
    a.post(
        reverse("quizzes:live_play_answer", args=[live.pk]),
        {"index": live.index, **right_fields(item)},
    )
    points = LivePlayer.objects.get(nickname="小王").score
    assert points > 0
    # The phone slept: its stream is gone. It opens a new one and asks for the state.
    stream = Stream(asgi_port, reverse("live_events", args=[live.pk]), a)
    stream.until("stream-open")
    state = a.get(reverse("quizzes:live_play", args=[live.pk]), headers={"HX-Request": "true"})
    page = state.content.decode()
    assert f"小王 · {points} 分" in page and "已提交" in page
    stream.close()


def test_points_count_from_when_the_server_opened_the_question(teacher, live):
    """A phone that fetches the question late gains nothing: the same answer at the same moment
    scores the same, and within the network's allowance every phone scores as if instant."""
    early, _ = join(live, "先看题的")
    late, _ = join(live, "后看题的")
    join(live, "还没答的")
    control(teacher, live, "start")
    live.refresh_from_db()
    item = current_item(live)
    opened = live.opened_at
    url = reverse("quizzes:live_play", args=[live.pk])
    answer_url = reverse("quizzes:live_play_answer", args=[live.pk])
    fields = {"index": live.index, **right_fields(item)}

    with mock.patch("django.utils.timezone.now", return_value=opened):
        early.get(url)
    with mock.patch("django.utils.timezone.now", return_value=opened + timedelta(seconds=5)):
        late.get(url)  # fetched five seconds late
    with mock.patch("django.utils.timezone.now", return_value=opened + timedelta(seconds=6)):
        early.post(answer_url, fields)
        late.post(answer_url, fields)
    scores = {p.nickname: p.score for p in LivePlayer.objects.all()}
    assert scores["先看题的"] == scores["后看题的"] < 1000

    control(teacher, live, "results")
    control(teacher, live, "next")
    live.refresh_from_db()
    fields = {"index": live.index, **right_fields(current_item(live))}
    with mock.patch("django.utils.timezone.now", return_value=live.opened_at + NETWORK_ALLOWANCE):
        early.post(answer_url, fields)
    assert LivePlayer.objects.get(nickname="先看题的").score == scores["先看题的"] + 1000


def test_a_hall_answering_at_once_tells_the_projector_in_a_few_counts_events():
    """The first change goes at once; the ones within COUNTS_EVERY after it go together."""
    channel = live_push.host_channel(987654)
    with mock.patch("quizzes.live_push.send_event") as send:

        def sent() -> int:  # an earlier test's game may be told meanwhile
            return sum(1 for call in send.call_args_list if call.args[:2] == (channel, "counts"))

        for _ in range(50):
            live_push.counts_changed(987654)
        assert sent() == 1
        time.sleep(live_push.COUNTS_EVERY + 0.3)
        assert sent() == 2

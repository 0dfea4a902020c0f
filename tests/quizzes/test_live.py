"""Live quizzes through the views: joining, the game's steps, scoring, fair play, isolation."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.limits import PHONE_FAILURES_ALLOWED
from quizzes.live import points_for
from quizzes.models import LiveAnswer, LivePlayer, LiveSession, ReviewLog, StudyItem
from tests.clients import signed_in

HTMX = {"HX-Request": "true"}


def join(live, nickname, client=None, **extra):
    client = client or Client()
    response = client.post(reverse("live_join"), {"pin": live.pin, "nickname": nickname}, **extra)
    return client, response


def control(teacher, live, action, **data):
    return teacher.post(
        reverse("quizzes:live_host_control", args=[live.pk]), {"action": action, **data}
    )


def right_fields(item):
    return {"option": item.answers} if item.is_choice else {"answer": item.answers}


def answer(client, live, fields, **headers):
    live.refresh_from_db()
    data = {"index": live.index, **fields}
    return client.post(reverse("quizzes:live_play_answer", args=[live.pk]), data, headers=headers)


def current_item(live):
    live.refresh_from_db()
    return StudyItem.objects.get(pk=live.current_item_id)


def phone(client, live):
    return client.get(reverse("quizzes:live_play", args=[live.pk]))


def test_points_follow_kahoot():
    assert (
        points_for(correct=True, elapsed_ms=0, seconds=20, speed=True, streak=1, streak_bonus=False)
        == 1000
    )
    assert (
        points_for(
            correct=True, elapsed_ms=10_000, seconds=20, speed=True, streak=1, streak_bonus=False
        )
        == 750
    )
    assert (
        points_for(
            correct=True, elapsed_ms=30_000, seconds=20, speed=True, streak=1, streak_bonus=False
        )
        == 500
    )
    assert (
        points_for(
            correct=True, elapsed_ms=19_000, seconds=20, speed=False, streak=1, streak_bonus=False
        )
        == 1000
    )
    assert (
        points_for(correct=False, elapsed_ms=0, seconds=20, speed=True, streak=0, streak_bonus=True)
        == 0
    )
    assert (
        points_for(correct=True, elapsed_ms=0, seconds=20, speed=True, streak=3, streak_bonus=True)
        == 1200
    )
    assert (
        points_for(correct=True, elapsed_ms=0, seconds=20, speed=True, streak=9, streak_bonus=True)
        == 1500
    )


@pytest.mark.django_db
def test_a_game_from_lobby_to_podium(teacher, live, make_user):
    learner = make_user("xue")
    a, _ = join(live, "小明")
    b, _ = join(live, "ignored", client=signed_in(learner))
    lobby = teacher.get(live.get_absolute_url()).content.decode()
    assert live.pin in lobby and "<svg" in lobby and f"/join?pin={live.pin}" in lobby
    counts = teacher.get(
        reverse("quizzes:live_host_counts", args=[live.pk]), headers=HTMX
    ).content.decode()
    assert "小明" in counts and "ignored" in counts

    control(teacher, live, "start")
    for index in range(3):
        item = current_item(live)
        assert (
            item.answers[0] not in phone(a, live).content.decode().split("<main", 1)[1]
            or item.options
        )
        phone(b, live)
        assert answer(a, live, right_fields(item)).status_code == 302
        assert answer(b, live, {"answer": ["不对"], "option": ["不对"]}).status_code == 302
        control(teacher, live, "results")
        results = teacher.get(live.get_absolute_url()).content.decode()
        assert "答案分布" in results and "小明" in results
        control(teacher, live, "next" if index < 2 else "end")

    live.refresh_from_db()
    assert live.state == LiveSession.State.ENDED
    winner = LivePlayer.objects.get(nickname="小明")
    assert winner.score > 1500 and LivePlayer.objects.get(user=learner).score == 0
    assert "颁奖台" in teacher.get(live.get_absolute_url()).content.decode()
    assert (
        ReviewLog.objects.filter(user=learner, rating=1).count() == 3
    )  # a signed-in learner's reviews
    csv = teacher.get(reverse("quizzes:live_results_csv", args=[live.pk])).content.decode("utf-8")
    assert csv.startswith("\ufeff名次,昵称,账号,得分,答对") and "小明" in csv and "xue" in csv


@pytest.mark.django_db
def test_it_refuses_a_second_answer_and_a_late_one(teacher, live):
    a, _ = join(live, "小红")
    join(live, "还没答的")  # the question stays open until every player has answered
    control(teacher, live, "start")
    item = current_item(live)
    phone(a, live)
    answer(a, live, right_fields(item))
    response = answer(a, live, right_fields(item), **HTMX)
    assert "每道题只能回答一次" in response.content.decode()
    assert LiveAnswer.objects.count() == 1

    b, _ = join(live, "小刚")
    phone(b, live)
    live.refresh_from_db()
    with mock.patch(
        "django.utils.timezone.now", return_value=live.closes_at + timedelta(seconds=1)
    ):
        late = answer(b, live, right_fields(item), **HTMX)
    assert "时间到" in late.content.decode() and LiveAnswer.objects.count() == 1


@pytest.mark.django_db
def test_it_keeps_the_answer_from_phones_until_the_question_closes(teacher, article):
    # Typed questions only: a choice question shows its options, so its answer would be on the page.
    url = f"{reverse('quizzes:live_new')}?article={article.pk}"
    teacher.post(url, {"size": 1, "kinds": ["cloze"], "seconds": 20, "speed_scoring": "on"})
    live = LiveSession.objects.get()
    a, _ = join(live, "小李")
    control(teacher, live, "start")
    item = current_item(live)
    assert not item.is_choice  # typed: its options (if any) are not shown
    page = phone(a, live).content.decode().split("<main", 1)[1]
    assert all(value not in page for value in item.answers)
    state = a.get(
        reverse("quizzes:live_play_state", args=[live.pk]), {"v": "0"}, headers=HTMX
    ).content.decode()
    assert all(value not in state for value in item.answers)


@pytest.mark.django_db
def test_a_phone_that_reloads_keeps_its_player_and_points(teacher, live):
    a, _ = join(live, "小王")
    control(teacher, live, "start")
    phone(a, live)
    answer(a, live, right_fields(current_item(live)))
    before = LivePlayer.objects.get(nickname="小王").score
    reloaded = phone(a, live)
    assert reloaded.context["player"].score == before > 0
    assert LivePlayer.objects.count() == 1


@pytest.mark.django_db
def test_polling_costs_one_query_while_nothing_changes(
    teacher, live, django_assert_max_num_queries
):
    a, _ = join(live, "小周")
    live.refresh_from_db()
    url = reverse("quizzes:live_play_state", args=[live.pk])
    with django_assert_max_num_queries(2):  # the session row and the game's version
        response = a.get(url, {"v": live.version}, headers=HTMX)
    assert response.status_code == 204
    control(teacher, live, "start")
    assert a.get(url, {"v": live.version}, headers=HTMX).status_code == 200


@pytest.mark.django_db
def test_an_answer_costs_a_few_queries_and_says_submitted(
    teacher, live, django_assert_max_num_queries
):
    """Hundreds of phones answer within seconds: the player and the question are read once,
    the answer stored with one insert and one update, and the reply is the small #phone part."""
    a, _ = join(live, "小快")
    join(live, "还没答的")
    control(teacher, live, "start")
    item = current_item(live)
    phone(a, live)
    # The session, the player, the question; the insert and the score in one transaction
    # (a savepoint here, inside the test's); who has answered, who plays.
    with django_assert_max_num_queries(9):
        response = answer(a, live, right_fields(item), **HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and "已提交" in page and "<html" not in page
    assert "小快 · 0 分" in page  # the points come with the results
    assert LivePlayer.objects.get(nickname="小快").score > 0


@pytest.mark.django_db
def test_late_joiners_play_the_remaining_questions(teacher, live):
    control(teacher, live, "start")
    control(teacher, live, "results")
    control(teacher, live, "next")
    late, _ = join(live, "迟到的")
    assert phone(late, live).context["item"] is not None
    answer(late, live, right_fields(current_item(live)))
    assert LivePlayer.objects.get(nickname="迟到的").score > 0


@pytest.mark.django_db
def test_the_teacher_removes_a_nickname(teacher, live):
    a, _ = join(live, "捣乱的")
    player = LivePlayer.objects.get()
    teacher.post(reverse("quizzes:live_player_remove", args=[live.pk]), {"player": player.pk})
    assert "移出" in phone(a, live).content.decode()
    control(teacher, live, "start")
    phone(a, live)
    answer(a, live, right_fields(current_item(live)))
    assert not LiveAnswer.objects.exists()


@pytest.mark.django_db
def test_it_explains_wrong_pins_nicknames_and_limits_guessing(live):
    guesser = Client()
    response = guesser.post(reverse("live_join"), {"pin": "12345", "nickname": "x"})
    assert response.status_code == 400 and "PIN 是 6 位数字" in response.content.decode()
    wrong = "000000" if live.pin != "000000" else "111111"
    response = guesser.post(reverse("live_join"), {"pin": wrong, "nickname": "x"})
    assert (
        response.status_code == 400 and "没有进行中的抢答使用这个 PIN" in response.content.decode()
    )
    join(live, "同名")
    _, taken = join(live, "同名")
    assert "这个昵称已经有人用了" in taken.content.decode()
    for _ in range(PHONE_FAILURES_ALLOWED):
        guesser.post(reverse("live_join"), {"pin": wrong, "nickname": "x"})
    blocked = guesser.post(reverse("live_join"), {"pin": live.pin, "nickname": "终于"})
    assert blocked.status_code == 429 and not LivePlayer.objects.filter(nickname="终于").exists()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        other.post(reverse("live_join"), {"pin": live.pin, "nickname": "别处"}).status_code == 302
    )


@pytest.mark.django_db
def test_an_ended_game_refuses_its_pin(teacher, live):
    control(teacher, live, "end")
    _, response = join(live, "太晚")
    assert response.status_code == 400 and "没有进行中的抢答" in response.content.decode()


@pytest.mark.django_db
def test_it_keeps_games_apart(teacher, live, make_user, article):
    other_teacher = signed_in(make_user("bieren", role="teacher"))
    learner = signed_in(make_user("xue"))
    for client in (other_teacher,):
        assert client.get(live.get_absolute_url()).status_code == 404
        assert control(client, live, "start").status_code == 404
        assert client.get(reverse("quizzes:live_results_csv", args=[live.pk])).status_code == 404
    assert learner.get(live.get_absolute_url()).status_code == 403
    stranger = Client()
    assert stranger.get(reverse("quizzes:live_play", args=[live.pk])).status_code == 302  # to /join
    assert (
        stranger.post(reverse("quizzes:live_play_answer", args=[live.pk]), {"index": 0}).status_code
        == 302
    )
    live.refresh_from_db()
    assert live.state == LiveSession.State.LOBBY and not LiveAnswer.objects.exists()


@pytest.mark.django_db
def test_it_starts_from_an_assignment_with_its_questions(teacher, make_user, article):
    from quizzes.models import Assignment, Classroom

    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    items = list(
        StudyItem.objects.filter(article=article, kind__in=["choice", "cloze"]).values_list(
            "pk", flat=True
        )[:3]
    )
    assignment = Assignment.objects.create(
        classroom=classroom,
        article=article,
        kinds=["choice"],
        item_ids=items,
        due_at=timezone.now() + timedelta(days=1),
    )
    url = f"{reverse('quizzes:live_new')}?assignment={assignment.pk}"
    teacher.post(url, {"seconds": 15})
    assert LiveSession.objects.get().item_ids == items
    assert signed_in(make_user("bieren", role="teacher")).get(url).status_code == 404


@pytest.mark.django_db
def test_a_live_quiz_without_an_article_asks_for_one(teacher, article):
    for query in ({}, {"article": "abc"}, {"article": "999999"}):
        page = teacher.get(reverse("quizzes:live_new"), query)
        assert page.status_code == 200 and 'name="article"' in page.content.decode()
    assert not LiveSession.objects.exists()


@pytest.mark.django_db
def test_a_stranger_is_sent_to_join_without_the_pin(live):
    response = phone(Client(), live)
    assert response.status_code == 302 and response.url == reverse("live_join")
    assert live.pin not in response.url

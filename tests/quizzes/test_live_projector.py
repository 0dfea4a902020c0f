"""The projector page: no site chrome, what the room reads at each step, controls apart; and the
leaderboard's moves after a question."""

import pytest
from django.urls import reverse

from quizzes.live import answer_submit, leaderboard_moves
from quizzes.models import LivePlayer, LiveSession, StudyItem
from tests.quizzes.test_live import answer, control, current_item, join, right_fields

HTMX = {"HX-Request": "true"}


def projector(teacher, live, **headers) -> str:
    return teacher.get(live.get_absolute_url(), headers=headers).content.decode()


def room_part(page: str) -> str:
    """What the room sees: the page without the teacher's closed controls panel."""
    before, _, rest = page.partition('<details class="projector-controls">')
    return before + rest.partition("</details>")[2]


@pytest.mark.django_db
def test_the_lobby_shows_the_pin_and_the_join_link_without_the_site_around_it(teacher, live):
    join(live, "小明")
    page = projector(teacher, live)
    assert 'class="site-header"' not in page and "主导航" not in page
    assert f'<p class="live-pin">{live.pin}</p>' in page
    assert f"/join?pin={live.pin}" in page and "<svg" in page
    assert "小明" in room_part(page) and "移出" not in room_part(page)  # removal is a control
    assert "移出 小明" in page  # ... in the teacher's panel
    assert "data-sse-connect" not in page  # the test client is WSGI, which cannot push: it polls


@pytest.mark.django_db
def test_a_question_shows_its_options_by_letter_and_shape_and_the_answered_count(teacher, live):
    join(live, "小明")
    join(live, "小红")
    control(teacher, live, "start")
    item = current_item(live)
    if not item.is_choice:  # this question as a single choice of four
        StudyItem.objects.filter(pk=item.pk).update(
            kind=StudyItem.Kind.CHOICE,
            options=["助推器", "先手棋", "桥头堡", "生命线"],
            answers=["生命线"],
        )
    stage = projector(teacher, live, **HTMX)  # the stage alone, fetched on a `state` event
    assert stage.startswith('\n<div id="stage"') or stage.lstrip().startswith('<div id="stage"')
    assert 'class="ring"' in stage and f'data-seconds="{live.seconds}"' in stage
    for letter, shape in zip("AB", "▲◆", strict=False):
        assert f'<span class="live-letter">{letter}</span>' in stage and shape in stage
    assert "已作答 0 / 2" in stage
    assert "data-next-step" in stage


@pytest.mark.django_db
def test_the_results_label_every_bar_with_its_count_and_the_podium_follows(teacher, live):
    a, _ = join(live, "小明")
    b, _ = join(live, "小红")
    control(teacher, live, "start")
    item = current_item(live)
    answer(a, live, right_fields(item))
    answer(b, live, {"answer": ["不对"], "option": ["不对"]})
    live.refresh_from_db()
    assert live.state == LiveSession.State.RESULTS  # everyone answered: closed by itself
    page = room_part(projector(teacher, live))
    assert "答案分布" in page and "bar-is-right" in page
    # The right answer is marked in words: an option by ✓ 正确, a typed question's row by its
    # label (答对 beside 答错, not "答对 ✓ 正确").
    right_row = page.split('class="bar-is-right', 1)[1].split("</li>", 1)[0]
    if item.is_choice:
        assert "✓ 正确" in right_row
    else:
        assert "答对" in right_row and "✓" not in right_row and "答错" in page
    assert page.count('class="bar-count"') == (len(item.options) if item.is_choice else 2)
    assert "1 人" in page and "小明" in page

    control(teacher, live, "end")
    page = room_part(projector(teacher, live))
    assert '<ol class="podium">' in page and "podium-step" in page
    assert "下载成绩" in projector(teacher, live)


@pytest.mark.django_db
def test_the_leaderboard_tells_who_rose_on_the_last_question(teacher, live):
    join(live, "先领先的")
    join(live, "后来居上")
    first, second = LivePlayer.objects.order_by("joined_at")

    def play(player, *, right):
        session = LiveSession.objects.get(pk=live.pk)
        item = current_item(live)
        chosen = item.answers if right else ["不对"]
        answer_submit(
            player, session, index=session.index, typed=chosen, chosen=chosen, now=session.opened_at
        )

    control(teacher, live, "start")
    play(first, right=True)
    play(second, right=False)
    live.refresh_from_db()
    # Everyone shared the first place before the first question: one kept it, one fell.
    assert [(s.player.nickname, s.rank, s.moved) for s in leaderboard_moves(live)] == [
        ("先领先的", 1, 0),
        ("后来居上", 2, -1),
    ]
    control(teacher, live, "next")
    play(first, right=False)
    play(second, right=True)
    live.refresh_from_db()
    # Both have 1000 points now: the second rose from second place to share the first.
    assert [(s.player.nickname, s.rank, s.moved) for s in leaderboard_moves(live)] == [
        ("先领先的", 1, 0),
        ("后来居上", 1, 1),
    ]
    assert "升 1 名" in projector(teacher, live)


@pytest.mark.django_db
def test_the_step_button_over_htmx_answers_with_the_new_stage_and_the_page_stays(teacher, live):
    join(live, "小明")
    response = teacher.post(
        reverse("quizzes:live_host_control", args=[live.pk]), {"action": "start"}, headers=HTMX
    )
    live.refresh_from_db()
    assert response.status_code == 200 and live.state == "question"
    stage = response.content.decode()
    assert stage.lstrip().startswith('<div id="stage"') and 'data-state="question"' in stage
    assert 'data-index="0"' in stage and "<html" not in stage


@pytest.mark.django_db
def test_an_unknown_step_over_htmx_is_refused_in_words_and_changes_nothing(teacher, live):
    response = teacher.post(
        reverse("quizzes:live_host_control", args=[live.pk]), {"action": "explode"}, headers=HTMX
    )
    live.refresh_from_db()
    assert response.status_code == 400 and live.state == "lobby"
    assert response.content.decode() == "无法识别的操作。"

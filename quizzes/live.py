"""Live quizzes: a teacher runs the game, players answer on their phones, points by speed.

The rules live here; the views only translate HTTP. Scoring follows Kahoot: a right answer earns
up to 1000 points, 1000 × (1 − t / 2T) for an answer t seconds after the server opened a question
of T seconds (less a fixed allowance for the network, so every phone starts even and one that
fetches late gains nothing), or a flat 1000 when only accuracy counts; an optional streak bonus
adds 100 for each right answer in a row after the first, up to 500.

Every change the room should see is pushed once its transaction commits (quizzes.live_push):
the question opening or closing, a player joining, the answered count. The question closes by
itself once every player has answered.

A lecture hall answers within a few seconds, hundreds of phones at once, so the game's writes
are lean (the answers that arrived together are stored in one transaction of five statements,
answers_submit) and, on SQLite, take turns in the process (`_one_writer`): queued on a Python
lock, which wakes the next writer the moment the last commits, they never poll SQLite's busy
timeout against each other.
"""

import bisect
import random
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from corpus.models import Article
from quizzes import limits, live_push
from quizzes.models import (
    Assignment,
    LiveAnswer,
    LivePlayer,
    LiveSession,
    StudyItem,
    new_live_pin,
)
from quizzes.nicknames import nickname_key
from quizzes.practice import questions_choose
from quizzes.study import answer_record, kept_answers
from quizzes.tasks import live_reviews_record

MAX_POINTS = 1000
STREAK_STEP, STREAK_CAP = 100, 500
# Players a lobby takes unless settings.LIVE_MAX_PLAYERS says otherwise.
DEFAULT_MAX_PLAYERS = 300
LEADERBOARD_SIZE = 5
# Time every phone is granted for the question to reach it and its answer to come back: an answer
# this soon after the question opened scores as if instant, and one this late after it closed
# still counts, since the player tapped in time.
NETWORK_ALLOWANCE = timedelta(milliseconds=500)


# The game's writes, one at a time in this process (see the module's docstring).
_writer = threading.Lock()


@contextmanager
def _one_writer():
    """One transaction; on SQLite after this process's other live writes: SQLite takes one
    writer at a time anyway, and a thread waiting on this lock starts the moment it is free.
    PostgreSQL locks rows (a join or a step locks its game's, select_for_update), so the
    games' writes go side by side."""
    if connection.vendor != "sqlite":
        with transaction.atomic():
            yield
        return
    with _writer, transaction.atomic():
        yield


class LiveRefused(Exception):
    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


class TooManyJoins(LiveRefused):
    """Too many wrong PINs from one phone or address: it waits (HTTP 429)."""


def points_for(
    *, correct: bool, elapsed_ms: int, seconds: int, speed: bool, streak: int, streak_bonus: bool
) -> int:
    """Points for one answer; `streak` counts this answer when it is right."""
    if not correct:
        return 0
    limit = seconds * 1000
    base = (
        round(MAX_POINTS * (1 - min(max(elapsed_ms, 0), limit) / limit / 2))
        if speed
        else MAX_POINTS
    )
    bonus = min(STREAK_STEP * (streak - 1), STREAK_CAP) if streak_bonus and streak > 1 else 0
    return base + bonus


def live_create(
    *,
    teacher,
    article: Article,
    kinds: list[str],
    size: int,
    seconds: int,
    speed_scoring: bool,
    streak_bonus: bool,
    assignment: Assignment | None = None,
    rng: random.Random | None = None,
) -> LiveSession:
    if assignment is not None:
        live = set(
            StudyItem.objects.active()
            .filter(pk__in=assignment.item_ids, kind__in=StudyItem.LIVE_KINDS)
            .values_list("pk", flat=True)
        )
        item_ids = [pk for pk in assignment.item_ids if pk in live]
        if not item_ids:
            raise LiveRefused(
                _("这份作业里没有能在课堂抢答中作答的题目（需要选择题、填空题或数字题）。")
            )
    else:
        item_ids = questions_choose(article=article, section=None, kinds=kinds, size=size, rng=rng)
    for _attempt in range(10):  # a PIN already open elsewhere: draw another
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    teacher=teacher,
                    article=article,
                    assignment=assignment,
                    item_ids=item_ids,
                    seconds=seconds,
                    speed_scoring=speed_scoring,
                    streak_bonus=streak_bonus,
                    pin=new_live_pin(),
                )
        except IntegrityError:
            continue
    raise LiveRefused(_("暂时无法生成 PIN，请再试一次。"))


def live_control(
    session: LiveSession, action: str, *, now: datetime, index: int | None = None
) -> LiveSession:
    """The teacher's buttons: start, results (close the question), next, end. Wrong moments do nothing.

    With `index`, only while that question is the current one (a late "everyone answered")."""
    with _one_writer():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        state = session.state
        if index is not None and session.index != index:
            return session
        if (
            action == "start"
            and state == LiveSession.State.LOBBY
            or action == "next"
            and (state == LiveSession.State.RESULTS and not session.is_last)
        ):
            session.state, session.index = LiveSession.State.QUESTION, session.index + 1
            session.opened_at, session.closes_at = now, now + timedelta(seconds=session.seconds)
        elif action == "results" and state == LiveSession.State.QUESTION:
            session.state = LiveSession.State.RESULTS
            session.closes_at = min(session.closes_at, now)
        elif action == "end" and state != LiveSession.State.ENDED:
            session.state = LiveSession.State.ENDED
        else:
            return session
        session.version += 1
        session.save(update_fields=["state", "index", "opened_at", "closes_at", "version"])
        transaction.on_commit(lambda: live_push.stage_changed(session))
    return session


def _bump(session_id: int) -> None:
    """A change the projector shows (who plays): the polling phones' version moves too."""
    LiveSession.objects.filter(pk=session_id).update(version=F("version") + 1)
    transaction.on_commit(lambda: live_push.counts_changed(session_id))


def player_join(
    *,
    pin: str,
    nickname: str,
    user,
    phone: str,
    phone_players: dict[str, int],
    address: str,
    now: datetime,
) -> LivePlayer:
    """Join the open game with this PIN. A signed-in learner who joined before gets their player back.

    `phone` is the phone's session key and `phone_players` the players it joined as, by game.
    A wrong PIN counts against the phone and its address (quizzes.limits). A removed player
    stays out of the game: by phone, by account and by nickname (or one looking like it).
    """
    if not limits.pin_guess_allowed(phone=phone, address=address, now=now):
        raise TooManyJoins(_("错误的 PIN 太多，请 10 分钟后再试。"))
    session = (
        LiveSession.objects.exclude(state=LiveSession.State.ENDED).filter(pin=pin.strip()).first()
    )
    if session is None:
        limits.pin_guess_record(phone=phone, address=address, now=now)
        raise LiveRefused(_("没有进行中的抢答使用这个 PIN，请核对后再试。"))
    account = user if user is not None and user.is_authenticated else None
    key = nickname_key(nickname)
    with _one_writer():
        # One join at a time per game, so the cap and the nickname checks hold.
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if account is not None:
            mine = session.players.filter(user=account).first()
            if mine is not None and not mine.removed:
                return mine
        refusal = _lobby_refusal(session, key, account, phone_players.get(str(session.pk)))
        if refusal:
            raise LiveRefused(refusal)
        try:
            with transaction.atomic():
                player = LivePlayer.objects.create(
                    session=session, nickname=nickname, nickname_key=key, user=account
                )
        except IntegrityError:
            raise LiveRefused(_("这个昵称已经有人用了，请换一个。")) from None
        _bump(session.pk)
    return player


def _lobby_refusal(session: LiveSession, key: str, account, earlier: int | None) -> str | None:
    """Why the game does not take this player: removed before (by this phone's earlier player
    or by account), a nickname taken or looking like one taken, or a full lobby."""
    # One statement for all of it: a hall joins within a minute, each join one at a time.
    mine = Q(pk__in=[])  # this phone's earlier player, this account's: none to begin with
    if earlier is not None:
        mine |= Q(pk=earlier)
    if account is not None:
        mine |= Q(user=account)
    found = session.players.aggregate(
        removed_before=Count("pk", filter=Q(removed=True) & mine),
        nickname_removed=Count("pk", filter=Q(nickname_key=key, removed=True)),
        nickname_taken=Count("pk", filter=Q(nickname_key=key, removed=False)),
        playing=Count("pk", filter=Q(removed=False)),
    )
    if found["removed_before"]:
        return _("你已被老师移出这场抢答。")
    if found["nickname_removed"]:
        return _("老师已将这个昵称移出这场抢答。")
    if found["nickname_taken"]:
        return _("这个昵称已经有人用了，请换一个。")
    most = getattr(settings, "LIVE_MAX_PLAYERS", DEFAULT_MAX_PLAYERS)
    if found["playing"] >= most:
        return _("这场抢答人数已满（最多 %(count)d 人），请告诉老师。") % {"count": most}
    return None


def player_remove(session: LiveSession, player_id: int) -> bool:
    with _one_writer():
        removed = session.players.filter(pk=player_id, removed=False).update(removed=True)
        if removed:
            _bump(session.pk)
    return bool(removed)


def elapsed_ms(session: LiveSession, now: datetime) -> int:
    """How long the player took, from when the server opened the question, less the network's share."""
    return max(int((now - session.opened_at - NETWORK_ALLOWANCE).total_seconds() * 1000), 0)


@dataclass(frozen=True)
class Tap:
    """One player's answer as it arrived: the question it names, what was typed or chosen, when."""

    player_id: int
    index: int
    typed: list[str]
    chosen: list[str]
    at: datetime


def answer_submit(
    player: LivePlayer,
    session: LiveSession,
    *,
    index: int,
    typed: list[str],
    chosen: list[str],
    now: datetime,
) -> LiveAnswer:
    """One answer to the open question (see answers_submit); refused with LiveRefused."""
    tap = Tap(player.pk, index, typed, chosen, now)
    (outcome,) = answers_submit(session.pk, [tap], loaded=(session, player))
    if isinstance(outcome, LiveRefused):
        raise outcome
    return outcome


def answers_submit(
    live_id: int, taps: list[Tap], *, loaded: tuple[LiveSession, LivePlayer] | None = None
) -> list[LiveAnswer | LiveRefused]:
    """Answers to the open question of one game, each graded, scored and stored, or refused; for
    a signed-in learner also a review. What each tap came to, in order.

    All of them in one transaction of five statements, however many (a lecture hall answers within
    seconds: quizzes.live_taps gathers what arrives while the last batch is written). The last
    player to answer closes the question (the projector shows the results at once). An answer's
    player keeps the score it had before: the phone learns its points with the results.

    `loaded`: the game and the one tap's player as the caller has just read them (a view), not
    read again. A second answer of a player's is refused by the database's constraint, and
    found beforehand when several arrive together, so that one does not fail them all.
    """
    outcomes: list[LiveAnswer | LiveRefused] = []
    try:
        with _one_writer():
            if loaded is not None:
                session, player = loaded
                players = {player.pk: player}
                if session.streak_bonus:  # the points depend on it: as stored, not as read before
                    mine = LivePlayer.objects.filter(pk=player.pk)
                    player.streak = mine.values_list("streak", flat=True).get()
            else:
                session, players = _game_and_players(live_id, {tap.player_id for tap in taps})
            item = live_item(session) if session is not None else None
            answered = set()
            if item is not None and len(taps) > 1 and players:
                answered = _answered_already(session, list(players))
            stored = []
            for tap in taps:
                player = players.get(tap.player_id)
                refusal = _answer_refusal(session, item, player, tap)
                if refusal is None and player.pk in answered:
                    refusal = _("每道题只能回答一次。")
                if refusal is not None:
                    outcomes.append(LiveRefused(refusal))
                    continue
                answered.add(player.pk)
                answer = _scored(session, item, player, tap)
                stored.append(answer)
                outcomes.append(answer)
            LiveAnswer.objects.bulk_create(stored)
            _scores_add(stored)
            signed_in = [answer.pk for answer in stored if answer.player.user_id is not None]
            if signed_in:  # queued with the answers, in their transaction: kept if they are
                live_reviews_record.enqueue(signed_in)
    except IntegrityError:  # another process stored one of these answers meanwhile: one by one
        if len(taps) == 1:
            return [LiveRefused(_("每道题只能回答一次。"))]
        return [answers_submit(live_id, [tap])[0] for tap in taps]
    if stored:
        _after_answers(session, item, stored, now=max(tap.at for tap in taps))
    return outcomes


def _game_and_players(
    live_id: int, player_ids: set[int]
) -> tuple[LiveSession | None, dict[int, LivePlayer]]:
    """The game as it stands and those of its players who tapped.

    Hand-written statements: a batch of a hall's answers runs these every few milliseconds, and
    building them through the ORM cost more CPU than storing the answers (a third of a worker's
    time with five games of a hundred)."""
    session = game_now(live_id)
    if session is None:
        return None, {}
    table = _quoted(LivePlayer._meta.db_table)
    marks = ", ".join(["%s"] * len(player_ids))
    players = {
        player.pk: player
        for player in LivePlayer.objects.raw(
            f"SELECT * FROM {table} WHERE session_id = %s AND id IN ({marks})",
            [live_id, *player_ids],
        )
    }
    return session, players


def _answered_already(session: LiveSession, player_ids: list[int]) -> set[int]:
    """Which of these players have answered the open question already (a second answer of theirs
    is refused before it fails the batch's insert)."""
    table = _quoted(LiveAnswer._meta.db_table)
    marks = ", ".join(["%s"] * len(player_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT player_id FROM {table} WHERE session_id = %s AND {_quoted('index')} = %s"
            f" AND player_id IN ({marks})",
            [session.pk, session.index, *player_ids],
        )
        return {row[0] for row in cursor.fetchall()}


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _answer_refusal(
    session: LiveSession | None, item: StudyItem | None, player: LivePlayer | None, tap: Tap
) -> str | None:
    if session is None or player is None:
        return _("你不在这场抢答里。")
    if player.removed:
        return _("你已被老师移出这场抢答。")
    if session.state != LiveSession.State.QUESTION or session.index != tap.index or item is None:
        return _("这道题已经结束了。")
    if tap.at > session.closes_at + NETWORK_ALLOWANCE:
        return _("时间到，这次回答没有计入。")
    return None


def _scored(session: LiveSession, item: StudyItem, player: LivePlayer, tap: Tap) -> LiveAnswer:
    """The answer, graded and scored (the streak as read in the writer's transaction, so as
    stored: no other answer of this player's can be open)."""
    verdict = item.grade(tap.typed, tap.chosen)
    took_ms = elapsed_ms(session, tap.at)
    streak = player.streak + 1 if verdict.correct else 0
    points = points_for(
        correct=verdict.correct,
        elapsed_ms=took_ms,
        seconds=session.seconds,
        speed=session.speed_scoring,
        streak=streak,
        streak_bonus=session.streak_bonus,
    )
    answer = LiveAnswer(
        session=session,
        player=player,
        index=tap.index,
        item=item,
        correct=verdict.correct,
        points=points,
        given=kept_answers(tap.chosen or tap.typed),
        elapsed_ms=took_ms,
        answered_at=tap.at,
    )
    answer.verdict = verdict
    return answer


def _scores_add(stored: list[LiveAnswer]) -> None:
    """Each answer's points onto its player's score, and the streak on or back to 0: one
    statement run once per answer (bulk_update's CASE for a batch cost more to build than this
    to run), relative to what is stored, so a caller's older copy of the player does no harm."""
    if not stored:
        return
    table = _quoted(LivePlayer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET score = score + %s, streak = (streak + 1) * %s WHERE id = %s",
            [(answer.points, int(answer.correct), answer.player_id) for answer in stored],
        )


def _after_answers(
    session: LiveSession, item: StudyItem, stored: list[LiveAnswer], *, now: datetime
) -> None:
    """Close the question if everyone has answered, else tell the projector."""
    tally = answered_count(session, session.index)
    if tally["answered"] >= tally["playing"]:
        live_control(session, "results", now=now, index=session.index)
    else:
        transaction.on_commit(lambda: live_push.counts_changed(session.pk))


def reviews_record(answer_ids: list[int]) -> int:
    """Signed-in learners' live answers as reviews of their own cards, rated as the game graded
    them; an answer recorded before is not recorded again (its token). How many there were.

    Queued (quizzes.tasks.live_reviews_record), not done while the phone waits: a review is a
    card's schedule worked out and several statements, and a hall of signed-in learners answering
    at once would have waited on a thousand of them."""
    answers = LiveAnswer.objects.filter(pk__in=answer_ids, player__user__isnull=False)
    answers = answers.select_related("player__user", "item")
    for answer in answers:
        answer_record(
            answer.player.user,
            answer.item,
            correct=answer.correct,
            now=answer.answered_at,
            token=f"live-{answer.session_id}-{answer.index}",
            given=answer.given,
        )
    return len(answers)


def answered_count(session: LiveSession, index: int) -> dict[str, int]:
    """How many players are in the game (`playing`) and how many of them answered question
    `index` (`answered`): one hand-written statement, as it follows every batch of answers."""
    players = _quoted(LivePlayer._meta.db_table)
    answers = _quoted(LiveAnswer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {players} WHERE session_id = %s AND NOT removed),"
            f" (SELECT COUNT(*) FROM {answers} JOIN {players} ON {players}.id = player_id"
            f" WHERE {answers}.session_id = %s AND {_quoted('index')} = %s AND NOT removed)",
            [session.pk, session.pk, index],
        )
        playing, answered = cursor.fetchone()
    return {"playing": playing, "answered": answered}


@dataclass
class Standing:
    rank: int
    player: LivePlayer
    moved: int = 0  # places gained on the last question (negative: lost)

    @property
    def places(self) -> int:
        return abs(self.moved)


def leaderboard(session: LiveSession, limit: int | None = LEADERBOARD_SIZE) -> list[Standing]:
    players = session.players.filter(removed=False).order_by("-score", "joined_at")
    if limit is not None:
        players = players[:limit]
    standings, previous, rank = [], None, 0
    for position, player in enumerate(players, start=1):
        if player.score != previous:
            rank, previous = position, player.score
        standings.append(Standing(rank, player))
    return standings


def results_table(session: LiveSession) -> tuple[list[str], list[list]]:
    """Every player's rank, points and the points of each question, for the teacher's download."""
    answers = {
        (answer.player_id, answer.index): answer
        for answer in LiveAnswer.objects.filter(session=session).only(
            "player_id", "index", "correct", "points"
        )
    }
    header = [_("名次"), _("昵称"), _("账号"), _("得分"), _("答对")]
    header += [_("第 %(n)d 题") % {"n": n} for n in range(1, session.total + 1)]
    rows = []
    for standing in leaderboard(session, limit=None):
        player = standing.player
        mine = [answers.get((player.pk, index)) for index in range(session.total)]
        cells = ["" if a is None else (a.points if a.correct else 0) for a in mine]
        right = sum(1 for a in mine if a is not None and a.correct)
        username = player.user.get_username() if player.user_id else ""
        rows.append([standing.rank, player.nickname, username, player.score, right, *cells])
    return [str(cell) for cell in header], rows


def rank_of(player: LivePlayer) -> int:
    return (
        LivePlayer.objects.filter(
            session=player.session_id, removed=False, score__gt=player.score
        ).count()
        + 1
    )


# What every phone of a game asks for at the same moment (the question, when it opens; its own
# result and rank, when it closes) is read once per process and kept for as long as the game
# stays at that step: the key holds the game's version, which every step and every join or
# removal moves on, and its creation time, since a test database can give a new game an old id.
# An item edited while its question is open is graded as it was when the question opened.
_kept: dict[tuple, object] = {}
_kept_lock = threading.Lock()
KEPT_STEPS = 64


def _kept_for(session: LiveSession, what: str, load):
    key = (what, session.pk, session.created_at, session.version, session.state, session.index)
    with _kept_lock:
        if key in _kept:
            return _kept[key]
    value = load()
    with _kept_lock:
        _kept[key] = value
        while len(_kept) > KEPT_STEPS:
            del _kept[next(iter(_kept))]
    return value


def live_item(session: LiveSession) -> StudyItem | None:
    """The current question's item."""
    item_id = session.current_item_id
    if item_id is None:
        return None
    return _kept_for(session, "item", lambda: StudyItem.objects.filter(pk=item_id).first())


@dataclass(frozen=True)
class Outcome:
    """How one player's answer to the question went."""

    correct: bool
    points: int


@dataclass
class Results:
    """The closed question's outcome for each player, and the scores they are ranked by."""

    outcomes: dict[int, Outcome]  # by player id; a player who did not answer has none
    scores: list[int]  # of every player still in the game, lowest first
    players: dict[int, LivePlayer]  # every player still in the game (nickname, score), by id

    def rank(self, score: int) -> int:
        """1 + the players with more points, as rank_of counts."""
        return len(self.scores) - bisect.bisect_right(self.scores, score) + 1


def results_of(session: LiveSession) -> Results:
    """The results of the question just closed (or the last one, once the game has ended)."""

    def load() -> Results:
        answers = LiveAnswer.objects.filter(session=session, index=session.index)
        outcomes = {
            player_id: Outcome(correct, points)
            for player_id, correct, points in answers.values_list("player_id", "correct", "points")
        }
        players = {
            player.pk: player
            for player in session.players.filter(removed=False)
            .order_by()
            .only("session", "nickname", "score", "removed")
        }
        scores = sorted(player.score for player in players.values())
        return Results(outcomes, scores, players)

    return _kept_for(session, "results", load)


def game_now(live_id: int) -> LiveSession | None:
    """The game as it stands: its version read with one small statement, the rest kept per
    version (every step, join and removal moves it on), for the hall's result fetches."""
    table = _quoted(LiveSession._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, created_at FROM {table} WHERE id = %s", [live_id])
        row = cursor.fetchone()
    if row is None:
        return None
    key = ("game", live_id, *row)
    with _kept_lock:
        if key in _kept:
            return _kept[key]
    game = LiveSession.objects.filter(pk=live_id, version=row[0]).order_by().first()
    if game is None:  # it moved on between the two statements (PostgreSQL sees each commit)
        return LiveSession.objects.filter(pk=live_id).order_by().first()
    with _kept_lock:
        _kept[key] = game
        while len(_kept) > KEPT_STEPS:
            del _kept[next(iter(_kept))]
    return game


@dataclass
class Bar:
    """One bar of a question's answer chart: an option (or right/wrong) and its share."""

    label: str
    count: int
    correct: bool
    width: int = 0  # percent of the longest bar


def distribution(session: LiveSession, item: StudyItem) -> list[Bar]:
    """How the answers to the current question fell: per option, or right against wrong."""
    answers = LiveAnswer.objects.filter(session=session, index=session.index)
    if item.is_choice:
        counts = {option: 0 for option in item.options}
        for given in answers.values_list("given", flat=True):
            for option in given:
                if option in counts:
                    counts[option] += 1
        rows = [Bar(option, count, option in item.answers) for option, count in counts.items()]
    else:
        tally = answers.aggregate(
            right=Count("pk", filter=Q(correct=True)), wrong=Count("pk", filter=Q(correct=False))
        )
        rows = [
            Bar(str(_("答对")), tally["right"], True),
            Bar(str(_("答错")), tally["wrong"], False),
        ]
    top = max([row.count for row in rows] + [1])
    for row in rows:
        row.width = round(100 * row.count / top)
    return rows


def leaderboard_moves(session: LiveSession, limit: int = LEADERBOARD_SIZE) -> list[Standing]:
    """The leaderboard after the current question, each standing with the places it rose (or fell)."""
    players = list(session.players.filter(removed=False).order_by("-score", "joined_at"))
    gained = dict(
        LiveAnswer.objects.filter(session=session, index=session.index).values_list(
            "player_id", "points"
        )
    )
    before = _ranks({player.pk: player.score - gained.get(player.pk, 0) for player in players})
    now = _ranks({player.pk: player.score for player in players})
    return [
        Standing(now[player.pk], player, moved=before[player.pk] - now[player.pk])
        for player in players[:limit]
    ]


def _ranks(scores: dict[int, int]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of these scores, by player id."""
    ordered = sorted(scores.values(), reverse=True)
    first = {}
    for position, score in enumerate(ordered, start=1):
        first.setdefault(score, position)
    return {pk: first[score] for pk, score in scores.items()}

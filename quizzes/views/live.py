"""Live quizzes: the teacher's projector and controls, and the players' phones.

Phones poll the state every second; while nothing changed the answer is an empty 204 from one
small query, so a room of phones costs little. A phone that reloads finds its player in its
session and carries on with its points.
"""

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.models import Article
from quizzes.forms import LiveForm, LiveJoinForm
from quizzes.live import (
    LIVE_KINDS,
    LiveRefused,
    TooManyJoins,
    answer_submit,
    distribution,
    leaderboard,
    live_control,
    live_create,
    player_join,
    player_remove,
    question_deliver,
    rank_of,
)
from quizzes.models import Assignment, LiveAnswer, LivePlayer, LiveSession, StudyItem
from quizzes.practice import NoQuestions
from quizzes.views.access import article_in_query, csv_download, teacher_required
from quizzes.views.study import answer_inputs

SESSION_KEY = "live_players"  # {live session id: player id} in the phone's Django session
POLL_SECONDS = 1


def _get_live_for_teacher(request: HttpRequest, live_id: int) -> LiveSession:
    return get_object_or_404(request.user.live_sessions.select_related("article"), pk=live_id)


def _player_for(request: HttpRequest, live_id: int) -> LivePlayer | None:
    player_id = request.session.get(SESSION_KEY, {}).get(str(live_id))
    if player_id is None:
        return None
    return (
        LivePlayer.objects.filter(pk=player_id, session=live_id).select_related("session").first()
    )


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


# The teacher's side -------------------------------------------------------------------------


@teacher_required
@require_http_methods(["GET", "POST"])
def live_new(request: HttpRequest) -> HttpResponse:
    """Start a live quiz from an article (?article=) or an assignment of one's class (?assignment=)."""
    assignment, article = None, None
    if request.GET.get("assignment", "").isdigit():
        assignment = get_object_or_404(
            Assignment.objects.filter(classroom__teacher=request.user).select_related("article"),
            pk=int(request.GET["assignment"]),
        )
        article = assignment.article
    else:
        article = article_in_query(request)
    if article is None:
        articles = Article.objects.select_related("document").order_by("document", "position")
        return render(request, "quizzes/live/new.html", {"articles": articles})
    form = LiveForm(request.POST or None, kinds=LIVE_KINDS, from_assignment=assignment is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            live = live_create(
                teacher=request.user,
                article=article,
                assignment=assignment,
                kinds=data.get("kinds", []),
                size=data.get("size", 0),
                seconds=data["seconds"],
                speed_scoring=data["speed_scoring"],
                streak_bonus=data["streak_bonus"],
            )
        except NoQuestions as error:
            form.add_error(None, error.message)
        except LiveRefused as refused:
            form.add_error(None, refused.message)
        else:
            return redirect(live)
    context = {"form": form, "article": article, "assignment": assignment}
    return render(request, "quizzes/live/new.html", context, status=400 if form.is_bound else 200)


def _stage_context(request: HttpRequest, live: LiveSession) -> dict:
    context = _counts_context(live)
    item = StudyItem.objects.filter(pk=live.current_item_id).select_related("paragraph").first()
    context["item"] = item
    if live.state == LiveSession.State.LOBBY:
        join = request.build_absolute_uri(reverse("live_join")) + f"?pin={live.pin}"
        context |= {
            "join_url": join,
            "qr": segno.make(join, error="m").svg_inline(
                scale=6, dark="#1d1b18", light="#ffffff", omitsize=True
            ),
        }
    if live.state == LiveSession.State.RESULTS and item is not None:
        context["distribution"] = distribution(live, item)
    if live.state in {LiveSession.State.RESULTS, LiveSession.State.ENDED}:
        context["leaders"] = leaderboard(
            live, limit=None if live.state == LiveSession.State.ENDED else 5
        )
    return context


@teacher_required
@require_GET
def live_host(request: HttpRequest, live_id: int) -> HttpResponse:
    """The projector: PIN and QR code, the question, the answers as a chart, the leaderboard, the podium."""
    live = _get_live_for_teacher(request, live_id)
    return render(request, "quizzes/live/host.html", _stage_context(request, live))


@teacher_required
@require_GET
def live_host_counts(request: HttpRequest, live_id: int) -> HttpResponse:
    """Polled by the projector: who has joined, how many have answered."""
    live = _get_live_for_teacher(request, live_id)
    return render(request, "quizzes/live/host.html#counts", _counts_context(live))


def _counts_context(live: LiveSession) -> dict:
    players = list(live.players.filter(removed=False))
    answered = LiveAnswer.objects.filter(session=live, index=live.index).count()
    return {"live": live, "players": players, "answered": answered, "poll": POLL_SECONDS}


@teacher_required
@require_POST
def live_host_control(request: HttpRequest, live_id: int) -> HttpResponse:
    live = _get_live_for_teacher(request, live_id)
    action = request.POST.get("action", "")
    if action == "remove" and request.POST.get("player", "").isdigit():
        if not player_remove(live, int(request.POST["player"])):
            messages.error(request, _("这个昵称不在游戏里。"))
    elif action in {"start", "results", "next", "end"}:
        live_control(live, action, now=timezone.now())
    else:
        messages.error(request, _("无法识别的操作。"))
    return redirect(live)


@teacher_required
@require_GET
def live_results_csv(request: HttpRequest, live_id: int) -> HttpResponse:
    """Every player's points and answers, UTF-8 with a byte-order mark for spreadsheet programs."""
    live = _get_live_for_teacher(request, live_id)
    answers = {}
    for answer in LiveAnswer.objects.filter(session=live).only(
        "player_id", "index", "correct", "points"
    ):
        answers[answer.player_id, answer.index] = answer
    response, writer = csv_download(f"live-{live.pin}-{live.pk}.csv")
    header = [_("名次"), _("昵称"), _("账号"), _("得分"), _("答对")]
    writer.writerow(header + [_("第 %(n)d 题") % {"n": n} for n in range(1, live.total + 1)])
    for standing in leaderboard(live, limit=None):
        player = standing.player
        mine = [answers.get((player.pk, index)) for index in range(live.total)]
        cells = ["" if a is None else (a.points if a.correct else 0) for a in mine]
        right = sum(1 for a in mine if a is not None and a.correct)
        username = player.user.get_username() if player.user_id else ""
        writer.writerow([standing.rank, player.nickname, username, player.score, right, *cells])
    return response


# The players' side --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def live_join(request: HttpRequest) -> HttpResponse:
    """/join: the PIN and a nickname, from a phone, signed in or not."""
    initial = {"pin": request.GET.get("pin", "")[:6]}
    if request.user.is_authenticated:
        initial["nickname"] = request.user.get_username()[:20]
    form = LiveJoinForm(request.POST or None, initial=initial)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            player = player_join(
                pin=form.cleaned_data["pin"],
                nickname=form.cleaned_data["nickname"],
                user=request.user,
                address=_address(request),
                now=timezone.now(),
            )
        except LiveRefused as refused:
            form.add_error(None, refused.message)
            status = 429 if isinstance(refused, TooManyJoins) else 400
        else:
            players = request.session.get(SESSION_KEY, {})
            players[str(player.session_id)] = player.pk
            request.session[SESSION_KEY] = players
            return redirect("quizzes:live_play", player.session_id)
    return render(request, "quizzes/live/join.html", {"form": form}, status=status)


def _phone_context(player: LivePlayer, live: LiveSession) -> dict:
    now = timezone.now()
    context = {"player": player, "live": live, "poll": POLL_SECONDS}
    if live.state == LiveSession.State.QUESTION:
        answered = LiveAnswer.objects.filter(player=player, index=live.index).first()
        context["answered"] = answered
        if answered is None and now <= live.closes_at:
            item = StudyItem.objects.get(pk=live.current_item_id)
            question_deliver(player, live, now=now)
            context |= {
                "item": item,
                "inputs": range(answer_inputs(item)),
                "remaining": max(int((live.closes_at - now).total_seconds()), 0),
            }
    elif live.state in {LiveSession.State.RESULTS, LiveSession.State.ENDED}:
        context["last"] = LiveAnswer.objects.filter(player=player, index=live.index).first()
        context["rank"] = rank_of(player)
        context["item"] = StudyItem.objects.filter(pk=live.current_item_id).first()
    return context


@require_GET
def live_play(request: HttpRequest, live_id: int) -> HttpResponse:
    """The phone: the question with its options or input, then how it went and one's rank."""
    player = _player_for(request, live_id)
    if player is None:
        return redirect(
            f"{reverse('live_join')}?pin={get_object_or_404(LiveSession, pk=live_id).pin}"
        )
    live = player.session
    template = "quizzes/live/play.html#phone" if request.htmx else "quizzes/live/play.html"
    return render(request, template, _phone_context(player, live))


@require_GET
def live_play_state(request: HttpRequest, live_id: int) -> HttpResponse:
    """Polled every second: 204 while the game's version is the one the phone shows."""
    version = request.GET.get("v", "")
    current = LiveSession.objects.filter(pk=live_id).values_list("version", flat=True).first()
    if current is None:
        return HttpResponse(status=404)
    if version.isdigit() and int(version) == current:
        return HttpResponse(status=204)
    player = _player_for(request, live_id)
    if player is None:
        return HttpResponse(status=403)
    return render(request, "quizzes/live/play.html#phone", _phone_context(player, player.session))


@require_POST
def live_play_answer(request: HttpRequest, live_id: int) -> HttpResponse:
    player = _player_for(request, live_id)
    if player is None:
        return redirect("live_join")
    index = request.POST.get("index", "")
    live = LiveSession.objects.get(pk=live_id)
    refusal = None
    try:
        answer_submit(
            player,
            live,
            index=int(index) if index.isdigit() else -1,
            typed=request.POST.getlist("answer"),
            chosen=request.POST.getlist("option"),
            now=timezone.now(),
        )
    except LiveRefused as refused:
        refusal = refused.message
    if request.htmx:
        context = _phone_context(player, live) | {"refusal": refusal}
        return render(request, "quizzes/live/play.html#phone", context)
    if refusal:
        messages.error(request, refusal)
    return redirect("quizzes:live_play", live_id)

"""Live quizzes: the teacher's projector and controls, and the players' phones.

The game's changes are pushed (quizzes.live_push) over server-sent events: each phone and the
projector keep one event stream open (live_events, live_host_events), served by
django-eventstream under the ASGI server. A phone without EventSource, or whose stream brings
nothing (a proxy that buffers), polls the state every second instead; while nothing changed the
answer is an empty 204 from one small query. A phone that reloads or reconnects finds its player
in its session and carries on with its points.
"""

import segno
from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_eventstream.views import events

from corpus.models import Article
from quizzes.access import teacher_required
from quizzes.downloads import csv_response
from quizzes.forms import (
    ArticleQueryForm,
    AssignmentQueryForm,
    LiveAnswerForm,
    LiveControlForm,
    LiveForm,
    LiveJoinForm,
    LivePlayerForm,
    LiveStateQueryForm,
    PinQueryForm,
)
from quizzes.live import (
    LiveRefused,
    TooManyJoins,
    answer_submit,
    distribution,
    leaderboard,
    leaderboard_moves,
    live_control,
    live_create,
    live_item,
    player_join,
    player_remove,
    results_of,
    results_table,
)
from quizzes.live_push import host_channel, phone_channel, phone_language
from quizzes.live_taps import TICKET_HEADER, ticket_for
from quizzes.models import LiveAnswer, LivePlayer, LiveSession, StudyItem
from quizzes.practice import NoQuestions, scope_title
from studyapp.clientip import client_address

SESSION_KEY = "live_players"  # {live session id: player id} in the phone's Django session
POLL_SECONDS = 1
# How soon a browser reconnects a dropped event stream (the SSE `retry` field; browsers wait
# about 3 s without it): a phone that slept is back within 2 s.
RECONNECT_MS = 1000


def _get_live_for_teacher(request: HttpRequest, live_id: int) -> LiveSession:
    return get_object_or_404(request.user.live_sessions.select_related("article"), pk=live_id)


def _player_for(request: HttpRequest, live_id: int) -> LivePlayer | None:
    player_id = request.session.get(SESSION_KEY, {}).get(str(live_id))
    if player_id is None:
        return None
    try:  # get(), not first(): ordering by the model's Meta.ordering costs every phone's request
        return LivePlayer.objects.select_related("session").get(pk=player_id, session=live_id)
    except LivePlayer.DoesNotExist:
        return None


def _phone(request: HttpRequest) -> str:
    """The phone's session key, made now if it has none: its wrong PINs count against it."""
    if request.session.session_key is None:
        request.session.save()
        request.session.modified = True  # so the response sends the phone its cookie
    return request.session.session_key


# The teacher's side -------------------------------------------------------------------------


@teacher_required
@require_http_methods(["GET", "POST"])
def live_new(request: HttpRequest) -> HttpResponse:
    """Start a live quiz from an article (?article=) or an assignment of one's class (?assignment=)."""
    query = AssignmentQueryForm(request.GET, teacher=request.user)
    if not query.is_valid():
        raise Http404
    assignment = query.cleaned_data["assignment"]
    usable = Article.objects.for_classes_of(request.user)
    article = assignment.article if assignment else ArticleQueryForm.article_in(request.GET, usable)
    if article is None:
        articles = usable.select_related("document").order_by("document", "position")
        return render(request, "quizzes/live/new.html", {"articles": articles})
    form = LiveForm(
        request.POST or None, kinds=StudyItem.LIVE_KINDS, from_assignment=assignment is not None
    )
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
        context["leaders"] = leaderboard_moves(live)
    if live.state == LiveSession.State.ENDED:
        context["leaders"] = leaderboard(live, limit=None)
    return context


@teacher_required
@require_GET
def live_host(request: HttpRequest, live_id: int) -> HttpResponse:
    """The projector: PIN and QR code, the question, the answers as a chart, the leaderboard, the podium."""
    live = _get_live_for_teacher(request, live_id)
    context = _stage_context(request, live)
    if request.htmx:  # the game moved on (an event said so): the new stage only
        return render(request, "quizzes/live/host.html#stage", context)
    context["title"] = scope_title(live.article, None, live.item_ids)
    context["push"] = _pushes(request)
    return render(request, "quizzes/live/host.html", context)


@teacher_required
@require_GET
def live_host_counts(request: HttpRequest, live_id: int) -> HttpResponse:
    """Fetched by the projector when told someone joined or answered: who plays, how many answered.
    With ?roster=1, the controls' list of players to remove."""
    live = _get_live_for_teacher(request, live_id)
    partial = "roster" if request.GET.get("roster") else "counts"
    return render(request, f"quizzes/live/host.html#{partial}", _counts_context(live))


# Nicknames the lobby shows (the newest); the rest are counted.
LOBBY_NAMES = 60


def _counts_context(live: LiveSession) -> dict:
    players = live.players.filter(removed=False)
    answered = LiveAnswer.objects.filter(session=live, index=live.index).count()
    return {
        "live": live,
        "players": list(players.order_by("-joined_at")[:LOBBY_NAMES]),
        "playing": players.count(),
        "answered": answered,
        "poll": POLL_SECONDS,
    }


@teacher_required
@require_GET
def live_host_events(request: HttpRequest, live_id: int) -> HttpResponse:
    """The projector's event stream: the game moved on, someone joined or answered."""
    live = _get_live_for_teacher(request, live_id)
    return _event_stream(request, host_channel(live.pk))


def _pushes(request: HttpRequest) -> bool:
    """Whether this server can hold event streams open: ASGI can; under WSGI (Django's test
    server, a WSGI deployment) a stream would hold a thread for ever, so the pages poll."""
    return isinstance(request, ASGIRequest)


def _event_stream(request: HttpRequest, channel: str) -> HttpResponse:
    """django-eventstream's stream of one channel, told to reconnect within RECONNECT_MS."""
    if not _pushes(request):
        return HttpResponse(status=204)  # EventSource gives up on a 204: the page polls
    response = events(request, channels=[channel])
    if response.streaming:
        response.streaming_content = _retry_first(response.streaming_content)
    return response


async def _retry_first(stream):
    yield f"retry: {RECONNECT_MS}\n\n".encode()
    async for chunk in stream:
        yield chunk


@teacher_required
@require_POST
def live_host_control(request: HttpRequest, live_id: int) -> HttpResponse:
    """The game's next step: start, show the answer, next question, end with the podium. From
    the projector's step button (htmx), the new stage; the page stays, and with it its sounds."""
    live = _get_live_for_teacher(request, live_id)
    form = LiveControlForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return HttpResponseBadRequest(_("无法识别的操作。"))
        messages.error(request, _("无法识别的操作。"))
        return redirect(live)
    live = live_control(live, form.cleaned_data["action"], now=timezone.now())
    if request.htmx:
        return render(request, "quizzes/live/host.html#stage", _stage_context(request, live))
    return redirect(live)


@teacher_required
@require_POST
def live_player_remove(request: HttpRequest, live_id: int) -> HttpResponse:
    live = _get_live_for_teacher(request, live_id)
    form = LivePlayerForm(request.POST)
    if not form.is_valid() or not player_remove(live, form.cleaned_data["player"]):
        messages.error(request, _("这个昵称不在游戏里。"))
    return redirect(live)


@teacher_required
@require_GET
def live_results_csv(request: HttpRequest, live_id: int) -> HttpResponse:
    """Every player's points and answers, UTF-8 with a byte-order mark for spreadsheet programs."""
    live = _get_live_for_teacher(request, live_id)
    header, rows = results_table(live)
    return csv_response(f"live-{live.pin}-{live.pk}.csv", header, rows)


# The players' side --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def live_join(request: HttpRequest) -> HttpResponse:
    """/join: the PIN and a nickname, from a phone, signed in or not."""
    query = PinQueryForm(request.GET)
    initial = {"pin": query.cleaned_data["pin"] if query.is_valid() else ""}
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
                phone=_phone(request),
                phone_players=request.session.get(SESSION_KEY, {}),
                address=client_address(request),
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


def phone_context(player: LivePlayer, live: LiveSession) -> dict:
    """What the phone shows of the game that is its player's own (also quizzes.live_taps)."""
    now = timezone.now()
    context = {"player": player, "live": live, "poll": POLL_SECONDS, "shared": False}
    if live.state == LiveSession.State.QUESTION:
        answered = LiveAnswer.objects.filter(player=player, index=live.index).first()
        context["answered"] = answered
        if answered is None and now <= live.closes_at:
            item = live_item(live)
            context |= {
                "item": item,
                "remaining": max(int((live.closes_at - now).total_seconds()), 0),
            }
    elif live.state in {LiveSession.State.RESULTS, LiveSession.State.ENDED}:
        # Every phone asks at once when the question closes: the results are read once.
        results = results_of(live)
        context["last"] = results.outcomes.get(player.pk)
        context["rank"] = results.rank(player.score)
        context["item"] = live_item(live)
    return context


@require_GET
def live_play(request: HttpRequest, live_id: int) -> HttpResponse:
    """The phone: the question with its options or input, then how it went and one's rank."""
    player = _player_for(request, live_id)
    if player is None:
        # Not with the PIN: game ids are sequential, so anyone could read every open game's.
        return redirect("live_join")
    live = player.session
    if request.htmx:
        return render(request, "quizzes/live/play.html#phone", phone_context(player, live))
    context = phone_context(player, live) | {"push": _pushes(request), "ticket": ticket_for(player)}
    context["ticket_header"] = TICKET_HEADER
    return render(request, "quizzes/live/play.html", context)


@require_GET
def live_events(request: HttpRequest, live_id: int) -> HttpResponse:
    """A phone's event stream: the game's stage, in the phone's language, as it changes."""
    player = _player_for(request, live_id)
    if player is None:
        return HttpResponse(status=403)
    channel = phone_channel(live_id, phone_language(translation.get_language()))
    return _event_stream(request, channel)


@require_GET
def live_play_state(request: HttpRequest, live_id: int) -> HttpResponse:
    """The fallback, polled every second: 204 while the game's version is the one the phone shows."""
    query = LiveStateQueryForm(request.GET)
    version = query.cleaned_data["v"] if query.is_valid() else None
    try:  # get(), not first(), which would order by the model's Meta.ordering
        current = LiveSession.objects.values_list("version", flat=True).get(pk=live_id)
    except LiveSession.DoesNotExist:
        return HttpResponse(status=404)
    if version is not None and version == current:
        return HttpResponse(status=204)
    player = _player_for(request, live_id)
    if player is None:
        return HttpResponse(status=403)
    return render(request, "quizzes/live/play.html#phone", phone_context(player, player.session))


@require_POST
def live_play_answer(request: HttpRequest, live_id: int) -> HttpResponse:
    """One tap: the answer stored, and the phone told so by its small #phone fragment (hundreds
    arrive within seconds, so this reads no more than it must)."""
    player = _player_for(request, live_id)
    if player is None:
        return redirect("live_join")
    live = player.session
    form, answer, refusal = LiveAnswerForm(request.POST), None, None
    try:
        if not form.is_valid():
            raise LiveRefused(_("这道题已经结束了。"))
        answer = answer_submit(
            player,
            live,
            index=form.cleaned_data["index"],
            typed=form.cleaned_data["answer"],
            chosen=form.cleaned_data["option"],
            now=timezone.now(),
        )
    except LiveRefused as refused:
        refusal = refused.message
    if request.htmx:
        if answer is None:
            context = phone_context(player, live) | {"refusal": refusal}
        else:  # what phone_context says of a question this player answered, without asking
            context = {"player": player, "live": live, "answered": answer, "shared": False}
        return render(request, "quizzes/live/play.html#phone", context)
    if refusal:
        messages.error(request, refusal)
    return redirect("quizzes:live_play", live_id)

"""The live quiz load test's verdict: the database against the phones, percentiles, CPU use.

Used by bench_live (see its docstring); named live_* so pytest does not collect it.
"""

import math
import os
import resource
import subprocess
import time
from dataclasses import astuple, dataclass
from pathlib import Path

from tests.bench.live_phones import Tally

# (answer p95, question visible p95) in seconds, by transport.
TARGETS = {"push": (0.150, 0.5), "polling": (0.200, 1.5)}


# The figures ---------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)] if ordered else float("nan")


def spread(values: list[float]) -> str:
    if not values:
        return "no values"
    ms = [value * 1000 for value in values]
    return (
        f"p50 {percentile(ms, 0.5):7.1f} ms, p95 {percentile(ms, 0.95):7.1f} ms, max {max(ms):7.1f} ms"
        f" ({len(ms)})"
    )


def database_check(game, phones: list) -> list[str]:
    """What the database holds against what the phones were told; each line a problem."""
    from django.db.models import Count, Sum  # here: Django is set up only in prepare()

    from quizzes.models import LiveAnswer, LivePlayer

    problems = []
    accepted = sum(len(phone.accepted) for phone in phones)
    stored = LiveAnswer.objects.filter(session=game.live_id)
    if stored.count() != accepted:
        problems.append(f"{accepted} answers accepted, {stored.count()} in the database")
    players = {
        player.nickname: player
        for player in LivePlayer.objects.filter(session=game.live_id).annotate(
            total=Sum("answers__points"), answers_count=Count("answers")
        )
    }
    for phone in phones:
        player = players.get(phone.nickname)
        if player is None:
            problems.append(f"{phone.nickname}: no player in the database")
            continue
        if player.answers_count != len(phone.accepted):
            problems.append(
                f"{phone.nickname}: {len(phone.accepted)} answers accepted, {player.answers_count} stored"
            )
        if player.score != (player.total or 0):
            problems.append(
                f"{phone.nickname}: score {player.score}, answers' points {player.total or 0}"
            )
    graded = {
        (answer.player.nickname, answer.index): answer.correct
        for answer in stored.select_related("player")
    }
    meant = {
        (phone.nickname, index): right
        for phone in phones
        for index, right in phone.accepted.items()
    }
    misgraded = sum(1 for key, right in meant.items() if key in graded and graded[key] != right)
    if misgraded:
        problems.append(
            f"{misgraded} answers graded against the player's intent (right answers marked wrong or back)"
        )
    return problems


def report(
    games: list[tuple],
    tally: Tally,
    *,
    incidents: list[str],
    mismatches: list[str],
    push: bool,
    restarted: bool = False,
) -> int:
    """The figures and one ok/FAIL line per check; `games` pairs each game with its phones."""
    phones = [phone for _, mine in games for phone in mine]
    answers = [seconds for phone in phones for seconds in phone.answer_seconds]
    polls = [seconds for phone in phones for seconds in phone.poll_seconds]
    visible = [
        max(seen - game.opened[index], 0.0)
        for game, mine in games
        for phone in mine
        for index, seen in phone.seen.items()
        if index in game.opened
    ]
    unseen = sum(
        1
        for game, mine in games
        for phone in mine
        for index in game.opened
        if index not in phone.seen
    )
    refused = [f"{phone.nickname} {refusal}" for phone in phones for refusal in phone.refused]
    failed = [f"{phone.nickname}: {phone.failure}" for phone in phones if phone.failure]
    foreign = sum(getattr(phone, "foreign", 0) for phone in phones)
    errors = {
        key: count
        for key, count in tally.counts.items()
        if key[1] == "error" or isinstance(key[1], int) and key[1] >= 500
    }
    if restarted:  # requests cut by the kill are the test itself: the phones retried them
        errors = {key: count for key, count in errors.items() if key[1] != "error"}
    accepted = sum(len(phone.accepted) for phone in phones)
    right = sum(sum(phone.accepted.values()) for phone in phones)
    answer_target, visible_target = TARGETS["push" if push else "polling"]

    statuses = sorted(tally.counts.items(), key=lambda item: (item[0][0], str(item[0][1])))
    print(
        "requests: " + ", ".join(f"{kind} {status}: {count}" for (kind, status), count in statuses)
    )
    print(f"answers: {accepted} accepted ({right} meant right), {len(refused)} refused")
    print(f"answer latency:   {spread(answers)}  (target p95 <= {answer_target * 1000:.0f} ms)")
    print(f"question visible: {spread(visible)}  (target p95 <= {visible_target * 1000:.0f} ms)")
    if polls:
        print(f"poll latency:     {spread(polls)}  (reported)")
    checks = [
        (
            "no server error, lost connection or stopped game",
            not (errors or failed or incidents),
            f"{errors} {failed[:3]} {incidents}",
        ),
        ("no answer refused", not refused or restarted, str(refused[:3])),
        ("every phone saw every question", unseen == 0, f"{unseen} missed"),
        ("no event reached another game", foreign == 0, f"{foreign} events"),
        (
            "every accepted answer stored, graded as meant and scored",
            not mismatches,
            "; ".join(mismatches[:5]),
        ),
        (
            "answer p95 within target",
            bool(answers) and percentile(answers, 0.95) <= answer_target,
            "",
        ),
        (
            "question visible p95 within target",
            bool(visible) and percentile(visible, 0.95) <= visible_target,
            "",
        ),
    ]
    if restarted:
        print(f"after the restart: {len(refused)} answers refused (the question closed meanwhile)")
    for name, passed, detail in checks:
        print(
            f"{'ok  ' if passed else 'FAIL'} {name}"
            + ("" if passed or not detail else f": {detail}")
        )
    return 0 if all(passed for _, passed, _ in checks) else 1


# The machine ---------------------------------------------------------------------------------


def machine_busy() -> float:
    """CPU seconds all processes on this machine have used since boot (Linux; nan elsewhere)."""
    try:
        ticks = [
            int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
        ]
    except OSError:
        return float("nan")
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def cpu_of(*, group: int = 0, name: str = "") -> float:
    """CPU seconds used so far by the processes of a process group or of a program name, with their
    children that have ended (a PostgreSQL connection that closed counts with the postmaster)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            program, rest = stat.read_text().split(" (", 1)[1].rsplit(") ", 1)
        except (OSError, ValueError):
            continue
        fields = rest.split()  # from the third field on: state, ppid, pgrp, ...
        if group and int(fields[2]) == group or name and program == name:
            total += sum(int(value) for value in fields[11:15]) / os.sysconf(
                "SC_CLK_TCK"
            )  # [cu]time, [cs]time
    return total


@dataclass
class Usage:
    """Wall time and CPU seconds: the machine, the server, PostgreSQL, this process (players, teacher)."""

    wall: float
    machine: float
    server: float
    database: float
    driver: float

    @classmethod
    def now(cls, server: subprocess.Popen, postgres: bool) -> "Usage":
        database = cpu_of(name="postgres") if postgres else 0.0
        return cls(
            time.monotonic(),
            machine_busy(),
            cpu_of(group=server.pid),
            database,
            sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
        )

    def since(self, start: "Usage") -> "Usage":
        return Usage(*(now - then for now, then in zip(astuple(self), astuple(start), strict=True)))

    def __str__(self) -> str:
        other = max(self.machine - self.server - self.database - self.driver, 0.0)
        database = f", PostgreSQL (all of it) {self.database:.0f} s" if self.database else ""
        return (
            f"cpu in the game's {self.wall:.0f} s on {os.cpu_count()} cores: server {self.server:.0f} s{database},"
            f" players and teacher {self.driver:.0f} s, other processes {other:.0f} s"
        )

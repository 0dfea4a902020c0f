"""Limits on guessing a live game's PIN or a class's join code.

A school puts a whole class behind one address, so a limit per address alone locks out the room
once a few phones mistype. Each limit is therefore two: a low one on what belongs to the guesser
alone (the phone's session for a PIN, since phones join without an account; the account for a
class code), which stops one guesser quickly, and a high one per address, which stops a guesser
who drops cookies or makes accounts, and which a class of 60 with a few typos each (60 × 3 =
180) never reaches.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q

from quizzes.models import ClassJoinAttempt, LiveJoinAttempt, SignUp

WINDOW = timedelta(minutes=10)
PHONE_FAILURES_ALLOWED = 10  # wrong PINs from one phone in the window
ACCOUNT_FAILURES_ALLOWED = 10  # wrong class codes from one account in the window
ADDRESS_FAILURES_ALLOWED = 300  # wrong PINs, or wrong codes, from one address in the window


def pin_guess_allowed(*, phone: str, address: str, now: datetime) -> bool:
    """Fewer wrong PINs in the window than allowed, from this phone and from its address (one
    statement: every join asks, a hall's thousand within a minute)."""
    mine = Q(phone=phone) if phone else Q(pk__in=[])
    recent = LiveJoinAttempt.objects.filter(
        Q(address=address) | mine, created_at__gte=now - WINDOW
    ).aggregate(phone=Count("pk", filter=mine), address=Count("pk", filter=Q(address=address)))
    return recent["phone"] < PHONE_FAILURES_ALLOWED and recent["address"] < ADDRESS_FAILURES_ALLOWED


def pin_guess_record(*, phone: str, address: str, now: datetime) -> None:
    LiveJoinAttempt.objects.filter(created_at__lt=now - WINDOW).delete()
    LiveJoinAttempt.objects.create(phone=phone, address=address)


def code_guess_allowed(*, user, address: str, now: datetime) -> bool:
    recent = ClassJoinAttempt.objects.filter(created_at__gte=now - WINDOW)
    if recent.filter(user=user).count() >= ACCOUNT_FAILURES_ALLOWED:
        return False
    return recent.filter(address=address).count() < ADDRESS_FAILURES_ALLOWED


def code_guess_record(*, user, address: str, now: datetime) -> None:
    ClassJoinAttempt.objects.filter(created_at__lt=now - WINDOW).delete()
    ClassJoinAttempt.objects.create(user=user, address=address)


def signup_allowed(*, address: str, teacher_request: bool, now: datetime) -> bool:
    """Accounts from one address: SIGNUPS_PER_ADDRESS_PER_HOUR (a class signing up together
    behind one NAT fits), and fewer teacher requests a day, since an administrator reads each."""
    mine = SignUp.objects.filter(address=address)
    if mine.filter(created_at__gte=now - timedelta(hours=1)).count() >= (
        settings.SIGNUPS_PER_ADDRESS_PER_HOUR
    ):
        return False
    if not teacher_request:
        return True
    requests = mine.filter(teacher_request=True, created_at__gte=now - timedelta(days=1))
    return requests.count() < settings.TEACHER_REQUESTS_PER_ADDRESS_PER_DAY


def signup_record(*, address: str, teacher_request: bool, now: datetime) -> None:
    SignUp.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    SignUp.objects.create(address=address, teacher_request=teacher_request)

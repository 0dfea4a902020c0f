"""The two roles of 学而. Each is a Django group, so an admin grants a role in the admin."""

from django.contrib.auth.models import AbstractBaseUser, Group

LEARNER = "learner"
TEACHER = "teacher"
ROLES = (LEARNER, TEACHER)


def is_teacher(user: AbstractBaseUser) -> bool:
    # Cached on the user object: the base template asks on every page.
    if not hasattr(user, "_xueer_is_teacher"):
        user._xueer_is_teacher = user.groups.filter(name=TEACHER).exists()
    return user._xueer_is_teacher


def grant_role(user: AbstractBaseUser, role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)

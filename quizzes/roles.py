"""The two roles of 学而. Each is a Django group, so an admin grants a role in the admin."""

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.contenttypes.models import ContentType

LEARNER = "learner"
TEACHER = "teacher"
ROLES = (LEARNER, TEACHER)


def is_teacher(user: AbstractBaseUser) -> bool:
    # Cached on the user object: the base template asks on every page.
    if not hasattr(user, "_xueer_is_teacher"):
        user._xueer_is_teacher = user.groups.filter(name=TEACHER).exists()
    return user._xueer_is_teacher


# What each role's group may do beyond what every account does.
ROLE_PERMISSIONS = {TEACHER: [("corpus", "document", "publish_document")]}


def role_group(role: str) -> Group:
    """The role's group, holding the role's permissions."""
    group, _ = Group.objects.get_or_create(name=role)
    for app_label, model, codename in ROLE_PERMISSIONS.get(role, []):
        kind = ContentType.objects.get_by_natural_key(app_label, model)
        permission, _ = Permission.objects.get_or_create(
            content_type=kind, codename=codename, defaults={"name": codename}
        )
        group.permissions.add(permission)
    return group


def grant_role(user: AbstractBaseUser, role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    user.groups.add(role_group(role))
    # Django caches an account's roles and permissions on the object: ask again next time.
    for cached in ("_xueer_is_teacher", "_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cached, None)

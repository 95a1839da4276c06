"""Whom the service emails, by role: one query each, active users with an address only."""

from forces.models import Force

from .models import User


def email_addresses(*roles: str, force: Force | None = None) -> tuple[str, ...]:
    users = User.objects.filter(role__in=roles, is_active=True).exclude(email="")
    if force is not None:
        users = users.filter(force=force)
    return tuple(users.values_list("email", flat=True))


def liaison_addresses(force: Force) -> tuple[str, ...]:
    """The force's liaison officers: never its governance body, which acts for the force too."""
    return email_addresses(User.Role.LIAISON_OFFICER, force=force)


def governance_addresses(force: Force) -> tuple[str, ...]:
    return email_addresses(User.Role.GOVERNANCE_BODY, force=force)


def staff_addresses() -> tuple[str, ...]:
    return email_addresses(User.Role.INSPECTOR, User.Role.SIGNATORY)

"""The demo accounts: one per role, all with the same password.

The password ``demo`` is far too weak for a real installation, so it is
accepted only in a demo installation (``CLUSTERDIALOG_DEMO=1``, which
``clusterdialog demo`` sets).  Anywhere else the password must pass Django's
password validators like every other password.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from clusterdialog.errors import InputError
from clusterdialog.web.accounts.models import Role, User

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "create_demo_accounts"]

DEMO_PASSWORD = "demo"


class DemoAccount(NamedTuple):
    """E-mail address, role and (invented) name of a demo account."""

    email: str
    role: str
    full_name: str


#: The five demo accounts, in the order the demo lists them.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("ministry@demo.local", Role.STATE_ADMIN, "Dr. Julia Hartmann"),
    DemoAccount("agency@demo.local", Role.AGENCY, "Markus Weber"),
    DemoAccount("manager@demo.local", Role.MANAGER, "Sabine Kessler"),
    DemoAccount("member@demo.local", Role.MEMBER, "Thomas Brenner"),
    DemoAccount("analyst@demo.local", Role.ANALYST, "Dr. Lena Vogt"),
)


def create_demo_accounts(password: str = DEMO_PASSWORD) -> dict[str, User]:
    """Create (or bring back to their demo state) the five demo accounts.

    Existing accounts keep their primary key and get their role, name, active
    flag and ``password`` back; running this twice changes nothing.

    Parameters
    ----------
    password : str
        Password of all five accounts.  Outside a demo installation
        (``settings.DEMO`` false) it must pass the password validators.

    Returns
    -------
    dict
        The users keyed by their role's value (``"state_admin"``, ``"agency"``,
        ``"manager"``, ``"member"``, ``"analyst"``).

    Raises
    ------
    InputError
        If ``settings.DEMO`` is false and the password fails validation (the
        default ``"demo"`` always does).
    """
    if not settings.DEMO:
        try:
            validate_password(password)
        except ValidationError as exc:
            raise InputError(
                "password: a weak demo password is accepted only in a demo installation "
                f"(CLUSTERDIALOG_DEMO=1); outside one it must pass validation: "
                f"{' '.join(exc.messages)}"
            ) from None
    users: dict[str, User] = {}
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            user = User.objects.filter(email=account.email).first()
            if user is None:
                user = User(email=account.email)
            changed = user.pk is None
            for field, value in (
                ("role", account.role),
                ("full_name", account.full_name),
                ("is_active", True),
            ):
                if getattr(user, field) != value:
                    setattr(user, field, value)
                    changed = True
            if not user.has_usable_password() or not user.check_password(password):
                user.set_password(password)
                changed = True
            if changed:
                user.save()
            users[str(account.role)] = user
    return users

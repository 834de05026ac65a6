"""Coordinator accounts: create, set a password, log in and out, deactivate."""

from __future__ import annotations

import re
import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from matcher.extensions import db
from matcher.models import Coordinator, CoordinatorRole, utcnow
from matcher.operations import OperationError, audit
from matcher.security.auth import find_coordinator, hash_password
from matcher.security.passwords import password_problem

STATE_CODES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY",
    )
)


def parse_states(text: str) -> tuple[str, ...]:
    """ "CA, or" -> ("CA", "OR"); unknown codes are an error naming them."""
    codes = tuple(dict.fromkeys(code.upper() for code in re.split(r"[\s,;]+", text) if code))
    unknown = [code for code in codes if code not in STATE_CODES]
    if unknown:
        raise OperationError(
            {"states": str(_l("Unknown state codes: %(codes)s", codes=", ".join(unknown)))}
        )
    return codes


def check_password(password: str) -> None:
    """Long enough, not a common password, not easy to guess (matcher.security.passwords);
    the error says which."""
    problem = password_problem(password)
    if problem:
        raise OperationError({"password": problem})


def create_coordinator(
    email: str,
    *,
    admin: bool = False,
    states: tuple[str, ...] = (),
    password: str | None = None,
    created_by: Coordinator | None = None,
) -> Coordinator:
    """A new account (flushed). Without a password it can only log in after setting one."""
    try:
        normalized = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError:
        raise OperationError({"email": str(_l("Not a valid email address."))}) from None
    if find_coordinator(normalized) is not None:
        raise OperationError({"email": str(_l("There is already an account for this address."))})
    if not admin and not states:
        raise OperationError({"states": str(_l("A coordinator needs at least one state."))})
    if password is not None:
        check_password(password)
    coordinator = Coordinator(
        email=normalized,
        role=CoordinatorRole.admin if admin else CoordinatorRole.coordinator,
        states=",".join(states),
        password_hash=hash_password(password) if password else None,
        session_version=secrets.token_hex(8),
    )
    db.session.add(coordinator)
    db.session.flush()
    audit.record(
        "create_coordinator",
        "coordinator",
        coordinator.id,
        actor_kind="coordinator" if created_by else "system",
        coordinator_id=created_by.id if created_by else None,
        role=coordinator.role.value,
        states=coordinator.states,
    )
    return coordinator


def end_all_sessions(coordinator: Coordinator) -> None:
    """A new session version: every cookie naming the old one stops working."""
    coordinator.session_version = secrets.token_hex(8)


def _record_own(action: str, coordinator: Coordinator) -> None:
    """Audit something a coordinator did to their own account."""
    own = coordinator.id
    audit.record(action, "coordinator", own, actor_kind="coordinator", coordinator_id=own)


def set_password(coordinator: Coordinator, password: str) -> None:
    """Set a new password; every existing session of the account ends."""
    check_password(password)
    coordinator.password_hash = hash_password(password)
    end_all_sessions(coordinator)
    _record_own("set_password", coordinator)


def start_session(coordinator: Coordinator) -> None:
    """A login: a fresh session version (old cookies stop working)."""
    end_all_sessions(coordinator)
    coordinator.last_login_at = utcnow()
    _record_own("login", coordinator)


def end_session(coordinator: Coordinator) -> None:
    """A logout: the session version changes, so the cookie is dead even if replayed."""
    end_all_sessions(coordinator)
    _record_own("logout", coordinator)


def set_active(coordinator: Coordinator, active: bool, *, by: Coordinator) -> None:
    """Deactivate (or reactivate) an account; deactivation ends its sessions."""
    coordinator.active = active
    end_all_sessions(coordinator)
    audit.record(
        "activate" if active else "deactivate",
        "coordinator",
        coordinator.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
    )

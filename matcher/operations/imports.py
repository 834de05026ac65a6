"""Importing coordinators' spreadsheets (CSV) and the demo data set."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from matcher.extensions import db
from matcher.formats.action_csv import CsvRow, parse_actions_csv
from matcher.mail.outbox import queue_email
from matcher.models import Action
from matcher.operations import audit
from matcher.operations.geocoding import locate
from matcher.operations.submissions import build_action, manage_link, publish
from matcher.queries.organizations import coalition_suggestions

DEMO_CSV = Path(__file__).resolve().parent.parent / "demo" / "actions.csv"


@dataclass
class ImportResult:
    """What an import did: created actions and skipped refs (already imported)."""

    created: list[Action] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_rows(rows: list[CsvRow], *, notify: bool, source: str = "csv") -> ImportResult:
    """Store valid rows as published and placed actions (the importing coordinator vouches for
    them); the caller runs a batch match after the commit.

    A row whose `ref` is already stored is skipped, so importing the same file twice is safe.
    With `notify`, each organizer gets an email saying their action is listed, with their
    private manage link to edit, withdraw or delete it.
    """
    result = ImportResult()
    refs = [row.action.ref for row in rows if row.action.ref]
    known = (
        set(db.session.scalars(select(Action.ref).where(Action.ref.in_(refs)))) if refs else set()
    )
    for row in rows:
        if row.action.ref in known:
            result.skipped.append(row.action.ref or str(row.row))
            continue
        # Placed now, not by a job after the commit: the batch match that follows an import
        # needs the coordinates, and per-row jobs would each match the action again.
        action = build_action(row.action, source=source, geocode=False)
        locate(action)
        publish(action, actor_kind="coordinator", match=False)
        result.created.append(action)
        if notify:
            queue_email(
                kind="listed",
                key=f"listed:{action.id}",
                recipient=action.contact_email,
                template="listed",
                language=action.language,
                action_id=action.id,
                action=action,
                manage_url=manage_link(action),
                # who organizes near it (among the actions stored so far)
                suggestions=coalition_suggestions(action, limit=10),
            )
    audit.record(
        "import",
        "actions",
        None,
        actor_kind="coordinator",
        source=source,
        created=len(result.created),
        skipped=len(result.skipped),
    )
    return result


def demo_year(today: date) -> int:
    """The year of the coming October weekend of action (the call's dates moved forward)."""
    return today.year if today < date(today.year, 9, 1) else today.year + 1


def demo_rows(today: date | None = None) -> list[CsvRow]:
    """The demo actions from the call to action, moved to the coming autumn."""
    rows, errors = parse_actions_csv(DEMO_CSV.read_text(encoding="utf-8"))
    if errors:
        raise ValueError(f"demo data is invalid: {errors[0]}")
    year = demo_year(today or date.today())
    return [
        replace(row, action=replace(row.action, date=row.action.date.replace(year=year)))
        for row in rows
    ]


def load_demo(*, if_empty: bool = False) -> ImportResult | None:
    """Import the demo data (None when `if_empty` and there are already actions)."""
    if if_empty and db.session.scalar(select(Action.id).limit(1)) is not None:
        return None
    return import_rows(demo_rows(), notify=False, source="demo")

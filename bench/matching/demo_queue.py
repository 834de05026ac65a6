"""The demo review queue as a coordinator reads it: `make run`'s demo data loaded into a fresh
SQLite database, `matcher match` run, and every pending suggestion printed in review order
(score, then id: the queue's order) with both sides' region, target and the reasons in
English, for the 50-suggestion read of bench/matching/RESULTS.md.

Run from the repository root: ``PYTHONPATH=. .venv/bin/python -m bench.matching.demo_queue``
(prints to stdout; about 10 s). No contact detail is printed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from matcher import create_app
from matcher.extensions import db
from matcher.matching.sentences import render
from matcher.models import Suggestion
from matcher.models.suggestions import SuggestionStatus
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match


def side(action) -> str:  # type: ignore[no-untyped-def]
    """An action's place (the geocoder's, public) and target, as the queue shows them."""
    return f"[{action.place}] {action.target!r}"


def main() -> None:
    """Print the demo queue."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        app = create_app({"DATABASE_URL": url, "MAIL_OUTBOX_DIR": str(Path(tmp) / "outbox")})
        with app.app_context():
            from alembic import command

            from matcher.migrations import alembic_config

            command.upgrade(alembic_config(), "head")
            load_demo()
            run_match()
            db.session.commit()
            pending = db.session.scalars(
                select(Suggestion)
                .where(Suggestion.status == SuggestionStatus.pending)
                .order_by(Suggestion.score.desc(), Suggestion.id)
            ).all()
            print(f"# the demo queue: {len(pending)} pending suggestions in review order")
            for n, s in enumerate(pending, 1):
                print(f"{n:2}. {s.score:.3f} {side(s.action_a)}  ~  {side(s.action_b)}")
                print("      " + "; ".join(render(r) for r in s.reasons))
            app.extensions["matcher.engine"].dispose()


if __name__ == "__main__":
    main()

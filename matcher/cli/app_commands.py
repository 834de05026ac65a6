"""Commands that need the app: database migrations, demo data, CSV import, mail retries."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

db_group = AppGroup("db", help="Database schema migrations (Alembic).")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest)."""
    from alembic import command

    from matcher.migrations import alembic_config

    command.upgrade(alembic_config(), revision)


@db_group.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Migrate the database back to REVISION."""
    from alembic import command

    from matcher.migrations import alembic_config

    command.downgrade(alembic_config(), revision)


@db_group.command("revision")
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    from alembic import command

    from matcher.migrations import alembic_config

    command.revision(alembic_config(), message=message, autogenerate=True)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when there are no actions yet.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load the demo actions derived from the call to action."""
    from matcher.extensions import db
    from matcher.operations.imports import load_demo

    result = load_demo(if_empty=if_empty)
    if result is None:
        click.echo("demo: the database already has actions; nothing loaded")
        return
    db.commit()
    click.echo(f"demo: loaded {len(result.created)} actions, skipped {len(result.skipped)}")


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@click.option(
    "--notify/--no-notify",
    default=True,
    help="Email each organizer that their action is listed, with their manage link.",
)
@with_appcontext
def import_command(path: Path, notify: bool) -> None:
    """Import actions from a CSV file (UTF-8, header row; see README for the columns)."""
    from matcher.action_csv import parse_actions_csv
    from matcher.extensions import db
    from matcher.operations import OperationError
    from matcher.operations.imports import import_rows

    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        click.echo(f"import: cannot read {path}: {exc.strerror}", err=True)
        sys.exit(2)
    rows, errors = parse_actions_csv(data)
    if errors:
        for error in errors:
            click.echo(f"import: {path}: {error}", err=True)
        click.echo("import: nothing imported", err=True)
        sys.exit(2)
    try:
        result = import_rows(rows, notify=notify)
    except OperationError as exc:
        db.rollback()
        click.echo(f"import: {exc}; nothing imported", err=True)
        sys.exit(2)
    db.commit()
    click.echo(
        f"import: created {len(result.created)} actions, skipped {len(result.skipped)} "
        "already imported"
    )


@click.command("send-queued")
@with_appcontext
def send_queued_command() -> None:
    """Send queued email whose next attempt is due (retries after failures)."""
    from matcher.mail.sending import due_email_ids, send_email

    counts: dict[str, int] = {}
    for email_id in due_email_ids():
        status = send_email(email_id)
        key = status.value if status else "missing"
        counts[key] = counts.get(key, 0) + 1
    click.echo(
        "send-queued: " + (", ".join(f"{v} {k}" for k, v in counts.items()) or "nothing due")
    )


def register(app: Flask) -> None:
    """Add the commands to `app.cli`."""
    for command in (db_group, demo_command, import_command, send_queued_command):
        app.cli.add_command(command)

"""Commands that need the app: database migrations, demo data, CSV import, mail retries."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click
from flask import Flask, current_app
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
    db.commit()  # geocoding runs after this commit
    click.echo(f"demo: loaded {len(result.created)} actions, skipped {len(result.skipped)}")
    _match_all()


def _match_all(*, quiet: bool = False) -> None:
    from matcher.cli.progress import Steps
    from matcher.extensions import db
    from matcher.operations.matching import run_match

    with Steps("match", quiet=quiet) as steps:
        report = run_match(progress=steps)
        db.commit()
    steps.summary(
        f"{report.actions} actions, {report.regions} regions, "
        f"{report.suggestions} suggestions ({report.superseded} superseded)"
    )


QUIET = click.option("--quiet", is_flag=True, help="No progress bar (only the summary line).")


@click.command("match")
@QUIET
@with_appcontext
def match_command(quiet: bool) -> None:
    """Recompute regions and suggestions for every published, upcoming action."""
    _match_all(quiet=quiet)


@click.command("regions")
@with_appcontext
def regions_command() -> None:
    """Recompute the region clusters of published, upcoming actions (cron hourly without
    Celery; suggestions are left as they are)."""
    from matcher.operations.matching import refresh_regions_job

    click.echo(f"regions: {refresh_regions_job()} regions")


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@click.option(
    "--notify/--no-notify",
    default=True,
    help="Email each organizer that their action is listed, with their manage link.",
)
@QUIET
@with_appcontext
def import_command(path: Path, notify: bool, quiet: bool) -> None:
    """Import actions from a CSV file (UTF-8, header row; see README for the columns)."""
    import gc

    from matcher.cli.progress import Steps
    from matcher.matching.heap import trim

    with Steps("import", quiet=quiet) as steps:
        created, skipped = _import_file(path, notify=notify, steps=steps)
    # The file, its rows and the import's own structures are gone by now: hand their memory
    # back before the match, whose batch is the command's largest (1M rows: 1.5 GB less).
    gc.collect()
    trim()
    _match_all(quiet=quiet)
    steps.summary(f"created {created} actions, skipped {skipped} already imported")


def _import_file(path: Path, *, notify: bool, steps: Callable[..., None]) -> tuple[int, int]:
    """Read, check and import the file in one transaction and commit; how many actions were
    created and how many rows skipped (already imported). Exits 2 on a bad file."""
    from matcher.extensions import db
    from matcher.formats.action_csv import parse_actions_csv
    from matcher.operations import OperationError
    from matcher.operations.imports import import_rows

    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        click.echo(f"import: cannot read {path}: {exc.strerror}", err=True)
        sys.exit(2)
    steps("read")
    rows, errors = parse_actions_csv(data)
    del data
    if errors:
        for error in errors:
            click.echo(f"import: {path}: {error}", err=True)
        click.echo("import: nothing imported", err=True)
        sys.exit(2)
    try:
        result = import_rows(rows, notify=notify, progress=steps)
    except OperationError as exc:
        db.rollback()
        click.echo(f"import: {exc}; nothing imported", err=True)
        sys.exit(2)
    db.commit()
    return len(result.created), len(result.skipped)


@click.command("send-queued")
@with_appcontext
def send_queued_command() -> None:
    """Send queued email whose next attempt is due (retries after failures)."""
    from matcher.jobs.handlers import send_queued

    counts = send_queued()
    click.echo(
        "send-queued: " + (", ".join(f"{v} {k}" for k, v in counts.items()) or "nothing due")
    )


def _refuse(exc: Exception) -> NoReturn:
    """Print each field's error of an OperationError and exit with status 2."""
    for field, message in getattr(exc, "errors", {}).items():
        click.echo(f"create-coordinator: {field}: {message}", err=True)
    sys.exit(2)


def _ask_password() -> str:
    """Ask for a password (typed twice) until it is strong enough, saying why each weak one
    is refused (matcher.security.passwords)."""
    from matcher.security.passwords import password_problem

    while True:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        problem = password_problem(password)
        if problem is None:
            return password
        click.echo(f"create-coordinator: password: {problem} Try again.", err=True)


@click.command("create-coordinator")
@click.argument("email")
@click.option("--admin", is_flag=True, help="All states; manages coordinators.")
@click.option("--states", default="", help="Comma-separated states, e.g. CA,OR.")
@click.option(
    "--password/--link",
    "ask_password",
    default=None,
    help="Ask for the password now, or print a one-time set-password link "
    "(default: ask when run in a terminal).",
)
@with_appcontext
def create_coordinator_command(
    email: str, admin: bool, states: str, ask_password: bool | None
) -> None:
    """Create a coordinator account."""
    from flask import url_for

    from matcher.extensions import db
    from matcher.operations import OperationError
    from matcher.operations.coordinators import create_coordinator, parse_states
    from matcher.operations.submissions import link
    from matcher.security.auth import set_password_token

    if ask_password is None:
        ask_password = sys.stdin.isatty()
    try:
        chosen_states = parse_states(states)
    except OperationError as exc:
        _refuse(exc)
    password = _ask_password() if ask_password else None
    try:
        coordinator = create_coordinator(
            email, admin=admin, states=chosen_states, password=password
        )
    except OperationError as exc:
        db.rollback()
        _refuse(exc)
    db.commit()
    click.echo(f"created {coordinator.role.value} {coordinator.email}")
    if password is None:
        with current_app.test_request_context():
            path = url_for("coordinate.set_password", token=set_password_token(coordinator))
        click.echo(f"set-password link (valid 3 days, once): {link(path)}")


@click.command("purge-contacts")
@with_appcontext
def purge_contacts_command() -> None:
    """Erase contact details of actions older than CONTACT_RETENTION_DAYS (run daily)."""
    from matcher.jobs.handlers import purge_contacts

    count = purge_contacts()
    click.echo(f"purge-contacts: erased the contact details of {count} actions")


@click.command("export-data")
@click.argument("email")
@with_appcontext
def export_data_command(email: str) -> None:
    """Print, as JSON, everything the service holds about EMAIL (a data subject request)."""
    import json

    from matcher.extensions import db
    from matcher.operations import audit
    from matcher.operations.privacy import export_personal_data

    click.echo(json.dumps(export_personal_data(email), indent=2, ensure_ascii=False))
    audit.record("export_personal_data", "email", None, actor_kind="coordinator")
    db.commit()


@click.command("rotate-keys")
@with_appcontext
def rotate_keys_command() -> None:
    """Re-encrypt contact data with the first key of CONTACT_ENCRYPTION_KEYS."""
    from matcher.extensions import db
    from matcher.operations.keys import rotate_contact_keys

    count = rotate_contact_keys()
    db.commit()
    click.echo(f"rotate-keys: re-encrypted {count} values with the current key")


@click.command("check-deploy")
@with_appcontext
def check_deploy_command() -> None:
    """Check the configuration for production; exit 1 when anything is unsafe."""
    from matcher.security.deploy_checks import deploy_problems

    problems = deploy_problems(current_app.config)
    for problem in problems:
        click.echo(f"check-deploy: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo("check-deploy: no problems found")


@click.command("dkim-record")
@with_appcontext
def dkim_record_command() -> None:
    """Print the DNS TXT record that publishes the public half of the DKIM key."""
    from matcher.security.dkim_keys import DkimKeyError, dkim_key

    try:
        key = dkim_key(current_app.config)
    except DkimKeyError as exc:
        click.echo(f"dkim-record: {exc}", err=True)
        sys.exit(1)
    if key is None:
        click.echo("dkim-record: DKIM_DOMAIN is not set, so mail is not signed", err=True)
        sys.exit(1)
    text = key.dns_text
    strings = " ".join(f'"{text[start : start + 255]}"' for start in range(0, len(text), 255))
    click.echo(f"{key.dns_name}. IN TXT ( {strings} )")


def register(app: Flask) -> None:
    """Add the commands to `app.cli`."""
    from matcher.cli.inbound_smtp import inbound_smtp_command
    from matcher.cli.worker import send_reminders_command, worker_command

    for command in (worker_command, send_reminders_command, inbound_smtp_command):
        app.cli.add_command(command)
    for command in (
        match_command,
        regions_command,
        db_group,
        demo_command,
        import_command,
        send_queued_command,
        create_coordinator_command,
        check_deploy_command,
        dkim_record_command,
        purge_contacts_command,
        rotate_keys_command,
        export_data_command,
    ):
        app.cli.add_command(command)

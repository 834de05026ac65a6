"""The `matcher` command: a Flask CLI group with the app's commands and the pure tools.

`matcher geocode`, `matcher suggest` and `matcher generate-secrets` need no database or app:
they run through a plain click group, so they start without importing Flask's CLI, its
plugins' commands (entry points: flask_limiter, ...) or the app. Anything else (the app's
commands, `matcher --help`, an option before the command) goes to the Flask group, built on
first use, which holds the pure commands too.

May import anything (it is a top layer); commands import what they need inside the command.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import click

from matcher.cli.geocode import geocode_command
from matcher.cli.secrets import generate_secrets_command
from matcher.cli.suggest import suggest_command

PURE_COMMANDS = (geocode_command, suggest_command, generate_secrets_command)
HELP = "Close the Camps matcher: list local actions and suggest introductions."


def _create_app():  # type: ignore[no-untyped-def]
    from matcher.app import create_app

    return create_app()


@cache
def flask_group() -> click.Group:
    """The full `matcher` group: Flask's CLI (app commands, `run`, `shell`, `routes`, the
    plugins' commands) with the pure commands added."""
    from flask.cli import FlaskGroup

    group = FlaskGroup(
        name="main",
        help=HELP,
        create_app=_create_app,
        add_default_commands=True,
        load_dotenv=False,
    )
    for command in PURE_COMMANDS:
        group.add_command(command)
    return group


class MatcherGroup(click.Group):
    """The pure commands run here; every other command line goes to `flask_group()`."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """Run the command line (`sys.argv[1:]` when `args` is None)."""
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        target: click.Group = self if argv and argv[0] in self.commands else flask_group()
        return click.Group.main(target, argv, *rest, **extra)


main = MatcherGroup("main", help=HELP, commands=PURE_COMMANDS)

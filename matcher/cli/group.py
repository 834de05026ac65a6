"""The `matcher` command group: a Flask CLI group with the app's commands and the pure tools.

`matcher geocode`, `matcher suggest` and `matcher generate-secrets` need no database or app; the
others build the app through the factory. Imported by :func:`matcher.cli.main` for every
command but `matcher geocode` (which starts without Flask).
"""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from matcher.cli.geocode import geocode_command
from matcher.cli.secrets import generate_secrets_command
from matcher.cli.suggest import suggest_command

__all__ = ["group"]


def _create_app():  # type: ignore[no-untyped-def]
    from matcher.app import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True, load_dotenv=False)
def group() -> None:
    """Close the Camps matcher: list local actions and suggest introductions."""


group.add_command(geocode_command)
group.add_command(suggest_command)
group.add_command(generate_secrets_command)

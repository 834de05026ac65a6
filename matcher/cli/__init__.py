"""The `matcher` command: a Flask CLI group with the app's commands and the pure tools.

`matcher geocode` and `matcher suggest` need no database or app; the others build the app
through the factory.
"""

from __future__ import annotations

import click
from flask.cli import FlaskGroup


def _create_app():  # type: ignore[no-untyped-def]
    from matcher.app import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True, load_dotenv=False)
def main() -> None:
    """Close the Camps matcher: list local actions and suggest introductions."""


def _add_pure_commands() -> None:
    try:
        from matcher.cli.geocode import geocode_command
    except ImportError:  # pragma: no cover - the geocoding package is optional during builds
        pass
    else:
        main.add_command(geocode_command)
    try:
        from matcher.cli.suggest import suggest_command
    except ImportError:  # pragma: no cover
        pass
    else:
        main.add_command(suggest_command)


_add_pure_commands()

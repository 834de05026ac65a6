"""The `matcher` command: :func:`main` runs the Flask CLI group of :mod:`matcher.cli.group`
(the app's commands and the pure tools).

May import anything (it is a top layer); commands import what they need inside the command, so
`matcher geocode` and `matcher --help` start without loading the app. `matcher geocode` (and
`python -m matcher.cli.geocode`) do not even import Flask: importing this package costs nothing,
and :func:`main` hands `geocode` straight to its command (a cold start in well under a second).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["main"]


def main(args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
    """Run `matcher ARGS` (``sys.argv[1:]`` by default), as click's ``main`` does."""
    argv = list(sys.argv[1:] if args is None else args)
    name = prog_name or "matcher"
    if argv[:1] == ["geocode"]:
        from matcher.cli.geocode import geocode_command

        return geocode_command.main(argv[1:], prog_name=f"{name} geocode", **extra)
    from matcher.cli.group import group

    return group.main(argv, prog_name=name, **extra)

"""``matcher suggest FILE.csv``: suggested introductions for a spreadsheet of actions.

Needs no database, network or Flask app. Rows with latitude and longitude are used as they
are; the others are geocoded offline with the embedded gazetteer, and a row whose location
gives nothing simply has no region partners. Every row counts as published. Prints one JSON
object per suggested pair: ``{"a", "b", "score", "kinds", "reasons"}`` where a and b are the
rows' ``ref`` (or their 1-based data row numbers). Bad input exits with status 2 and a
message naming the row and column.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import IO, Any

import click

__all__ = ["suggest_command"]


def _geocoder() -> Any:
    try:
        from matcher.geocoding import get_gazetteer

        return get_gazetteer()
    except Exception:  # no gazetteer: rows without coordinates get no location
        return None


def _locate(geocoder: Any, location: str) -> tuple[float | None, float | None]:
    if geocoder is None or not location.strip():
        return None, None
    try:
        found = geocoder.geocode(location)
    except Exception:
        return None, None
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None:
        return None, None
    return float(found.latitude), float(found.longitude)


def read_rows(stream: IO[bytes] | IO[str]) -> tuple[list[Any], list[str]]:
    """ActionRows of a CSV file (ids: ref, else row number) and error messages."""
    from matcher.formats.action_csv import parse_actions_csv
    from matcher.matching import ActionRow

    parsed, errors = parse_actions_csv(stream, allow_past_dates=True)
    if errors:
        return [], [str(error) for error in errors]
    geocoder = None
    rows = []
    for item in parsed:
        action = item.action
        lat, lon = action.latitude, action.longitude
        if lat is None or lon is None:
            geocoder = geocoder or _geocoder()
            lat, lon = _locate(geocoder, action.location)
        rows.append(
            ActionRow(
                id=action.ref or item.row,
                latitude=lat,
                longitude=lon,
                date=action.date,
                target_type=str(getattr(action.target_type, "value", action.target_type)),
                target=action.target,
                organizations=tuple(action.organizations),
                contact_email=action.contact_email,
                intro_region=action.intro_region,
                intro_target=action.intro_target,
                published=True,
                title=action.title,
                place=action.location,
            )
        )
    return rows, []


@click.command("suggest")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--top-k",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="At most this many partners per action.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Leave out actions dated before this day (YYYY-MM-DD).",
)
@click.option("--quiet", is_flag=True, help="No progress bar (only the summary line).")
def suggest_command(file: IO[bytes], top_k: int, today: datetime | None, quiet: bool) -> None:
    """Print suggested introductions between the actions of FILE (CSV, or - for stdin).

    The summary line goes to standard error, so standard output holds only the JSON lines."""
    from matcher.cli.progress import Steps
    from matcher.matching import suggest

    with Steps("suggest", quiet=quiet) as steps:
        steps("read")
        rows, errors = read_rows(file)
        if errors:
            for message in errors:
                click.echo(f"error: {message}", err=True)
            sys.exit(2)
        steps("match", 0, len(rows))
        found = suggest(rows, top_k=top_k, today=today.date() if today else None)
        steps("write", 0, len(found))
        dumps, out = json.dumps, sys.stdout
        for start in range(0, len(found), 10_000):
            lines = [
                dumps(
                    {
                        "a": s.a,
                        "b": s.b,
                        "score": round(s.score, 6),
                        "kinds": s.kinds,
                        "reasons": s.reasons,
                    },
                    ensure_ascii=False,
                )
                for s in found[start : start + 10_000]
            ]
            out.write("\n".join(lines) + "\n")
            steps("write", min(start + 10_000, len(found)), len(found))
        out.flush()
    steps.summary(f"{len(rows)} actions, {len(found)} suggestions", err=True)


if __name__ == "__main__":  # python -m matcher.cli.suggest
    suggest_command()

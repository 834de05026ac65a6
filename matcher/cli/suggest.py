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
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from itertools import repeat
from typing import IO, Any

import click

__all__ = ["suggest_command", "write_json_lines"]


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
    """ActionRows of a CSV file (ids: ref, else row number) and error messages; built column
    by column from the validated columns (each location without coordinates geocoded once)."""
    from matcher.formats.action_csv import read_actions_table
    from matcher.matching import ActionRow

    table, errors = read_actions_table(stream, allow_past_dates=True)
    if errors or table is None:
        return [], [str(error) for error in errors]
    kept = table.kept
    every = len(kept) == len(table.numbers)

    def column(name: str) -> list[Any]:
        values = table.checked.values[name]
        return values if every else list(map(values.__getitem__, kept))

    numbers = table.numbers if every else list(map(table.numbers.__getitem__, kept))
    refs = column("ref")
    ids = refs if None not in refs else [ref or n for ref, n in zip(refs, numbers, strict=True)]
    lats, lons, places = column("latitude"), column("longitude"), column("location")
    if None in lats or None in lons:
        lats, lons = list(lats), list(lons)
        geocoder = None
        located: dict[str, tuple[float | None, float | None]] = {}
        for k, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
            if lat is None or lon is None:
                place = places[k]
                if place not in located:
                    geocoder = geocoder or _geocoder()
                    located[place] = _locate(geocoder, place)
                lats[k], lons[k] = located[place]
    types = column("target_type")
    kinds = {kind: kind.value for kind in set(types)}  # (an enum's value: a lookup)
    targets = column("target")
    rows = list(
        map(
            ActionRow,
            ids,
            lats,
            lons,
            column("date"),
            map(kinds.__getitem__, types),
            targets if None not in targets else [target or "" for target in targets],
            column("organizations"),
            column("contact_email"),
            column("intro_region"),
            column("intro_target"),
            repeat(True),
            column("title"),
            places,
        )
    )
    return rows, []


def _string_encoder() -> Callable[[str], str]:
    """A string as `json.dumps(text, ensure_ascii=False)` writes it."""
    from json import encoder

    return encoder.encode_basestring  # type: ignore[no-any-return]


def _number(value: Any) -> str:
    """A number as `json.dumps` writes it (a finite float by its repr, as json does; NaN and
    the infinities as its JavaScript names)."""
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(value)


def write_json_lines(found: Sequence[Any], out: IO[str], chunk: int = 10_000) -> Iterator[int]:
    """Write each suggestion as `json.dumps({"a", "b", "score", "kinds", "reasons"},
    ensure_ascii=False)` would, one per line, yielding the count written after each chunk.

    Each line is put together from parts encoded once: each reason object of the batch (pairs
    share them: an action is in about five), each list of kinds."""
    from matcher.matching.sentences import render

    text = _string_encoder()
    # id of a reason the batch holds -> its sentence, encoded: rendered once per object, with
    # no memo by value (most objects hold distinct values, a pair's distance: the key of the
    # value, its items, cost more than the sentences it saved, measured at 100k)
    by_object: dict[int, str] = {}
    kinds_of: dict[tuple[str, ...], str] = {}

    def reasons(why: Sequence[Any]) -> str:
        parts = []
        for reason in why:  # `found` holds every reason: their ids stay theirs meanwhile
            known = by_object.get(id(reason))
            if known is None:
                known = by_object[id(reason)] = text(render(reason))
            parts.append(known)
        return ", ".join(parts)

    def key(value: Any) -> str:
        if type(value) is int:
            return int.__repr__(value)
        return text(value) if isinstance(value, str) else _number(value)

    def kinds(names: Sequence[str]) -> str:
        names = tuple(names)
        known = kinds_of.get(names)
        if known is None:
            known = kinds_of[names] = ", ".join(map(text, names))
        return known

    for start in range(0, len(found), chunk):
        lines = [
            f'{{"a": {key(s.a)}, "b": {key(s.b)}, "score": {_number(round(s.score, 6))}, '
            f'"kinds": [{kinds(s.kinds)}], "reasons": [{reasons(s.why)}]}}'
            for s in found[start : start + chunk]
        ]
        out.write("\n".join(lines) + "\n")
        yield min(start + chunk, len(found))


@click.command("suggest")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--top-k",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="At most this many partners per action of each kind (region, target).",
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
    from matcher.cli.progress import Steps, leave_now
    from matcher.matching import suggest
    from matcher.matching.gcpause import paused_gc

    # No cyclic collection while the rows, the pairs and the lines are built: none of them
    # form cycles, and each collection walks every live object (0.3 s of reading at 100k).
    with Steps("suggest", quiet=quiet) as steps, paused_gc():
        steps("read")
        rows, errors = read_rows(file)
        if errors:
            for message in errors:
                click.echo(f"error: {message}", err=True)
            sys.exit(2)
        steps("match", 0, len(rows))
        found = suggest(rows, top_k=top_k, today=today.date() if today else None)
        steps("write", 0, len(found))
        for done in write_json_lines(found, sys.stdout):
            steps("write", done, len(found))
        sys.stdout.flush()
    steps.summary(f"{len(rows)} actions, {len(found)} suggestions", err=True)
    leave_now()


if __name__ == "__main__":  # python -m matcher.cli.suggest
    suggest_command()

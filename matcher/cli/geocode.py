"""``matcher geocode``: geocode places from the command line, one JSON object per line.

Needs no database, network or Flask app: it uses the embedded gazetteer.
"""

from __future__ import annotations

import json
import sys

import click

__all__ = ["geocode_command"]


@click.command("geocode")
@click.argument("queries", nargs=-1)
def geocode_command(queries: tuple[str, ...]) -> None:
    """Geocode QUERY ... (or one query per line of standard input) with the offline gazetteer.

    Prints one JSON object per query: query, latitude, longitude, precision, address and
    match, or query and error.
    """
    from matcher.geocoding import geocode_to_dict

    lines = queries or tuple(line.rstrip("\r\n") for line in sys.stdin)
    for query in lines:
        if not query.strip():
            continue
        click.echo(json.dumps(geocode_to_dict(query), ensure_ascii=False))


if __name__ == "__main__":  # python -m matcher.cli.geocode
    sys.exit(geocode_command())

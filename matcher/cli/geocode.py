"""``matcher geocode``: geocode places from the command line, one JSON object per line.

Needs no database, network or Flask app: it uses the embedded gazetteer. A query seen before
in the same run is answered from memory (imports repeat the same few places), and lines are
written in blocks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

import click

__all__ = ["geocode_command"]

BLOCK = 4096


def _queries(queries: tuple[str, ...]) -> Iterator[str]:
    lines: Iterable[str] = queries or (line.rstrip("\r\n") for line in sys.stdin)
    return (query for query in lines if query.strip())


@click.command("geocode")
@click.argument("queries", nargs=-1)
def geocode_command(queries: tuple[str, ...]) -> None:
    """Geocode QUERY ... (or one query per line of standard input) with the offline gazetteer.

    Prints one JSON object per query: query, latitude, longitude, precision, address and
    match, or query and error.
    """
    from matcher.geocoding import geocode_to_dict

    seen: dict[str, str] = {}
    block: list[str] = []
    out = sys.stdout
    for query in _queries(queries):
        line = seen.get(query)
        if line is None:
            line = json.dumps(geocode_to_dict(query), ensure_ascii=False)
            seen[query] = line
        block.append(line)
        if len(block) >= BLOCK:
            out.write("\n".join(block) + "\n")
            block.clear()
    if block:
        out.write("\n".join(block) + "\n")
    out.flush()


if __name__ == "__main__":  # python -m matcher.cli.geocode
    sys.exit(geocode_command())

"""Command line: ``python -m matcher.geocoding.build_facilities [--raw DIR] [--out DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from matcher.geocoding.build_facilities.build import DATA_DIR, build
from matcher.geocoding.build_facilities.facts import FactError
from matcher.geocoding.build_facilities.sources import DEFAULT_RAW, RawSourceError


def main(argv: list[str] | None = None) -> int:
    """Build the catalog; print what was written and merged."""
    parser = argparse.ArgumentParser(
        prog="python -m matcher.geocoding.build_facilities",
        description="Build data/facilities.csv and data/operators.csv from the raw sources.",
    )
    parser.add_argument(
        "--raw", type=Path, default=DEFAULT_RAW, help=f"raw sources (default {DEFAULT_RAW})"
    )
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR, help=f"output folder (default {DATA_DIR})"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every merge and dropped alias"
    )
    args = parser.parse_args(argv)
    try:
        report = build(args.raw, args.out)
    except (RawSourceError, FactError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.out / 'facilities.csv'}: {report.rows} rows")
    for kind, count in sorted(report.types.items()):
        print(f"  {kind}: {count}")
    print(f"{args.out / 'operators.csv'}: {report.operators} operators")
    merged = len(report.merged_hold_rooms)
    print(f"hold rooms folded into the office or facility at their address: {merged}")
    print(f"place-only aliases dropped: {len(report.dropped_aliases)}")
    if args.verbose:
        for hold_room, host in report.merged_hold_rooms:
            print(f"  hold room {hold_room!r} -> {host!r}")
        for name, alias in report.dropped_aliases:
            print(f"  alias {alias!r} of {name!r} dropped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

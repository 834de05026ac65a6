"""The text of a generated data file: its provenance as comment lines, then the CSV rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path


def render_csv(
    rows: Iterable[dict[str, str]], header: Sequence[str], comments: Sequence[str]
) -> str:
    """The CSV text of ``rows`` under ``header``, after one ``# `` line per comment."""
    buffer = io.StringIO()
    buffer.writelines(f"# {line}\n" for line in comments)
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a data file written by `render_csv` (or by hand in its form): a CSV whose
    ``#`` lines are comments."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))

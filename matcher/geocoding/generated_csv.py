"""The text of a generated data file: its provenance as comment lines, then the CSV rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


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

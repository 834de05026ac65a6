"""Today's CSV reader (row by row through WTForms), kept verbatim: the equivalence oracle."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import IO

from tests.formats.legacy_action_fields import validate_action
from tests.formats.legacy_action_input import EXTRA_FIELDS, FIELDS, ActionInput

REQUIRED_COLUMNS = ("title", "date", "location", "target_type", "contact_name", "contact_email")
# Every field of an action is a column (the form's and the API's too): none given is lost.
COLUMNS = frozenset(FIELDS + EXTRA_FIELDS)
MAX_ROWS = 100_000


@dataclass(frozen=True)
class RowError:
    """A problem in one cell (row is the 1-based data row; 0 for the header)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = "header" if self.row == 0 else f"row {self.row} (line {self.row + 1})"
        return f"{where}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class CsvRow:
    """A valid row: its 1-based data row number and the action it describes."""

    row: int
    action: ActionInput

    @property
    def ref(self) -> str:
        """The row's `ref`, or its row number when it has none."""
        return self.action.ref or str(self.row)


def _text_stream(source: IO[str] | IO[bytes] | str | bytes) -> IO[str]:
    if isinstance(source, str):
        return io.StringIO(source.removeprefix("\ufeff"))
    sample = source if isinstance(source, bytes) else source.read()
    if isinstance(sample, bytes):
        sample = sample.decode("utf-8-sig")  # UnicodeDecodeError handled by the caller
    return io.StringIO(sample.removeprefix("\ufeff"))


def parse_actions_csv(
    source: IO[str] | IO[bytes] | str | bytes, *, allow_past_dates: bool = True
) -> tuple[list[CsvRow], list[RowError]]:
    """Every valid row and every error; callers import nothing when there is any error."""
    try:
        stream = _text_stream(source)
    except UnicodeDecodeError as exc:
        return [], [RowError(0, "file", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    reader = csv.DictReader(stream, restkey="__extra__")
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        return [], [RowError(0, "file", "empty file: expected a header row")]
    reader.fieldnames = header
    errors = [
        RowError(0, column, "missing column") for column in REQUIRED_COLUMNS if column not in header
    ]
    if errors:
        return [], errors
    rows: list[CsvRow] = []
    seen_refs: dict[str, int] = {}
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS:
                errors.append(RowError(number, "file", f"more than {MAX_ROWS} rows"))
                break
            if record.get("__extra__"):
                errors.append(RowError(number, "row", "more cells than header columns"))
                continue
            values = {key: value for key, value in record.items() if key in COLUMNS}
            if not any((value or "").strip() for value in values.values()):
                continue  # blank line in a spreadsheet export
            action, problems = validate_action(values, allow_past_dates=allow_past_dates)
            errors.extend(RowError(number, column, msg) for column, msg in problems.items())
            if action is None:
                continue
            if action.ref:
                if action.ref in seen_refs:
                    errors.append(
                        RowError(number, "ref", f"same ref as row {seen_refs[action.ref]}")
                    )
                    continue
                seen_refs[action.ref] = number
            rows.append(CsvRow(number, action))
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, "file", f"not valid CSV: {exc}"))
    return rows, errors

"""Reading the CSV format of coordinators' spreadsheets (UTF-8, header row, pinned columns).

Pure: no app, no database. `parse_actions_csv` validates every row with the same rules as the
web form and the API and reports each problem with its row number and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import IO

from matcher.formats.action_batch import Checked, validate_columns
from matcher.formats.action_fields import EXTRA_FIELDS, FIELDS, ActionInput

REQUIRED_COLUMNS = ("title", "date", "location", "target_type", "contact_name", "contact_email")
# Every field of an action is a column (the form's and the API's too): none given is lost.
COLUMNS = frozenset(FIELDS + EXTRA_FIELDS)
MAX_ROWS = 2_000_000


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


def _distinct(refs: list[str | None]) -> bool:
    """Whether no two rows give the same ref (None: no ref)."""
    nones = refs.count(None)
    return len(set(refs)) - (nones > 0) == len(refs) - nones


def read_actions_table(
    source: IO[str] | IO[bytes] | str | bytes,
    *,
    allow_past_dates: bool = True,
    max_rows: int = MAX_ROWS,
) -> tuple[CsvTable | None, list[RowError]]:
    """The file's valid rows as validated columns (None when the file cannot be read at all)
    and every error."""
    try:
        stream = _text_stream(source)
    except UnicodeDecodeError as exc:
        return None, [RowError(0, "file", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    reader = csv.reader(stream)
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        return None, [RowError(0, "file", f"not valid CSV: {exc}")]
    if not header:
        return None, [RowError(0, "file", "empty file: expected a header row")]
    errors = [
        RowError(0, column, "missing column") for column in REQUIRED_COLUMNS if column not in header
    ]
    if errors:
        return None, errors
    at = {name: i for i, name in enumerate(header) if name in COLUMNS}  # the last of a name
    width = len(header)
    lead = at["title"]  # a required column: most rows give it, so they are not blank
    numbers: list[int] = []
    cells: list[list[str]] = []
    ended: RowError | None = None
    number = 0
    try:
        for record in reader:
            if not record:
                continue  # csv.DictReader skips empty lines without counting them
            number += 1
            if number > max_rows:
                ended = RowError(number, "file", f"more than {max_rows} rows")
                break
            if len(record) > width:
                errors.append(RowError(number, "row", "more cells than header columns"))
                continue
            first = record[lead] if lead < len(record) else ""
            if not (first and first.strip()) and not any(
                record[i].strip() for i in at.values() if i < len(record)
            ):
                continue  # blank line in a spreadsheet export
            numbers.append(number)
            cells.append(record)
    except csv.Error as exc:
        ended = RowError(reader.line_num, "file", f"not valid CSV: {exc}")
    short = [k for k, record in enumerate(cells) if len(record) < width]
    for k in short:  # missing cells at the end of a row: not given
        cells[k] = cells[k] + [None] * (width - len(cells[k]))  # type: ignore[list-item]
    transposed = list(zip(*cells, strict=True)) if cells else [() for _ in header]
    columns = {name: transposed[i] for name, i in at.items()}
    checked = validate_columns(columns, len(cells), allow_past_dates=allow_past_dates)
    found: list[tuple[int, RowError]] = [(error.row, error) for error in errors]
    refs = checked.values["ref"]
    if not checked.bad and _distinct(refs):  # every row kept
        if ended is not None:
            errors.append(ended)
        return CsvTable(numbers, checked, list(range(len(refs)))), errors
    kept: list[int] = []  # positions of the rows kept
    seen_refs: dict[str, int] = {}
    for k, (number, ref) in enumerate(zip(numbers, refs, strict=True)):
        if k in checked.bad:
            problems = checked.problems[k]
            found.extend((number, RowError(number, col, msg)) for col, msg in problems.items())
            continue
        if ref:
            if ref in seen_refs:
                message = f"same ref as row {seen_refs[ref]}"
                found.append((number, RowError(number, "ref", message)))
                continue
            seen_refs[ref] = number
        kept.append(k)
    found.sort(key=lambda item: item[0])  # stable: each row's errors in the order found
    errors = [error for _, error in found]
    if ended is not None:
        errors.append(ended)
    return CsvTable(numbers, checked, kept), errors


@dataclass(frozen=True)
class CsvTable:
    """A file's valid rows as columns: `checked.values[field][k]` for the kept positions k,
    with their 1-based data row numbers in `numbers[k]`."""

    numbers: list[int]
    checked: Checked
    kept: list[int]

    def rows(self) -> list[CsvRow]:
        """The kept rows with their actions."""
        actions = self.checked.actions
        return [CsvRow(self.numbers[k], actions[k]) for k in self.kept]  # type: ignore[arg-type]


def parse_actions_csv(
    source: IO[str] | IO[bytes] | str | bytes,
    *,
    allow_past_dates: bool = True,
    max_rows: int = MAX_ROWS,
) -> tuple[list[CsvRow], list[RowError]]:
    """Every valid row and every error; callers import nothing when there is any error.

    The cells are read first, then validated column by column (`action_batch`): the same
    messages, fields and order as one action validated alone."""
    table, errors = read_actions_table(source, allow_past_dates=allow_past_dates, max_rows=max_rows)
    return (table.rows() if table is not None else []), errors

"""Set-based writes: rows loaded in bulk into a table (COPY on PostgreSQL, batched
`executemany` on SQLite), so that one statement can then join them with the stored data.

Never an `IN` list that grows with the data: psycopg refuses more than 65,535 parameters per
statement, and an ORM object per row costs more than the work itself. Every helper runs on the
session's connection, inside its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import text

from matcher.extensions import db

SQLITE_BATCH = 20_000
# Portable column kinds: (PostgreSQL type, SQLite type).
KINDS = {
    "int": ("bigint", "integer"),
    "float": ("double precision", "real"),
    "text": ("text", "text"),
    "json": ("json", "text"),
}


def dialect() -> str:
    """The name of the session's database dialect (`postgresql` or `sqlite`)."""
    return db.session.get_bind().dialect.name


def _raw_connection() -> Any:
    return db.session.connection().connection.dbapi_connection


def _batches(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Append `rows` (tuples in `columns` order, values ready for the database) to `table`;
    returns how many were written."""
    names = ", ".join(columns)
    count = 0
    raw = _raw_connection()
    if dialect() == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    marks = ", ".join("?" for _ in columns)
    cursor = raw.cursor()
    try:
        for batch in _batches(rows, SQLITE_BATCH):
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (our names)
            cursor.executemany(sql, batch)
            count += len(batch)
    finally:
        cursor.close()
    return count


@contextmanager
def temp_table(
    name: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    *,
    index: Sequence[str] = (),
) -> Iterator[str]:
    """A temporary table `name` with `columns` (name, kind in `KINDS`) holding `rows`, with an
    optional index, dropped afterwards. Yields the table's name."""
    postgres = dialect() == "postgresql"
    spec = ", ".join(f"{col} {KINDS[kind][0 if postgres else 1]}" for col, kind in columns)
    db.session.execute(text(f"DROP TABLE IF EXISTS {name}"))
    db.session.execute(text(f"CREATE TEMPORARY TABLE {name} ({spec})"))
    try:
        copy_rows(name, [col for col, _ in columns], rows)
        if index:
            db.session.execute(text(f"CREATE INDEX {name}_ix ON {name} ({', '.join(index)})"))
        if postgres:
            db.session.execute(text(f"ANALYZE {name}"))
        yield name
    finally:
        db.session.execute(text(f"DROP TABLE IF EXISTS {name}"))

"""Set-based writes: rows loaded in bulk into a table (COPY on PostgreSQL, batched
`executemany` on SQLite), so that one statement can then join them with the stored data, or
appended to a stored table in the database's own form (`write_rows`, ids from `new_ids`).

Never an `IN` list that grows with the data: psycopg refuses more than 65,535 parameters per
statement, and an ORM object per row costs more than the work itself. Every helper runs on the
session's connection, inside its transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from enum import Enum
from itertools import islice
from typing import Any

from sqlalchemy import text

from matcher.extensions import db

SQLITE_BATCH = 20_000
# SQLite's page cache during a bulk write, in KiB (its default is 2 MiB): the indexes of a
# table of 100,000 rows fit, so each insert does not read back and write out index pages.
SQLITE_BULK_CACHE_KIB = 256 * 1024
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


@contextmanager
def bulk_writes() -> Iterator[None]:
    """On SQLite, a larger page cache for this connection while a bulk write runs, then the
    previous one again. Durability is unchanged: the journal and `synchronous` stay as they
    are, so the transaction is on disk at its commit exactly as before (the cache only keeps
    pages in memory between statements of the same transaction)."""
    if dialect() != "sqlite":
        yield
        return
    connection = db.session.connection()
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {previous}")


def analyze(*tables: str) -> None:
    """Refresh PostgreSQL's statistics of tables a bulk write has just filled (a sample: a
    second or so at a million rows), so the next statements are planned for their new size
    without waiting for autovacuum (which may be off). Nothing to do on SQLite."""
    if dialect() == "postgresql":
        for table in tables:
            db.session.execute(text(f"ANALYZE {table}"))


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


def new_ids(table: str, count: int) -> list[int]:
    """`count` new ids for rows of `table`, taken from its sequence (PostgreSQL) or after its
    largest id (SQLite, once this transaction holds the write lock: no one else can insert)."""
    if count == 0:
        return []
    if dialect() == "postgresql":
        query = text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
        )
        return list(db.session.scalars(query, {"table": table, "n": count}))
    db.session.execute(text(f"UPDATE {table} SET id = id WHERE 0"))  # noqa: S608 (our name)
    largest = db.session.scalar(text(f"SELECT max(id) FROM {table}")) or 0  # noqa: S608
    return list(range(largest + 1, largest + count + 1))


def write_rows(table: str, rows: list[dict[str, Any]]) -> None:
    """Append rows (dicts with the same keys) to `table`, in the database's own form: COPY
    on PostgreSQL, batched `executemany` on SQLite. Converted a column at a time."""
    columns = list(rows[0])
    convert = _postgres_value if dialect() == "postgresql" else _sqlite_value
    data = [_converted([row[name] for row in rows], convert) for name in columns]
    copy_rows(table, columns, zip(*data, strict=True))


def _converted(values: list[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """A column's values in the database's form: as they are when every one is already so;
    each distinct value converted once when the column holds one kind of value (the same
    time stamp in every row, a handful of enum values, dates); else one by one."""
    kinds = set(map(type, values))
    if kinds <= _AS_IS:
        return values
    kinds.discard(type(None))
    if len(kinds) == 1 and not kinds & _UNHASHABLE:
        once = {value: convert(value) for value in set(values)}
        return [once[value] for value in values]
    return [convert(value) for value in values]


_AS_IS = frozenset({str, int, float, type(None)})
_UNHASHABLE = frozenset({dict, list})


def _json(value: Any) -> str:
    return json.dumps(value)


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


# By exact type (one lookup per value): what each becomes in the database.
_POSTGRES: dict[type, Any] = {dict: _json, list: _json}
_SQLITE: dict[type, Any] = {
    dict: _json,
    list: _json,
    bool: int,
    datetime: _utc_text,
    date: date.isoformat,
    time: lambda value: value.strftime("%H:%M:%S.%f"),
}


def _converter(table: dict[type, Any]) -> Callable[[Any], Any]:
    """A value in one database's form: as it is, by `table` (exact type), or an enum's value."""

    def convert(value: Any) -> Any:
        kind = type(value)
        if kind in _AS_IS:
            return value
        found = table.get(kind)
        if found is not None:
            return found(value)
        return value.value if isinstance(value, Enum) else value

    return convert


_postgres_value = _converter(_POSTGRES)
#: As SQLAlchemy stores values in SQLite (its DATE, TIME and DATETIME formats).
_sqlite_value = _converter(_SQLITE)

"""Set-based writes hold at any size: 70,000 rows go through a temporary table and one join,
where an `IN` list of 70,000 bind parameters made psycopg refuse the statement (PostgreSQL
takes at most 65,535). Run on SQLite and, in `make test`, on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from matcher.operations.imports import _known_refs
from matcher.operations.set_writes import temp_table
from matcher.operations.suggestion_store import store_suggestions
from tests.support.helpers import make_action

ROWS = 70_000


def test_70000_rows_of_two_columns_through_a_temporary_table(db):
    rows = ((k, k * 2) for k in range(ROWS))
    with temp_table("tmp_pairs", (("a", "int"), ("b", "int")), rows, index=("a",)) as name:
        count, total = db.session.execute(text(f"SELECT count(*), sum(b) FROM {name}")).one()  # noqa: S608
    assert (count, total) == (ROWS, ROWS * (ROWS - 1))


def test_70000_refs_are_checked_against_the_stored_ones(db):
    stored = make_action(db, place="Denver, CO", title="Known", ref="ref-12345")
    assert stored.ref == "ref-12345"
    assert _known_refs([f"ref-{k}" for k in range(ROWS)]) == {"ref-12345"}


def test_storing_no_suggestion_changes_nothing(db):
    assert store_suggestions([], supersede_others=False) == 0


def test_values_are_converted_a_column_at_a_time_as_one_by_one(db):
    from datetime import UTC, date, datetime

    from matcher.models import ActionStatus
    from matcher.operations.set_writes import _converted, _postgres_value, _sqlite_value

    now = datetime(2027, 10, 12, 9, 30, tzinfo=UTC)
    columns = [
        [now, None, now, datetime(2027, 1, 1, tzinfo=UTC)],
        [True, False, None],
        [ActionStatus.published, ActionStatus.pending, ActionStatus.published],
        [{"a": 1}, None, [1, 2]],
        [date(2027, 10, 12), date(2027, 10, 13)],
        ["text", 1, 2.5, None],
        [1, True],  # two kinds: one by one, never confused
    ]
    for convert in (_postgres_value, _sqlite_value):
        for values in columns:
            got = _converted(list(values), convert)
            assert got == [convert(v) for v in values]
            assert [type(v) for v in got] == [type(convert(v)) for v in values]


def test_bulk_writes_give_back_the_page_cache_they_widen(db):
    from matcher.operations.set_writes import SQLITE_BULK_CACHE_KIB, bulk_writes, dialect

    connection = db.session.connection()
    if dialect() != "sqlite":
        with bulk_writes():  # nothing to change on PostgreSQL
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    with bulk_writes():
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_BULK_CACHE_KIB
    assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_an_import_leaves_postgresql_statistics_of_what_it_wrote(db):
    from matcher.operations.imports import load_demo
    from matcher.operations.set_writes import dialect

    load_demo()
    if dialect() != "postgresql":
        return
    tuples = db.session.execute(
        text("SELECT reltuples FROM pg_class WHERE oid = 'actions'::regclass")
    ).scalar()
    assert tuples > 0  # -1 (never analyzed) or 0 without the ANALYZE of the import

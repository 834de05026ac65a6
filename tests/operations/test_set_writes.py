"""Set-based writes hold at any size: 70,000 rows go through a temporary table and one join,
where an `IN` list of 70,000 bind parameters made psycopg refuse the statement (PostgreSQL
takes at most 65,535). Run on SQLite and, in `make test`, on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from matcher.operations.imports import _known_refs
from matcher.operations.matching import _store
from matcher.operations.set_writes import temp_table
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
    assert _store([], supersede_others=False) == 0

"""Storing the engine's suggestions, set-based: new pairs inserted as pending, pending (and
superseded) pairs whose kinds, score, reasons or features changed updated, decided pairs left
as they are, and, for a batch match, pending pairs no longer suggested superseded.

A few pairs (one published action's) go in the statement itself. Many pairs go through a
temporary table. On PostgreSQL, when pairs are stored already (matching again), the temporary
table first holds only each pair's kinds, score and a digest of its reasons and features: the
database compares them with the stored pairs and names the new and changed ones, and only
those are sent whole and written. An unchanged pair is neither sent whole nor rewritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import bindparam, select, text

from matcher.extensions import db
from matcher.matching import Suggestion as Suggested
from matcher.models import Suggestion, SuggestionStatus, utcnow
from matcher.models.base import UTCDateTime
from matcher.operations.region_store import expire
from matcher.operations.set_writes import dialect, temp_table

__all__ = ["store_suggestions"]

FOUND_COLUMNS = (
    ("a", "int"),
    ("b", "int"),
    ("kinds", "text"),
    ("score", "float"),
    ("reasons", "json"),
    ("features", "json"),
)
_UPSERT = """
{source}
INSERT INTO suggestions
    (action_a_id, action_b_id, kinds, score, reasons, features, status, created_at, updated_at)
SELECT a, b, kinds, score, {reasons}, {features}, :pending, :now, :now FROM tmp_found WHERE true
ON CONFLICT (action_a_id, action_b_id) DO UPDATE SET
    kinds = excluded.kinds, score = excluded.score, reasons = excluded.reasons,
    features = excluded.features, status = excluded.status, updated_at = excluded.updated_at
WHERE suggestions.status IN (:pending, :superseded) AND (
    suggestions.status <> :pending OR suggestions.kinds <> excluded.kinds
    OR suggestions.score <> excluded.score
    OR CAST(suggestions.reasons AS {text}) <> CAST(excluded.reasons AS {text})
    OR CAST(suggestions.features AS {text}) <> CAST(excluded.features AS {text}))
"""
# PostgreSQL, many pairs: the reasons and features go to the temporary table as text (no JSON
# parsing of every pair), cast to JSON only on the way into the table.
_PG_UPSERT = """
INSERT INTO suggestions
    (action_a_id, action_b_id, kinds, score, reasons, features, status, created_at, updated_at)
SELECT t.a, t.b, t.kinds, t.score, CAST(t.reasons AS json), CAST(t.features AS json),
    :pending, :now, :now
FROM tmp_found t
ON CONFLICT (action_a_id, action_b_id) DO UPDATE SET
    kinds = excluded.kinds, score = excluded.score, reasons = excluded.reasons,
    features = excluded.features, status = excluded.status, updated_at = excluded.updated_at
WHERE suggestions.status IN (:pending, :superseded)
"""
PG_FOUND_COLUMNS = tuple((name, "text" if kind == "json" else kind) for name, kind in FOUND_COLUMNS)
# Matching again on PostgreSQL: each pair's place in the engine's list, kinds, score and the
# MD5 of its reasons' and features' texts (as stored: `json` keeps the text it was given) joined
# by a line break (JSON text as `json.dumps` writes it has none, so the join is unambiguous).
# A join by hash with the stored pairs (no index probed pair by pair) names the new and changed.
DIGEST_COLUMNS = (
    ("i", "int"),
    ("a", "int"),
    ("b", "int"),
    ("kinds", "text"),
    ("score", "float"),
    ("digest", "text"),
)
_PG_CHANGED = """
SELECT t.i FROM tmp_found_keys t
LEFT JOIN suggestions s ON s.action_a_id = t.a AND s.action_b_id = t.b
WHERE s.id IS NULL OR (s.status IN (:pending, :superseded) AND (
    s.status <> :pending OR s.kinds <> t.kinds OR s.score <> t.score
    OR md5(CAST(s.reasons AS text) || E'\\n' || CAST(s.features AS text)) <> t.digest))
"""
# Up to this many pairs (one published action's) go in the statement itself, as a WITH list:
# no temporary table to create and drop for each job.
SMALL_STORE = 200
_SUPERSEDE = """
UPDATE suggestions SET status = :superseded, updated_at = :now
WHERE status = :pending AND NOT EXISTS (
    SELECT 1 FROM {table} t WHERE t.a = suggestions.action_a_id AND t.b = suggestions.action_b_id)
"""


def _json_dumps() -> Any:
    """`json.dumps` with its default options, without its per-call setup: the C encoder it
    builds on each call, built once (the same text; no check for circular data, which the
    engine's reasons and features never hold). `json.dumps` itself without the C module."""
    make = json.encoder.c_make_encoder
    if make is None:
        return json.dumps
    base = json.JSONEncoder()
    # markers (none: no circularity check), default, string encoder, indent (none), the
    # separators, sort_keys, skipkeys, allow_nan: json.JSONEncoder.iterencode's own call
    encode = make(
        None, base.default, json.encoder.encode_basestring_ascii, None,
        ": ", ", ", False, False, True,
    )  # fmt: skip

    def dumps(value: Any) -> str:
        return "".join(encode(value, 0))

    return dumps


_dumps = _json_dumps()


def _encoder() -> Any:
    """`reasons(why)`: a list of reason objects as `json.dumps` writes it, each object (pairs
    of a batch share them) encoded once while the encoder lives: the caller holds every object
    meanwhile, so their ids stay theirs."""
    dumps = _dumps
    encoded: dict[int, str] = {}

    def reasons(why: list[Any]) -> str:
        parts = []
        for reason in why:
            known = encoded.get(id(reason))
            if known is None:
                known = encoded[id(reason)] = dumps(reason)
            parts.append(known)
        return f"[{', '.join(parts)}]"  # as dumps writes a list

    return reasons


def _found_rows(found: list[Suggested]) -> Iterator[tuple[Any, ...]]:
    """Each pair once (its first place in `found`), its reasons and features as `json.dumps`
    writes them."""
    for _i, row in _numbered_rows(found):
        yield row


def _numbered_rows(found: list[Suggested]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """`_found_rows`, each row with its pair's first place in `found`."""
    seen: set[tuple[int, int]] = set()
    dumps = _dumps
    reasons = _encoder()
    for i, s in enumerate(found):
        pair = (int(s.a), int(s.b))
        if pair in seen:
            continue
        seen.add(pair)
        yield i, (*pair, ",".join(s.kinds), float(s.score), reasons(s.why), dumps(s.features))


def _digest_rows(found: list[Suggested]) -> Iterator[tuple[Any, ...]]:
    """Each pair once: its place in `found`, ids, kinds, score and the digest of its texts."""
    md5 = hashlib.md5
    for i, (a, b, kinds, score, reasons, features) in _numbered_rows(found):
        digest = md5(f"{reasons}\n{features}".encode()).hexdigest()
        yield i, a, b, kinds, score, digest


def store_suggestions(found: Iterable[Suggested], *, supersede_others: bool = False) -> int:
    """Insert new pairs as pending, refresh pending (and superseded) ones; decided pairs stay
    as they are. With `supersede_others`, every pending pair not found is superseded: returns
    how many. Flushes the session first; unchanged pairs are not rewritten."""
    db.session.flush()
    params = {
        "now": utcnow(),
        "pending": SuggestionStatus.pending.value,
        "superseded": SuggestionStatus.superseded.value,
    }
    typed = [bindparam("now", type_=UTCDateTime())]
    postgres = dialect() == "postgresql"
    found = found if isinstance(found, list) else list(found)
    if not supersede_others and len(found) <= SMALL_STORE:
        _store_few(found, params, typed, postgres)
        return 0
    if supersede_others:  # none pending before (a first match): none to supersede after
        pending = select(Suggestion.id).where(Suggestion.status == SuggestionStatus.pending)
        supersede_others = db.session.scalar(pending.limit(1)) is not None
    if postgres and db.session.scalar(select(Suggestion.id).limit(1)) is not None:
        superseded = _store_changed(found, params, typed, supersede=supersede_others)
    else:
        superseded = _store_all(found, params, typed, postgres, supersede=supersede_others)
    expire(Suggestion)
    return superseded


def _store_few(found: list[Suggested], params: dict, typed: list, postgres: bool) -> None:
    """A few pairs, in the statement itself."""
    rows = list(_found_rows(found))
    if rows:
        values = []
        for i, row in enumerate(rows):
            values.append(f"(:a{i}, :b{i}, :k{i}, :s{i}, :r{i}, :f{i})")
            params.update(dict(zip((f"{c}{i}" for c in "abksrf"), row, strict=True)))
        columns = "a, b, kinds, score, reasons, features"
        source = f"WITH tmp_found ({columns}) AS (VALUES {', '.join(values)})"
        names = {
            "text": "text" if postgres else "TEXT",
            "reasons": "CAST(reasons AS json)" if postgres else "reasons",
            "features": "CAST(features AS json)" if postgres else "features",
        }
        db.session.execute(text(_UPSERT.format(source=source, **names)).bindparams(*typed), params)
    expire(Suggestion)


def _supersede(table: str, params: dict, typed: list) -> int:
    """Supersede the pending pairs that `table` (columns a, b) does not hold: how many."""
    sql = _SUPERSEDE.format(table=table)
    result = db.session.execute(text(sql).bindparams(*typed), params)
    return max(result.rowcount or 0, 0)


def _store_all(
    found: list[Suggested], params: dict, typed: list, postgres: bool, *, supersede: bool
) -> int:
    """Every pair sent whole through one temporary table, then one upsert (SQLite, and a first
    match on PostgreSQL)."""
    if postgres:  # nothing stored to join with: every pair is new
        upsert, columns, index = _PG_UPSERT, PG_FOUND_COLUMNS, ()
    else:
        upsert = _UPSERT.format(source="", text="TEXT", reasons="reasons", features="features")
        columns, index = FOUND_COLUMNS, ("a", "b")
    with temp_table("tmp_found", columns, _found_rows(found), index=index):
        db.session.execute(text(upsert).bindparams(*typed), params)
        return _supersede("tmp_found", params, typed) if supersede else 0


def _store_changed(found: list[Suggested], params: dict, typed: list, *, supersede: bool) -> int:
    """PostgreSQL, pairs stored already: the digests first, then only the new and changed
    pairs sent whole and upserted."""
    with temp_table("tmp_found_keys", DIGEST_COLUMNS, _digest_rows(found)):
        places = sorted(db.session.scalars(text(_PG_CHANGED), params))
        if places:
            changed = [found[i] for i in places]
            with temp_table("tmp_found", PG_FOUND_COLUMNS, _found_rows(changed)):
                db.session.execute(text(_PG_UPSERT).bindparams(*typed), params)
        return _supersede("tmp_found_keys", params, typed) if supersede else 0

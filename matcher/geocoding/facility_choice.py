"""Telling apart same-named facilities far from each other when the text names no state or
town: "the Northwest processing center" (three facilities' names hold "Northwest", one of them
is a processing center), "el Centro de Procesamiento del Noroeste", "the Butler County
detention center" (two Butler County jails, only Ohio's on ICE's current lists).

:func:`tell_apart` keeps, first, the facilities whose own name holds the kind of place the
mention says ("processing center"); then, when they are still far apart, the one site ICE
uses now, as a guess the organizer is asked to confirm. :func:`by_operator` keeps those the
company the text names runs ("the CoreCivic Houston Processing Center": of Houston's
facilities, CoreCivic's).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import cache

from matcher.geocoding.facility_entries import FACILITIES_FILE, Facility
from matcher.geocoding.normalize import key

__all__ = ["by_operator", "kind_first", "kind_named", "operators_named", "tell_apart"]

OPERATORS_FILE = FACILITIES_FILE.with_name("operators.csv")

# fmt: off
#: Kinds of place a mention may say, as a facility's name writes them (folded keys), with the
#: Spanish heads that say the same; longest first.
_KINDS = (
    ("service processing center", "service processing center"),
    ("centro de procesamiento", "processing center"),
    ("processing center", "processing center"),
    ("centro de detencion", "detention center"),
    ("detention center", "detention center"),
    ("detention facility", "detention facility"),
    ("correctional facility", "correctional facility"),
    ("correctional center", "correctional center"),
    ("centro correccional", "correctional center"),
    ("residential center", "residential center"),
    ("centro residencial", "residential center"),
)
# fmt: on


def kind_named(words: Sequence[str]) -> str | None:
    """The kind of place the words of a mention say, as official names write it."""
    text = f" {' '.join(words)} "
    for phrase, kind in _KINDS:
        if f" {phrase} " in text:
            return kind
    return None


def _names_kind(facility: Facility, kind: str) -> bool:
    return any(f" {kind} " in f" {key(name)} " for name in (facility.name, *facility.aliases))


def kind_first(choices: list[Facility], words: Sequence[str]) -> list[Facility]:
    """The choices whose own name holds the kind of place the mention's words say first ("el
    Centro Residencial Familiar del Sur de Texas": of the two South Texas sites 27 km apart,
    the residential center), the others after them in their order."""
    kind = kind_named(words) if len(choices) > 1 else None
    if kind is None:
        return choices
    named = [f for f in choices if _names_kind(f, kind)]
    return named + [f for f in choices if f not in named] if named else choices


def tell_apart(choices: list[Facility], words: Sequence[str]) -> tuple[list[Facility], bool]:
    """The choices a mention's words (``words``) narrow same-named facilities to, and
    whether the answer is only a guess (several far apart, one of them in use now)."""
    kind = kind_named(words)
    if kind is not None:
        named = [f for f in choices if _names_kind(f, kind)]
        if named:
            choices = named
    if len(choices) > 1:
        current = [f for f in choices if f.current]
        if len(current) == 1:
            return current + [f for f in choices if not f.current], True
    return choices, False


@cache
def _operator_names() -> dict[tuple[str, ...], str]:
    """Private operators' names and aliases as word tuples (folded) -> operator id."""
    names: dict[tuple[str, ...], str] = {}
    with OPERATORS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            if row["kind"] != "private":
                continue  # "county", "federal", "ICE": words of a facility's name, not a firm
            for name in (row["name"], *row["aliases"].split(";")):
                words = tuple(key(name).split())
                if words and words[0] == "the":
                    words = words[1:]  # "The GEO Group" is read as "GEO Group"
                if words:
                    names[words] = row["id"]
    return names


@cache
def _operator_first_words() -> frozenset[str]:
    """The first words of the operators' names and aliases (a cheap test first)."""
    return frozenset(words[0] for words in _operator_names()) - {"the"}


def operators_named(words: Sequence[str]) -> frozenset[str]:
    """The ids of the operators whose name or alias the words hold as whole words."""
    if _operator_first_words().isdisjoint(words):
        return frozenset()  # most texts name no operator
    names = _operator_names()
    found = set()
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            fid = names.get(tuple(words[start : start + size]))
            if fid is not None:
                found.add(fid)
    return frozenset(found)


def by_operator(choices: list[Facility], words: Sequence[str]) -> list[Facility]:
    """The choices the operator the words name runs, or all of them when it runs none (or
    none is named)."""
    if len(choices) < 2:
        return choices
    named = operators_named(words)
    kept = [f for f in choices if f.operator in named] if named else []
    return kept or choices

"""Which catalog entries a head word names, and in what order: "detention center" names the
detention sites (never a hold room, which only its own name names), "ICE office" ICE's offices,
"immigration court" EOIR's courts (never each other's), and "the ICE facility"
(:data:`~matcher.geocoding.facility_words.SITE_HEADS`) a site run for ICE, else ICE's office,
else any detention site (a county's jail that holds ICE's detainees is not ICE's facility).
An agency's own headquarters (ICE's, in Washington) is one of its offices ("ICE
headquarters in Washington", "la sede de ICE en Washington"); a firm's seat is not.
Used by :class:`matcher.geocoding.facilities.FacilityCatalog`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from matcher.geocoding.facility_entries import (
    DETENTION_KINDS,
    FACILITIES_FILE,
    OFFICE_KINDS,
    Facility,
)

__all__ = [
    "COURT",
    "COURT_KIND",
    "HeadKind",
    "agency_seat",
    "courts_first",
    "ice_run",
    "ice_sites",
    "of_kind",
    "ranked",
]

#: The head kind of a court head ("the immigration court in Miami"): the courts only.
COURT = "court"
#: The catalog kind of EOIR's immigration courts.
COURT_KIND = "immigration_court"
#: What a head word names: detention sites (False), ICE's offices (True), courts
#: (:data:`COURT`), or a site of either kind (None).
HeadKind = bool | str | None

_RANK = {"processing_center": 0, "ero_field_office": 0, "hold_room": 3, "ero_sub_office": 2}
#: ICE's offices (the office heads never name a court).
_ICE_OFFICE_KINDS = OFFICE_KINDS - {COURT_KIND}
_HELD_KINDS = (DETENTION_KINDS - {"hold_room"}) | {"operator_hq"}
#: Detention sites an office head may name where the town has no office.
_SITE_KINDS = DETENTION_KINDS - {"hold_room"}
#: Operators whose jails hold ICE's detainees without being ICE's own sites (a county's or a
#: city's jail, a federal prison, an unknown one), and the kinds of site that are ICE's own.
_NOT_ICE_RUN = frozenset(("county", "city", "bop", None))
_ICE_KINDS = frozenset(("processing_center", "staging_facility", "family_residential"))


@cache
def _agencies() -> frozenset[str]:
    """The ids of the government agencies among the operators (``data/operators.csv``)."""
    with FACILITIES_FILE.with_name("operators.csv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return frozenset(row["id"] for row in rows if row["kind"] == "federal")


def agency_seat(facility: Facility) -> bool:
    """Whether an entry is a government agency's own headquarters (ICE's), not a firm's."""
    return facility.kind == "operator_hq" and facility.operator in _agencies()


def ranked(by_id: Mapping[str, Facility], ids: Iterable[str]) -> tuple[str, ...]:
    """Ids without repeats, the main sites first (a hold room or a sub-office last), and of
    sites of one rank those on ICE's current lists, then those run for ICE, first ("the
    detention center in Houston" is the Houston Contract Detention Facility, not a former
    group home on an old list)."""
    unique = dict.fromkeys(ids)
    if len(unique) < 2:
        return tuple(unique)
    return tuple(sorted(unique, key=lambda i: _order(by_id[i])))


def _order(facility: Facility) -> tuple[int, bool, bool]:
    held = facility.kind in DETENTION_KINDS
    rank = _RANK.get(facility.kind, 1)
    if facility.kind == COURT_KIND and not _main_court(facility):
        rank = 2  # one of a town's other courts ("New York - Broadway"), after its main one
    return (rank, not facility.current, held and not ice_run(facility))


def _main_court(facility: Facility) -> bool:
    """Whether a court bears its town's plain name ("New York Immigration Court")."""
    plain = f"{facility.city} immigration court".casefold()
    return any(n.casefold() == plain for n in (facility.name, *facility.aliases))


def ice_run(facility: Facility) -> bool:
    """Whether a detention site is ICE's own or a firm's for ICE (not a county's jail)."""
    return facility.kind in _ICE_KINDS or facility.operator not in _NOT_ICE_RUN


def of_kind(by_id: Mapping[str, Facility], ids: Iterable[str], office: HeadKind) -> tuple[str, ...]:
    """The ids of the kind a head word names, ranked: detention sites (``office`` False),
    ICE's offices (True), immigration courts (:data:`COURT`), or for a head of either kind
    (None) a site run for ICE, else an office, else any detention site."""
    if office == COURT:
        return ranked(by_id, (i for i in ids if by_id[i].kind == COURT_KIND))
    if office is None:
        held = of_kind(by_id, ids, False)
        own = [i for i in held if ice_run(by_id[i])]
        return ranked(by_id, own) or of_kind(by_id, ids, True) or held
    if office:
        return ranked(
            by_id, (i for i in ids if by_id[i].kind in _ICE_OFFICE_KINDS or agency_seat(by_id[i]))
        )
    return ranked(by_id, (i for i in ids if by_id[i].kind in _HELD_KINDS))


def ice_sites(by_id: Mapping[str, Facility], ids: Iterable[str]) -> tuple[str, ...]:
    """The detention sites run for ICE among ids (no hold room), ranked: what an office head
    names in a town with no office ("the ICE office in Broadview" is the Broadview facility,
    the agency's only site there)."""
    return ranked(by_id, (i for i in ids if by_id[i].kind in _SITE_KINDS and ice_run(by_id[i])))


def courts_first(by_id: Mapping[str, Facility], ids: Sequence[str]) -> tuple[str, ...]:
    """Ids with the courts first, in their order, then the others: an address two agencies
    share (26 Federal Plaza: ICE's New York office and EOIR's court) read beside a court's
    word ("courthouse arrests at 26 Federal Plaza")."""
    courts = [i for i in ids if by_id[i].kind == COURT_KIND]
    return (*courts, *(i for i in ids if by_id[i].kind != COURT_KIND))

"""Catalog rows from the groups of ICE list entries: inclusion, name, type, operator.

Included: every site of the FY2019-FY2026 statistics, the 2019 and 2020 lists and the 2015
list; from the November 2017 list only sites used since FY2016 (last use on or after
2015-10-01) and every SPC, CDF, DIGSA, family or staging site, never hospitals, ORR shelters
or hotels. The 2009 list only adds former names. The name is the most frequent spelling in
the four most recent lists that have the site; address, state, area of responsibility and type
come from the most recent list that gives them; the operator from ICE's 2017 (or 2015) list.
"""

from __future__ import annotations

import re
from collections import Counter

from matcher.geocoding.build_facilities.ice_lists import Record
from matcher.geocoding.build_facilities.places import Places
from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.build_facilities.sources import CURRENT_LISTS, LIST_BY_TAG, rank
from matcher.geocoding.build_facilities.text import fix_typos, norm_name, title

__all__ = ["AOR_NAMES", "facility_type", "operator_from_code", "rows_from_groups"]

#: ICE's area-of-responsibility codes and the field offices' names on ICE's pages.
AOR_NAMES = {
    "ATL": "Atlanta", "BAL": "Baltimore", "BOS": "Boston", "BUF": "Buffalo", "CHI": "Chicago",
    "DAL": "Dallas", "DEN": "Denver", "DET": "Detroit", "ELP": "El Paso", "HLG": "Harlingen",
    "HOU": "Houston", "LOS": "Los Angeles", "MIA": "Miami", "NEW": "Newark",
    "NOL": "New Orleans", "NYC": "New York", "PHI": "Philadelphia", "PHO": "Phoenix",
    "SEA": "Seattle", "SFR": "San Francisco", "SLC": "Salt Lake City", "SNA": "San Antonio",
    "SND": "San Diego", "SPM": "St. Paul", "WAS": "Washington",
}  # fmt: skip
AOR_CODES = {name: code for code, name in AOR_NAMES.items()}
AOR_CODES.update({"Saint Paul": "SPM", "Washington D.C.": "WAS", "New York City": "NYC"})

#: ICE's "Facility Operator" codes and the catalog's operator ids (None: no operator stated).
OPERATOR_CODES: dict[str, str | None] = {
    "GEO": "geo_group", "CCA": "corecivic", "M&TC": "mtc",
    "LASALLE CORRECTIONS": "lasalle_corrections", "CEC": "community_education_centers",
    "CORNELL": "cornell_companies", "AGS": "akima", "ICA": "ica", "MVM": "mvm",
    "AKAL": "akal_security", "AHTNA (GUARD)": "ahtna",
    "ASSET (GUARD)": "asset_protection_security", "GPS-ASSET": "asset_protection_security",
    "BOP": "bop", "CITY": "city", "HOSPITAL": None, "HOTEL": None, "OTHER": None, "ORR": None,
    "CFDFC": None,
}  # fmt: skip
_ALWAYS_2017 = frozenset(("SPC", "CDF", "DIGSA", "FAMILY", "STAGING", "USMS CDF"))
_ICE_RUN = frozenset(("SPC", "HOLD", "STAGING", "OTHER"))
_NO_ADDRESS = frozenset(("UNAVAILABLE", "N/A", "NA", "UNKNOWN"))


def facility_type(type_detailed: str, name: str) -> str:
    """The catalog type from ICE's "Type Detailed" and the name."""
    t = (type_detailed or "").upper()
    if t == "SPC":
        return "processing_center"
    if t == "FAMILY":
        return "family_residential"
    if t == "HOLD":
        return "hold_room"
    if t in ("STAGING", "FAMILY STAGING", "TAP-ICE"):
        return "staging_facility"
    if t in ("STATE", "DOD", "MOC"):
        return "temporary_site"
    if re.search(r"PROCESS\w* (CENTER|CTR)|\bIPC\b", name.upper()):
        return "processing_center"
    return "detention_facility"


def operator_from_code(code: str, type_detailed: str) -> str | None:
    """The operator id of ICE's operator code (FEDERAL: ICE for its own sites)."""
    c = (code or "").upper().strip()
    if not c:
        return None
    if c.startswith("COUNTY"):
        return "county"
    if c == "FEDERAL":
        return "ice" if (type_detailed or "").upper() in _ICE_RUN else "federal"
    return OPERATOR_CODES.get(c)


def _included(group: list[Record]) -> bool:
    of_2017 = [r for r in group if r.src == "ICE2017"]
    if any(r.type_detailed.upper() in ("HOSPITAL", "ORR") for r in of_2017):
        return False
    if {r.src for r in group} <= {"ICE2009", "ICE2017"}:
        if not of_2017 or of_2017[0].operator.upper() == "HOTEL":
            return False
        kind = of_2017[0].type_detailed.upper()
        return kind in _ALWAYS_2017 or of_2017[0].last_use >= "2015-10-01"
    return True


def _current_name(group: list[Record]) -> str:
    """The most frequent spelling of the four most recent lists (ties: the newest, longest)."""
    lists = sorted({r.src for r in group}, key=rank)[-4:]
    counts = Counter(fix_typos(r.nn) for r in group if r.src in lists)
    newest = {k: max(rank(r.src) for r in group if fix_typos(r.nn) == k) for k in counts}
    best = max(counts, key=lambda k: (counts[k], newest[k], len(k)))
    return next(fix_typos(r.name) for r in reversed(group) if fix_typos(r.nn) == best)


def _operator(group: list[Record], type_detailed: str, name: str) -> tuple[str, str]:
    """(operator id, source id) from ICE's operator code, type or a "CCA" name tag."""
    coded = next(
        (r for r in reversed(group) if r.operator and r.src in ("ICE2017", "ICE2015")), None
    )
    if coded:
        operator = operator_from_code(coded.operator, coded.type_detailed)
        if operator:
            return operator, LIST_BY_TAG[coded.src].source_id
    latest = LIST_BY_TAG[group[-1].src].source_id
    by_type = {"BOP": "bop", "DOD": "military", "STATE": "state"}.get(type_detailed.upper())
    if by_type:
        return by_type, latest
    if re.search(r"\(CCA\)|^CCA,|\bCCA\b", name):
        return "corecivic", latest
    return "", ""


def _row(group: list[Record], places: Places) -> Row:
    group = sorted(group, key=lambda r: rank(r.src))
    latest = group[-1]
    name_raw = _current_name(group)
    name = title(name_raw)
    with_address = next((r for r in reversed(group) if r.address), latest)
    aor = next((r.aor for r in reversed(group) if r.aor), "") or next(
        (AOR_CODES.get(r.aor_name, "") for r in reversed(group) if r.aor_name), ""
    )
    type_detailed = next(
        (r.type_detailed for r in reversed(group) if r.type_detailed and r.src != "OVER72-2020"),
        latest.type_detailed,
    )
    operator, operator_source = _operator(group, type_detailed, name_raw)
    aliases: list[str] = []
    for r in reversed(group):
        spelling = title(fix_typos(r.name))
        if norm_name(spelling) not in {norm_name(a) for a in [name, *aliases]}:
            aliases.append(spelling)
    address = with_address.address if with_address.address.upper() not in _NO_ADDRESS else ""
    row = Row(
        name=name,
        type=facility_type(type_detailed, name_raw),
        address=title(address) if address else "",
        city=title(with_address.city),
        state=next((r.state for r in reversed(group) if r.state), ""),
        zip=with_address.zip,
        operator=operator,
        aliases=aliases,
        field_office=AOR_NAMES.get(aor, ""),
        field_office_code=aor,
        in_current_ice_list=bool({r.src for r in group} & CURRENT_LISTS),
        sources={LIST_BY_TAG[r.src].source_id for r in group} | ({operator_source} - {""}),
        listed_names=sorted({r.name for r in group}),
        ice_type=type_detailed,
    )
    row.locate(places)
    return row


def rows_from_groups(groups: list[list[Record]], places: Places) -> list[Row]:
    """One row per included group."""
    return [_row(group, places) for group in groups if _included(group)]

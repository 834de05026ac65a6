"""Reading ICE's facility spreadsheets into :class:`Record` objects, one per list entry.

The lists (ids and dates in :mod:`.sources`): the "Facilities" sheets of the FY2019-FY2026
detention statistics, the 2019 dedicated / non-dedicated lists, the 2020 over-72-hour list
(grouped by area of responsibility, no addresses), the November 2017 and 2015 facility lists
(DETLOC codes, operators, dates of use) and the 2009 FOIA list (former names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from matcher.geocoding.build_facilities.text import address_key, clean, norm_name, zip5

__all__ = ["STATS_FILES", "Record", "load_all"]

#: Detention-statistics workbooks and the tag of each (see ``sources.ICE_LISTS``).
STATS_FILES = (
    ("FY19-detentionstats.xlsx", "FY19"),
    ("FY20-detentionstats.xlsx", "FY20"),
    ("FY21-detentionstats.xlsx", "FY21"),
    ("FY21_detentionStats07082021.xlsx", "FY21b"),
    ("FY22-detentionStats.xlsx", "FY22"),
    ("FY23_detentionStats.xlsx", "FY23"),
    ("FY24_detentionStats.xlsx", "FY24"),
    ("FY25_detentionStats09242025.xlsx", "FY25"),
    ("FY26_detentionStats02022026.xlsx", "FY26a"),
    ("FY26_detentionStats_02122026.xlsx", "FY26b"),
    ("FY26_detentionStats_04092026.xlsx", "FY26c"),
)


@dataclass(slots=True)
class Record:
    """One entry of one ICE list."""

    idx: int
    src: str
    name: str
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    aor: str = ""
    aor_name: str = ""
    type_detailed: str = ""
    detloc: str = ""
    operator: str = ""
    first_use: str = ""
    last_use: str = ""
    nn: str = field(init=False)
    ak: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.nn = norm_name(self.name)
        self.ak = address_key(self.address, self.zip, self.state)


def _rows(path: Path, sheet: str | None = None) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    worksheet = book[sheet] if sheet else book.worksheets[0]
    return list(worksheet.iter_rows(values_only=True))


def _table(rows: list[tuple[Any, ...]], first_header: str) -> list[dict[str, Any]]:
    """The rows under the header row whose first cell is ``first_header``, as dicts."""
    start = next(i for i, r in enumerate(rows) if r and clean(r[0]) == first_header)
    header = [clean(c) or f"c{j}" for j, c in enumerate(rows[start])]
    return [dict(zip(header, r, strict=False)) for r in rows[start + 1 :] if r and any(r)]


def _stats(raw: Path) -> list[dict[str, Any]]:
    out = []
    for name, tag in STATS_FILES:
        book = openpyxl.load_workbook(raw / name, read_only=True, data_only=True)
        sheets = [s for s in book.sheetnames if s.strip().lower().startswith("facilities")]
        if not sheets:
            raise ValueError(f"{name}: no 'Facilities' sheet among {book.sheetnames}")
        for entry in _table(list(book[sheets[0]].iter_rows(values_only=True)), "Name"):
            if entry.get("Name") and entry.get("Address"):
                out.append({**entry, "_src": tag})
    return out


def _dedicated(raw: Path) -> list[dict[str, Any]]:
    path = raw / "dedicatedNonDedicatedFacilityList.xlsx"
    out = []
    for sheet, tag in (
        ("ICE Dedicated Facilities", "DND2019-ded"),
        ("ICE Non-Dedicated Facilities", "DND2019-nonded"),
    ):
        for d in _table(_rows(path, sheet), "NAME"):
            if d.get("NAME") and d.get("CITY"):
                out.append(
                    {
                        "_src": tag,
                        "Name": d["NAME"],
                        "Address": d.get("ADDRESS"),
                        "City": d["CITY"],
                        "State": d.get("STATE"),
                        "Zip": d.get("ZIP"),
                        "AOR": d.get("AOR"),
                        "Type Detailed": d.get("TYPE"),
                    }
                )
    return out


def _over72(raw: Path) -> list[dict[str, Any]]:
    """The over-72-hour list: AOR heading rows ("Atlanta AOR") then the facilities."""
    out, aor = [], None
    for r in _rows(raw / "Over72HourFacilities.xlsx"):
        first = clean(r[0])
        if first.endswith(" AOR") and r[1] is None:
            aor = first[:-4]
            continue
        if first in ("", "Facility Name") or not aor:
            continue
        if r[1] and r[2] and len(clean(r[2])) == 2:
            out.append(
                {"_src": "OVER72-2020", "Name": r[0], "City": r[1], "State": r[2]}
                | {"AOR_name": aor, "Type Detailed": r[3]}
            )
    return out


def _facility_list(raw: Path, name: str, tag: str) -> list[dict[str, Any]]:
    rows = _table(_rows(raw / name, "Facility List - Main"), "DETLOC")
    return [{**d, "_src": tag} for d in rows if d.get("Name")]


def _list_2009(raw: Path) -> list[dict[str, Any]]:
    import xlrd

    sheet = xlrd.open_workbook(raw / "09foia5638detentionfacilitylist.xls").sheets()[0]
    start = next(i for i in range(sheet.nrows) if clean(sheet.row_values(i)[0]) == "DETLOC")
    header = [clean(c) for c in sheet.row_values(start)]
    out = []
    for i in range(start + 1, sheet.nrows):
        d = dict(zip(header, sheet.row_values(i), strict=False))
        if d.get("NAME"):
            out.append(
                {
                    "_src": "ICE2009",
                    "DETLOC": d["DETLOC"],
                    "Name": d["NAME"],
                    "Address": d.get("ADDRESS"),
                    "City": d.get("CITY"),
                    "State": d.get("ST"),
                    "Zip": d.get("ZIP"),
                    "AOR": d.get("AOR"),
                    "Type Detailed": d.get("TYPE 1"),
                }
            )
    return out


def load_all(raw: Path) -> list[Record]:
    """Every entry of every ICE list in ``raw``, in a fixed order."""
    entries = _stats(raw) + _dedicated(raw) + _over72(raw)
    entries += _facility_list(raw, "ICE_Facility_List_11-06-2017-web.xlsx", "ICE2017")
    entries += _facility_list(raw, "2015IceDetentionFacilityListing.xlsx", "ICE2015")
    entries += _list_2009(raw)
    return [
        Record(
            idx=i,
            src=d["_src"],
            name=clean(d.get("Name")),
            address=clean(d.get("Address")),
            city=clean(d.get("City")),
            state=clean(d.get("State")),
            zip=zip5(d.get("Zip")),
            aor=clean(d.get("AOR")),
            aor_name=clean(d.get("AOR_name")),
            type_detailed=clean(d.get("Type Detailed")),
            detloc=clean(d.get("DETLOC")),
            operator=clean(d.get("Facility Operator")),
            first_use=clean(d.get("Date of First Use"))[:10],
            last_use=clean(d.get("Date of Last Use"))[:10],
        )
        for i, d in enumerate(entries)
    ]

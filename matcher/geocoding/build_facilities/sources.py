"""The raw source files the build reads, their checksums, and the ICE lists' ids and dates.

The files are copies of public originals (see ``data/FACILITIES.md`` for each one's URL, the
repository and commit the bytes came from, and its licence). A changed file is refused, so
the catalog only changes when someone looks at the new data and updates the checksum here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CURRENT_LISTS",
    "DEFAULT_RAW",
    "ICE_LISTS",
    "LIST_BY_TAG",
    "RAW_FILES",
    "IceList",
    "RawSourceError",
    "rank",
    "verify_raw",
]

DEFAULT_RAW = Path("/work/shared/data/facilities/raw")


@dataclass(frozen=True, slots=True)
class IceList:
    """One ICE list: its tag in the records, source id in the catalog and date of the data."""

    tag: str
    source_id: str
    date: str


#: Oldest first: a later list's name, address and type win over an earlier one's.
ICE_LISTS: tuple[IceList, ...] = (
    IceList("ICE2009", "ice_faclist_2009", "2009-08-15"),
    IceList("ICE2015", "ice_faclist_2015", "2015-12-08"),
    IceList("ICE2017", "ice_faclist_2017", "2017-11-06"),
    IceList("DND2019-ded", "ice_dedicated_nondedicated_2019", "2019-08-05"),
    IceList("DND2019-nonded", "ice_dedicated_nondedicated_2019", "2019-08-05"),
    IceList("FY19", "ice_stats_fy19", "2019-09-30"),
    IceList("OVER72-2020", "ice_over72_2020", "2020-01-07"),
    IceList("FY20", "ice_stats_fy20", "2020-09-30"),
    IceList("FY21b", "ice_stats_fy21_20210708", "2021-07-08"),
    IceList("FY21", "ice_stats_fy21", "2021-09-30"),
    IceList("FY22", "ice_stats_fy22", "2022-09-30"),
    IceList("FY23", "ice_stats_fy23", "2023-09-30"),
    IceList("FY24", "ice_stats_fy24", "2024-09-30"),
    IceList("FY25", "ice_stats_fy25", "2025-09-24"),
    IceList("FY26a", "ice_stats_fy26_20260202", "2026-02-02"),
    IceList("FY26b", "ice_stats_fy26_20260212", "2026-02-12"),
    IceList("FY26c", "ice_stats_fy26_20260409", "2026-04-02"),
)
LIST_BY_TAG = {item.tag: item for item in ICE_LISTS}
_RANK = {item.tag: i for i, item in enumerate(ICE_LISTS)}
#: The FY2026 detention-statistics lists: a site in one of them is "in the current ICE list".
CURRENT_LISTS = frozenset(("FY26a", "FY26b", "FY26c"))

#: Every raw file the build reads, with the SHA-1 of the copy the catalog was built from.
RAW_FILES: dict[str, str] = {
    "09foia5638detentionfacilitylist.xls": "27fadc2e0a2fbb7831c4a51a7d2b54b7967b4462",
    "2015IceDetentionFacilityListing.xlsx": "48417c256d1ccab4930ef36bd5fc9b7606460034",
    "FY19-detentionstats.xlsx": "39b5f340a09e8c777dc62ce143a3ff370b084cf6",
    "FY20-detentionstats.xlsx": "02dc3450fc2ac51fdca63663d9329d4fe71cead9",
    "FY21-detentionstats.xlsx": "ed8387eabf7a2722d07b66e28d69961e20243ab8",
    "FY21_detentionStats07082021.xlsx": "8d5f3a3cf984a448ae7d773c65870cef71dd3dc1",
    "FY22-detentionStats.xlsx": "4a27a88b7f4dc47042fd05d20d17c652015b10ef",
    "FY23_detentionStats.xlsx": "55bf1fa9369d9257fcb4ba0af27db5de606feb41",
    "FY24_detentionStats.xlsx": "77effd7861ccfac6ce283a3d68fdd50e1ca85d6d",
    "FY25_detentionStats09242025.xlsx": "4201478e054eeaa7f290fb1dfcda99192db90273",
    "FY26_detentionStats02022026.xlsx": "e4c788bef20015c1fff2f31dd5711dbc4e687053",
    "FY26_detentionStats_02122026.xlsx": "c7e70d07f14b15d89d2d2399e55f72867733481c",
    "FY26_detentionStats_04092026.xlsx": "0ee7c75a5ad59ddc9676fc27faac7812fd7494e9",
    "ICE_Facility_List_11-06-2017-web.xlsx": "252b99aa480d250f56d31a39ba9d91e10e2858e9",
    "Over72HourFacilities.xlsx": "45dcdb8a7a811d46523a654d8d79a272ac02d56f",
    "dedicatedNonDedicatedFacilityList.xlsx": "76d039c4b66d6d49c01543964ccc332f12cc2717",
    "deportationdata_ice-areas-of-responsibility.csv": "9a9eb26084ef709a02ec02a51288704767e4d765",
    "hifld_prison_boundaries_2024-10-07.zip": "4b4128fc72548b16fbdec71d83099a59044dbba6",
    "ice_ero_office_pages_2026-04.csv": "80615f3b0f9ad3af0200c496b101483702c7c47b",
    "ice_field_offices_page.html": "c636035a20e7e6eeaca19619fc55c180af358054",
}


class RawSourceError(RuntimeError):
    """A raw file is missing or differs from the copy the catalog was built from."""


def rank(tag: str) -> int:
    """Age order of an ICE list tag (0 = oldest)."""
    return _RANK[tag]


def verify_raw(raw: Path) -> None:
    """Check that every raw file is present and unchanged; raise :class:`RawSourceError`."""
    if not raw.is_dir():
        raise RawSourceError(f"{raw}: no such folder (give the raw sources with --raw DIR)")
    problems = []
    for name, expected in sorted(RAW_FILES.items()):
        path = raw / name
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
        if digest != expected:
            problems.append(f"{path}: SHA-1 {digest}, expected {expected}")
    if problems:
        raise RawSourceError(
            "raw facility sources differ from the recorded copies (check the new data, then "
            "update RAW_FILES in matcher/geocoding/build_facilities/sources.py):\n  "
            + "\n  ".join(problems)
        )

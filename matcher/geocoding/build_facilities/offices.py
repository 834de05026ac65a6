"""ICE ERO field offices and sub-offices, from ICE's office pages, and the areas they cover.

``ice_ero_office_pages_2026-04.csv`` holds the fields of 110 saved ICE office pages; the page
whose town is its field office's own town is the field office, the others are sub-offices.
The saved "ICE Field Offices" page confirms the address of the field offices it lists. The
Deportation Data Project's table (CC0) gives the states of each area of responsibility.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from bs4 import BeautifulSoup

from matcher.geocoding.build_facilities.ice_rows import AOR_CODES
from matcher.geocoding.build_facilities.places import Places
from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.build_facilities.text import street_key, zip5

__all__ = ["area_states", "field_offices_on_page", "office_rows"]

OFFICE_PAGES = "ice_ero_office_pages_2026-04.csv"
FIELD_OFFICES_PAGE = "ice_field_offices_page.html"
AOR_TABLE = "deportationdata_ice-areas-of-responsibility.csv"
#: The page titles of the field offices whose page title is not just their name.
_HOME_TITLES = {
    "New York": "New York City, NY",
    "St. Paul": "St. Paul, MN",
    "Washington": "Washington, DC",
}


def field_offices_on_page(raw: Path) -> dict[str, tuple[str, str] | None]:
    """ERO entries of the saved "ICE Field Offices" page: office name -> (number, street)."""
    soup = BeautifulSoup((raw / FIELD_OFFICES_PAGE).read_bytes(), "lxml")
    found = {}
    for entry in soup.select(".grid__content"):
        location = entry.select_one(".views-field-field-field-office-location")
        title = entry.select_one(".views-field-title")
        if (
            location is None
            or title is None
            or not location.get_text(" ", strip=True).endswith("- ERO")
        ):
            continue
        line = entry.select_one(".address-line1")
        name = title.get_text(" ", strip=True).removesuffix(" Field Office")
        found[name] = street_key(line.get_text(" ", strip=True)) if line else None
    return found


def office_rows(raw: Path, places: Places) -> list[Row]:
    """One row per ICE office page: ERO field offices and sub-offices, run by ICE."""
    confirmed = field_offices_on_page(raw)
    rows = []
    with (raw / OFFICE_PAGES).open(encoding="utf-8", newline="") as handle:
        for page in csv.DictReader(handle):
            office = page["field_office_name"].removesuffix(" Field Office")
            title = page["page_title"]
            home = _HOME_TITLES.get(office)
            is_field_office = title == home if home else title.split(",")[0] == office
            address = " ".join(x for x in (page["address_line1"], page["address_line2"]) if x)
            row = Row(
                name=f"ICE ERO {office} Field Office"
                if is_field_office
                else f"ICE ERO {title} office ({office} Field Office)",
                type="ero_field_office" if is_field_office else "ero_sub_office",
                address=address.strip(),
                city=page["city"],
                state=page["state"],
                zip=zip5(page["zip"]),
                operator="ice",
                aliases=[page["field_office_name"]] if is_field_office else [title],
                field_office=office,
                field_office_code=AOR_CODES.get(office, ""),
                in_current_ice_list=True,
                sources={"ice_ero_office_pages_2026"},
            )
            row.listed_names = [row.name]
            if is_field_office and office in confirmed and confirmed[office] == street_key(address):
                row.sources.add("ice_field_offices_page_2026")
            row.locate(places)
            rows.append(row)
    return rows


def area_states(raw: Path, places: Places) -> dict[str, list[str]]:
    """State code -> the field offices whose area of responsibility covers (part of) it."""
    offices: dict[str, set[str]] = defaultdict(set)
    with (raw / AOR_TABLE).open(encoding="utf-8", newline="") as handle:
        for entry in csv.DictReader(handle, skipinitialspace=True):
            office = {"St Paul": "St. Paul", "New York City": "New York"}.get(
                entry["office_name"].strip(), entry["office_name"].strip()
            )
            state = entry["state_name"].strip()
            offices[places.state_codes.get(state, state)].add(office)
    return {state: sorted(names) for state, names in offices.items()}

"""Fixtures of the matching tests: the local actions of the real call to action, and a factory."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

import pytest

from matcher.matching import ActionRow

CITY = {
    "San Antonio, TX": (29.4241, -98.4936),
    "Newark, NJ": (40.7357, -74.1724),
    "Minneapolis, MN": (44.9778, -93.2650),
    "Anchorage, AK": (61.2181, -149.9003),
    "Atlanta, GA": (33.7490, -84.3880),
    "Fort Worth, TX": (32.7555, -97.3308),
    "New York, NY": (40.7128, -74.0060),
    "Syracuse, NY": (43.0481, -76.1474),
    "Denver, CO": (39.7392, -104.9903),
    "Lincoln, NE": (40.8136, -96.7026),
    "Los Angeles, CA": (34.0522, -118.2437),
    "San Diego, CA": (32.7157, -117.1611),
    "Seattle, WA": (47.6062, -122.3321),
    "Chicago, IL": (41.8781, -87.6298),
    "Hartford, CT": (41.7658, -72.6734),
    "Albuquerque, NM": (35.0844, -106.6504),
    "San Francisco, CA": (37.7749, -122.4194),
    "Clearbrook, MN": (47.6947, -95.4317),
    "Portland, OR": (45.5152, -122.6784),
    "Sacramento, CA": (38.5816, -121.4944),
    "Washington, DC": (38.9072, -77.0369),
    "Burlington, VT": (44.4759, -73.2121),
}

# (id, month-day, place, target_type, target, organizations) from the call's "Local Actions".
CALL = [
    (
        1,
        "09-28",
        "San Antonio, TX",
        "detention_center",
        "South Texas Family Residential Center",
        "San Antonio Coalition to Close the Concentration Camps",
    ),
    (
        2,
        "10-03",
        "Newark, NJ",
        "detention_center",
        "Delaney Hall",
        "Movimiento Cosecha New Jersey; Never Again Action; "
        "North NJ Democratic Socialists of America",
    ),
    (
        3,
        "10-10",
        "Minneapolis, MN",
        "local_government",
        "Hennepin County Sheriff",
        "MIRAC; Immigrant Worker Solidarity; Twin Cities DSA; No Cages MN",
    ),
    (
        4,
        "10-11",
        "Anchorage, AK",
        "federal_agency",
        "ICE Anchorage sub-office",
        "Alaskans for Human Rights at the Border; Native Movement",
    ),
    (
        5,
        "10-11",
        "Atlanta, GA",
        "detention_center",
        "Stewart Detention Center",
        "Metro Atlanta DSA; Georgia Latino Alliance for Human Rights",
    ),
    (
        6,
        "10-11",
        "Fort Worth, TX",
        "federal_agency",
        "ICE Dallas field office",
        "DSA Fort Worth; ICE Out of Tarrant; RAICES",
    ),
    (
        7,
        "10-11",
        "New York, NY",
        "corporate_profiteer",
        "Palantir Technologies",
        "NYC Democratic Socialists of America",
    ),
    (
        8,
        "10-11",
        "Syracuse, NY",
        "local_government",
        "Onondaga County Justice Center",
        "CNY Solidarity Coalition; Syracuse Peace Council",
    ),
    (
        9,
        "10-12",
        "Denver, CO",
        "detention_center",
        "Aurora ICE Processing Center",
        "Four Winds American Indian Council",
    ),
    (
        10,
        "10-12",
        "Lincoln, NE",
        "political_figure",
        "Office of Senator Deb Fischer",
        "Stand In for Lincoln",
    ),
    (
        11,
        "10-12",
        "Los Angeles, CA",
        "detention_center",
        "Adelanto ICE Processing Center",
        "DSA-LA; Mijente; United Teachers Los Angeles",
    ),
    (
        12,
        "10-12",
        "Newark, NJ",
        "detention_center",
        "Elizabeth Detention Center",
        "Resist the Deportation Machine; Cosecha; NNJ DSA",
    ),
    (
        13,
        "10-12",
        "San Diego, CA",
        "detention_center",
        "Otay Mesa Detention Center",
        "Unión del Barrio",
    ),
    (
        14,
        "10-12",
        "Seattle, WA",
        "detention_center",
        "Northwest Detention Center",
        "Seattle Democratic Socialists of America",
    ),
    (
        15,
        "10-13",
        "Chicago, IL",
        "detention_center",
        "Broadview Processing Center",
        "Chicago Democratic Socialists of America; Never Again Action",
    ),
    (
        16,
        "10-13",
        "Hartford, CT",
        "federal_agency",
        "ICE Hartford field office",
        "Never Again Action: CT",
    ),
    (
        17,
        "10-13",
        "San Diego, CA",
        "corporate_profiteer",
        "CoreCivic",
        "People Over Profits; DSA; AFT 1931",
    ),
    (
        18,
        "10-13",
        "San Antonio, TX",
        "detention_center",
        "Dilley family detention center",
        "Coalition to Close the Concentration Camps – San Antonio",
    ),
    (
        19,
        "10-14",
        "Albuquerque, NM",
        "detention_center",
        "Otero County Processing Center",
        "The Red Nation",
    ),
    (
        20,
        "10-14",
        "San Francisco, CA",
        "corporate_profiteer",
        "Palantir Technolgies HQ",
        "DSA – San Francisco; Coalition to Close the Camps – Bay Area",
    ),
    (
        21,
        "10-14",
        "Clearbrook, MN",
        "other",
        "Line 3 pipeline",
        "Ginew; MN350; Stop Line 3; Twin Cities Democratic Socialists of America",
    ),
    (
        22,
        "10-14",
        "Portland, OR",
        "federal_agency",
        "ICE Portland field office",
        "PDX Coalition to Close the Concentration Camps",
    ),
    (
        23,
        "10-15",
        "Sacramento, CA",
        "local_government",
        "Sacramento County Sheriff",
        "Jewish Action NorCal; Kol Rinah Sacramento; NorCal Resist",
    ),
    (
        24,
        "10-16",
        "Sacramento, CA",
        "local_government",
        "Sacramento County Jail",
        "Jewish Action NorCal; NorCal Resist; Poor People’s Campaign – Sacramento",
    ),
    (
        25,
        "10-19",
        "Washington, DC",
        "political_figure",
        "White House",
        "Doctors to Close the Camps – DC",
    ),
    (
        26,
        "10-20",
        "Burlington, VT",
        "local_government",
        "Vermont State Police",
        "ACLU of Vermont; Migrant Justice",
    ),
    (
        27,
        "10-25",
        "Minneapolis, MN",
        "local_government",
        "Hennepin County Jail",
        "MIRAC; Immigrant Worker Solidarity; Twin Cities Democratic Socialists of America",
    ),
    (
        28,
        "10-11",
        "Los Angeles, CA",
        "corporate_profiteer",
        "The GEO Group headquarters",
        "Never Again LA",
    ),
]

YEAR = 2026


def call_rows(*, consent: bool = True) -> list[ActionRow]:
    """The call's local actions (invented targets), everyone consenting to both kinds."""
    rows = []
    for ident, day, place, ttype, target, orgs in CALL:
        lat, lon = CITY[place]
        rows.append(
            ActionRow(
                id=ident,
                latitude=lat,
                longitude=lon,
                date=datetime.date.fromisoformat(f"{YEAR}-{day}"),
                target_type=ttype,
                target=target,
                organizations=tuple(o.strip() for o in orgs.split(";")),
                contact_email=f"organizer{ident}@example.org",
                intro_region=consent,
                intro_target=consent,
                title=f"Action in {place}",
                place=place,
            )
        )
    return rows


@pytest.fixture
def demo_rows() -> list[ActionRow]:
    """The call's 28 local actions, all consenting."""
    return call_rows()


@pytest.fixture
def make_row() -> Callable[..., ActionRow]:
    """Factory: make_row(place="San Diego, CA", **overrides) with fresh ids and emails."""
    counter = itertools.count(1000)

    def make(place: str | None = "San Diego, CA", **fields: object) -> ActionRow:
        ident = next(counter)
        lat, lon = CITY[place] if place else (None, None)
        values: dict[str, object] = {
            "id": ident,
            "latitude": lat,
            "longitude": lon,
            "date": datetime.date(YEAR, 10, 12),
            "target_type": "other",
            "target": "",
            "organizations": (),
            "contact_email": f"person{ident}@example.org",
            "intro_region": True,
            "intro_target": True,
            "place": place or "",
        }
        values.update(fields)
        return ActionRow(**values)  # type: ignore[arg-type]

    return make


def namer_by_place(rows: list[ActionRow]) -> Callable[[list[tuple[float, float]]], str]:
    """A deterministic namer for tests: the nearest known city of the first point."""
    del rows

    def name(points: list[tuple[float, float]]) -> str:
        lat, lon = points[0]
        return min(CITY, key=lambda c: (CITY[c][0] - lat) ** 2 + (CITY[c][1] - lon) ** 2)

    return name


@pytest.fixture
def cities() -> dict[str, tuple[float, float]]:
    """Coordinates of the call's cities."""
    return CITY


@pytest.fixture
def city_namer() -> Callable[[list[tuple[float, float]]], str]:
    """A deterministic region namer: the call's city nearest the first point."""
    return namer_by_place([])

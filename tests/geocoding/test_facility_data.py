"""The shipped facility catalog: ``data/facilities.csv``, ``operators.csv`` and their facts.

Checks the files the build writes (``python -m matcher.geocoding.build_facilities``), not the
build: ids, vocabularies, places, operators, the facts the project relies on, and that the
project's entity catalog and the facility catalog agree.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from matcher.geocoding.build_facilities.text import title
from matcher.geocoding.facilities import load_facilities
from matcher.geocoding.normalize import key

DATA = Path(__file__).resolve().parents[2] / "matcher" / "geocoding" / "data"
ENTITIES = Path(__file__).resolve().parents[2] / "matcher" / "matching" / "data" / "entities.json"

FACILITY_COLUMNS = [
    "id", "name", "aliases", "type", "operator", "address", "city", "state", "zip",
    "latitude", "longitude", "coord_source", "field_office", "in_current_ice_list", "source",
]  # fmt: skip
OPERATOR_COLUMNS = [
    "id", "name", "aliases", "kind", "hq_address", "hq_city", "hq_state", "hq_zip", "source",
]  # fmt: skip
TYPES = {
    "detention_facility", "processing_center", "family_residential", "hold_room",
    "staging_facility", "temporary_site", "ero_field_office", "ero_sub_office",
    "immigration_court", "operator_hq",
}  # fmt: skip
COORD_SOURCES = {
    "hifld_prison_boundaries",
    "zip_centroid",
    "city_zip_centroid",
    "city_centroid",
    "hand",
}
STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "MP", "AS",
}  # fmt: skip
#: (south, north, west, east) boxes of the US states and territories.
US_BOXES = (
    (24.3, 49.5, -125.0, -66.8),  # contiguous states
    (51.0, 71.6, -180.0, -129.9),  # Alaska
    (18.8, 22.4, -160.5, -154.7),  # Hawaii
    (17.6, 18.6, -67.4, -64.5),  # Puerto Rico and the Virgin Islands
    (13.2, 13.7, 144.6, 145.0),  # Guam
    (14.0, 20.6, 144.8, 146.1),  # Northern Mariana Islands
)
ENTITY_OPERATORS = {
    "geo_group", "corecivic", "mtc", "lasalle_corrections", "akima", "ica", "ice", "bop",
    "us_marshals", "hhs", "cbp",
}  # fmt: skip


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def facilities() -> list[dict[str, str]]:
    columns, rows = _read("facilities.csv")
    assert columns == FACILITY_COLUMNS
    return rows


@pytest.fixture(scope="module")
def operators() -> list[dict[str, str]]:
    columns, rows = _read("operators.csv")
    assert columns == OPERATOR_COLUMNS
    return rows


@pytest.fixture(scope="module")
def by_name(facilities: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """Rows by the folded key of their name and of each alias."""
    index: dict[str, list[dict[str, str]]] = {}
    for row in facilities:
        for spelling in {row["name"], *aliases(row)}:
            index.setdefault(key(spelling), []).append(row)
    return index


def aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split(";") if a]


def one(by_name: dict[str, list[dict[str, str]]], name: str, state: str) -> dict[str, str]:
    found = [r for r in by_name.get(key(name), []) if r["state"] == state]
    assert len(found) == 1, f"{name} ({state}): {[r['id'] for r in found]}"
    return found[0]


def test_ids_are_unique_slugs(facilities: list[dict[str, str]]) -> None:
    ids = [r["id"] for r in facilities]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert len(facilities) > 600


def test_vocabularies(facilities: list[dict[str, str]]) -> None:
    for row in facilities:
        assert row["type"] in TYPES, row["id"]
        assert row["state"] in STATES, row["id"]
        assert row["in_current_ice_list"] in ("yes", "no"), row["id"]
        assert row["source"] and all(re.fullmatch(r"[\w.-]+", s) for s in row["source"].split(";"))
    assert {r["type"] for r in facilities} >= TYPES - {"immigration_court"}


def test_coordinates_lie_in_the_us_or_are_guantanamo(facilities: list[dict[str, str]]) -> None:
    missing = []
    for row in facilities:
        if not row["latitude"]:
            assert row["coord_source"] == "none" and not row["longitude"], row["id"]
            missing.append(row)
            continue
        assert row["coord_source"] in COORD_SOURCES, row["id"]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        assert any(s <= lat <= n and w <= lon <= e for s, n, w, e in US_BOXES), row["id"]
    assert missing, "the Guantanamo rows have no coordinates"
    for row in missing:
        assert "Guantanamo Bay" in aliases(row) and row["city"] == "Fpo", row["id"]


def test_operators_are_known(
    facilities: list[dict[str, str]], operators: list[dict[str, str]]
) -> None:
    ids = [o["id"] for o in operators]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", i) for i in ids)
    assert {o["kind"] for o in operators} <= {
        "private",
        "federal",
        "state_government",
        "local_government",
    }
    used = {r["operator"] for r in facilities if r["operator"]}
    assert used <= set(ids)
    assert set(ids) >= ENTITY_OPERATORS


def test_operator_ids_are_the_entity_catalogs(operators: list[dict[str, str]]) -> None:
    entities = {e["id"] for e in json.loads(ENTITIES.read_text(encoding="utf-8"))["entities"]}
    assert entities >= ENTITY_OPERATORS
    assert not {o["id"].replace("_", "") for o in operators} & {
        e.replace("_", "") for e in entities - {o["id"] for o in operators}
    }, "an operator spelled differently from its entity id"


@pytest.mark.parametrize(
    ("name", "state", "operator"),
    [
        ("Broward Transitional Center", "FL", "geo_group"),
        ("Adelanto ICE Processing Center", "CA", "geo_group"),
        ("Otay Mesa Detention Center", "CA", "corecivic"),
        ("Desert View Annex", "CA", "geo_group"),
        ("Montgomery ICE Processing Center", "TX", "geo_group"),
        ("Northwest ICE Processing Center", "WA", "geo_group"),
        ("Adams County Correctional Center", "MS", "corecivic"),
        ("Bluebonnet Detention Facility", "TX", "mtc"),
        ("Richwood Correctional Center", "LA", "lasalle_corrections"),
        ("Tornillo Tent Camp", "TX", "hhs"),
        ("Clint Border Patrol Station", "TX", "cbp"),
    ],
)
def test_known_operators(by_name, name: str, state: str, operator: str) -> None:
    assert one(by_name, name, state)["operator"] == operator


def test_one_row_per_site(by_name) -> None:
    assert (
        one(by_name, "Otay Mesa Detention Center (San Diego Contract Detention Facility)", "CA")[
            "id"
        ]
        == one(by_name, "Otay Mesa Detention Center", "CA")["id"]
    )
    office = one(by_name, "ICE ERO San Francisco Field Office", "CA")
    assert "SFR Hold Room" in aliases(office)
    assert "NYC Field Office" in aliases(one(by_name, "ICE ERO New York Field Office", "NY"))
    assert one(by_name, "NWDC", "WA")["name"] == "Northwest ICE Processing Center"


def test_no_alias_only_names_a_place(facilities: list[dict[str, str]]) -> None:
    county = re.compile(r"[\w .'-]+ (County|Parish|Borough)", re.IGNORECASE)
    for row in facilities:
        town = key(row["city"])
        for alias in aliases(row):
            assert not county.fullmatch(alias), (row["id"], alias)
            assert key(alias) not in (town, f"{town} {row['state'].lower()}"), (row["id"], alias)


def test_every_source_is_documented(facilities, operators) -> None:
    text = (DATA / "FACILITIES.md").read_text(encoding="utf-8")
    used = {s for r in [*facilities, *operators] for s in r["source"].split(";")}
    assert {s for s in used if f"`{s}`" not in text} == set()
    facts = json.loads((DATA / "facility_facts.json").read_text(encoding="utf-8"))
    cited = {s for group in ("operators", "facility_updates", "same_site", "added_facilities")
             for fact in facts[group] for s in fact["sources"]}  # fmt: skip
    assert {s for s in cited if f"`{s}`" not in text} == set()


def test_entity_catalog_facilities_are_in_the_catalog(by_name) -> None:
    """Every facility of ``entities.json`` is a row, run by the entity's parent unless noted."""
    facts = json.loads((DATA / "facility_facts.json").read_text(encoding="utf-8"))
    mapped = [f for f in [*facts["facility_updates"], *facts["added_facilities"]] if "entity" in f]
    noted = {f["entity"] for f in mapped if f.get("operator_disagrees")}
    not_used = {f["entity"]: set(f.get("aliases_not_used", {})) for f in mapped}
    entities = json.loads(ENTITIES.read_text(encoding="utf-8"))["entities"]
    for entity in (e for e in entities if e["kind"] == "facility"):
        assert entity["id"] in not_used, f"{entity['id']}: not mapped in facility_facts.json"
        spellings = [a for a in entity["aliases"] if a not in not_used[entity["id"]]]
        rows = {r["id"]: r for a in spellings for r in by_name.get(key(a), [])}
        assert rows, f"{entity['id']}: no row has one of {entity['aliases']}"
        if entity.get("parent") and entity["id"] not in noted:
            assert {r["operator"] for r in rows.values()} == {entity["parent"]}, entity["id"]


def test_the_loader_reads_every_row(facilities: list[dict[str, str]]) -> None:
    loaded = load_facilities()
    assert len(loaded) == len(facilities)
    broward = next(f for f in loaded if f.id == "broward-transitional-center-fl")
    assert (broward.operator, broward.city, broward.kind) == (
        "geo_group",
        "Pompano Beach",
        "detention_facility",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("LA PALMA CORRECTIONAL CENTER", "La Palma Correctional Center"),
        ("KROME NORTH SPC", "Krome North SPC"),
        ("CLARK COUNTY JAIL (IN)", "Clark County Jail (IN)"),
        ("CASA DE LA LUZ", "Casa de la Luz"),
        ("FULTON CO JAIL INDIANA", "Fulton Co Jail Indiana"),
        ("TORRANCE/ESTANCIA, NM", "Torrance/Estancia, NM"),
        ("SFR HOLD ROOM", "SFR Hold Room"),
    ],
)
def test_title_casing(raw: str, expected: str) -> None:
    assert title(raw) == expected

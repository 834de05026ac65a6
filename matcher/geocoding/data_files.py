"""Readers of the gazetteer's hand-written and generated data files beside the compact
``gazetteer.json.gz``: ``nicknames.csv``, ``neighbourhoods.csv``, the landmark files
(``landmarks.csv``, the generated ``federal_buildings.csv``, ``campuses.csv`` and
``airports.csv``), the towns
of federal courthouses and ``junk.txt``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from matcher.geocoding.generated_csv import read_csv
from matcher.geocoding.nickname_spellings import spanish_spellings
from matcher.geocoding.normalize import fold, key
from matcher.geocoding.states import EXTRA_STATE_SPELLINGS
from matcher.geocoding.table_rows import Neighbourhood, Nickname

__all__ = [
    "COURT_TOWNS_FILE",
    "DATA_DIR",
    "LANDMARK_FILES",
    "read_court_towns",
    "read_junk",
    "read_landmarks",
    "read_neighbourhoods",
    "read_nicknames",
]

DATA_DIR = Path(__file__).with_name("data")
#: Hand-written landmarks and protest venues (placed at their town), generated named federal
#: buildings, campuses and airports.
LANDMARK_FILES = (
    DATA_DIR / "landmarks.csv",
    DATA_DIR / "federal_buildings.csv",
    DATA_DIR / "campuses.csv",
    DATA_DIR / "airports.csv",
    DATA_DIR / "protest_venues.csv",
)
COURT_TOWNS_FILE = DATA_DIR / "federal_court_towns.csv"


def read_nicknames(path: Path, states: Collection[str] = ()) -> dict[str, Nickname]:
    """Region nicknames ("Bay Area") by the key of each spelling (name and aliases, and the
    Spanish spellings of "<direction> <state>" for ``states``, the keys of states' names)."""
    table: dict[str, Nickname] = {}
    for row in read_csv(path):
        nickname = Nickname(
            name=row["name"],
            states=tuple(row["states"].split("|")),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            place=row["place"],
        )
        spellings = [row["name"], *filter(None, row["aliases"].split("|"))]
        for spelling in (*spellings, *spanish_spellings(row["name"], states)):
            table.setdefault(key(spelling), nickname)
    return table


def read_neighbourhoods(path: Path) -> dict[str, list[Neighbourhood]]:
    """Neighbourhoods of cities by the key of each spelling, in file order."""
    table: dict[str, list[Neighbourhood]] = {}
    for row in read_csv(path):
        place = Neighbourhood(
            row["name"], row["city"], row["state"], float(row["lat"]), float(row["lon"])
        )
        for spelling in (row["name"], *filter(None, row["aliases"].split("|"))):
            table.setdefault(key(spelling), []).append(place)
    return table


def read_landmarks(
    paths: tuple[Path, ...], by_key: dict[str, list[int]], places: dict, states: list[str]
) -> dict[str, list[Neighbourhood]]:
    """Landmarks at their own point when the row gives one, else at their town's point (a
    town missing from the gazetteer drops it)."""
    table: dict[str, list[Neighbourhood]] = {}
    for path in paths:
        _read_landmark_file(path, by_key, places, states, table)
    return table


def _read_landmark_file(
    path: Path,
    by_key: dict[str, list[int]],
    places: dict,
    states: list[str],
    table: dict[str, list[Neighbourhood]],
) -> None:
    for row in read_csv(path):
        if row.get("lat"):  # a building's own point (data/federal_buildings.csv)
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            town = [r for r in by_key.get(key(row["city"]), ()) if states[r] == row["state"]]
            if not town:
                continue
            lat, lon = float(places["lat"][town[0]]), float(places["lon"][town[0]])
        point = Neighbourhood(row["name"], row["city"], row["state"], lat, lon)
        for spelling in (row["name"], *filter(None, row["aliases"].split("|"))):
            table.setdefault(key(spelling), []).append(point)
        if row["name"].endswith(_CAPITOL):  # "the Georgia Governor's Mansion": Atlanta
            state_name = row["name"].removesuffix(_CAPITOL)
            residence = _residence(state_name, point, by_key, places, states)
            others = [
                n for n, c in EXTRA_STATE_SPELLINGS.items() if c == row["state"] and len(n) > 4
            ]
            for spelling in governor_spellings(state_name, others):
                table.setdefault(key(spelling), []).append(residence)
            for other in others:  # "el Capitolio de Tejas", "el capitolio estatal de Luisiana"
                for spelling in (f"capitolio de {other}", f"capitolio estatal de {other}"):
                    table.setdefault(key(spelling), []).append(point)


def _residence(
    state_name: str,
    capitol: Neighbourhood,
    by_key: dict[str, list[int]],
    places: dict,
    states: list[str],
) -> Neighbourhood:
    """The governor's residence of a state, at its capital city's point (or its own town's)."""
    name = f"{state_name} Governor's Residence"
    town = _RESIDENCE_TOWNS.get(capitol.state)
    rows = [r for r in by_key.get(key(town), ()) if states[r] == capitol.state] if town else []
    if not rows:
        return Neighbourhood(name, capitol.city, capitol.state, capitol.lat, capitol.lon)
    lat, lon = float(places["lat"][rows[0]]), float(places["lon"][rows[0]])
    return Neighbourhood(name, town or "", capitol.state, lat, lon)


_CAPITOL = " State Capitol"
#: The governor's official residence is in the capital city in every state that has one, but
#: New Jersey's (Drumthwacket, Princeton: state of New Jersey, nj.gov, read 2026-12-02).
_RESIDENCE_TOWNS = {"NJ": "Princeton"}


def governor_spellings(state_name: str, other_names: Sequence[str] = ()) -> tuple[str, ...]:
    """How the governor's residence of a state is written ("the Georgia Governor's Mansion",
    "la mansión del gobernador de Georgia"); ``other_names`` are the state's other spellings
    ("nueva york"), used in the Spanish forms."""
    spanish = [
        f"{what} {who} de {name}"
        for name in (state_name, *other_names)
        for what in ("mansión", "residencia", "residencia oficial")
        for who in ("del gobernador", "de la gobernadora")
    ]
    return (
        *(f"{state_name} Governor's {w}" for w in ("Mansion", "Residence")),
        *(f"Governor's {w} of {state_name}" for w in ("Mansion", "Residence")),
        f"{state_name} Executive Mansion",
        *spanish,
    )


def read_court_towns(path: Path) -> frozenset[tuple[str, str]]:
    """(town key, state) of the towns with a federally owned U.S. courthouse."""
    return frozenset((key(row["city"]), row["state"]) for row in read_csv(path))


def read_junk(path: Path) -> frozenset[str]:
    """The folded lines of ``junk.txt`` (texts that name no place: "Online", "TBD")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))

"""College and university campuses (data/campuses.csv, build_campuses) and the landmark rules
they exercise: a town named beside a landmark, same-named landmarks told apart by the town."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.build_campuses import OUTPUT, aliases_of, campus_rows, read_rows
from matcher.geocoding.data import Neighbourhood
from matcher.geocoding.distance import distance_km
from matcher.geocoding.generated_csv import read_csv
from matcher.geocoding.landmark_scan import LandmarkScan, in_named_town
from matcher.geocoding.normalize import key

_COLUMNS = (
    "UNITID,INSTNM,IALIAS,ADDR,CITY,STABBR,CYACTIVE,DEGGRANT,ICLEVEL,CONTROL,INSTSIZE,"
    "LATITUDE,LONGITUD"
)


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


def _words(text: str) -> list[str]:
    return text.split()


def _directory(*rows: str) -> str:
    return "\n".join((_COLUMNS, *rows)) + "\n"


def test_ipeds_aliases_of_two_words_or_more_are_kept() -> None:
    assert aliases_of("University of Michigan-Ann Arbor", "U of Michigan|UM|Univ of Michigan") == [
        "U of Michigan",
        "Univ of Michigan",
    ]
    assert aliases_of("The University of Alabama", "  ") == ["University of Alabama"]
    assert aliases_of("Vermont Technical College", "VT Tech  VTC") == ["VT Tech"]


def test_the_name_written_again_with_a_comma_gives_no_aliases() -> None:
    name = "University of California-San Francisco"
    assert aliases_of(name, "UCSF|University of California, San Francisco") == ["UCSF"]
    assert aliases_of("West Los Angeles College", "West LA College, West L.A. College") == [
        "West LA College",
        "West L.A. College",
    ]
    assert aliases_of("San Joaquin Delta College", "San Joaquin", frozenset({"san joaquin"})) == []


def test_the_bare_name_needs_a_town_or_main_campus_after_the_dash() -> None:
    rows = campus_rows(
        _directory(
            '1,"Saint Mary-of-the-Woods College","","1 A St","Saint Mary of the Woods","IN",'
            "1,1,1,2,2,39.5,-87.4",
            '2,"Big State University-Main Campus","","2 B St","Big Town","XX",1,1,1,1,5,40,-90',
        )
    )
    assert {r["name"]: r["aliases"] for r in rows} == {
        "Saint Mary-of-the-Woods College": "",
        "Big State University-Main Campus": "Big State University",
    }


def test_an_acronym_is_kept_unless_a_town_or_the_systems_name() -> None:
    assert aliases_of("University of California-Los Angeles", "UCLA") == ["UCLA"]
    assert aliases_of("Troy University", "TROY", frozenset({"troy"})) == []
    assert aliases_of("SUNY at Albany", "SUNY|UAlbany") == []
    assert aliases_of("University of Wisconsin-Madison", "UW") == []
    assert aliases_of("West Virginia State University", "WVSU|STATE") == ["WVSU"]


def test_the_state_capitol_is_no_campus() -> None:
    raw = answer("marching from the park to the State Capitol")
    assert raw is None or "University" not in raw["place"]


def test_a_campus_acronym_is_not_a_state() -> None:
    raw = answer("rally at UCLA")  # not Louisiana
    assert raw is not None
    assert raw["place"] == "University of California-Los Angeles, Los Angeles, CA"


def test_the_directory_is_filtered_and_shared_names_name_nobody() -> None:
    rows = campus_rows(
        _directory(
            '1,"State University-Big Town","","1 Main St","Big Town","XX",1,1,1,1,5,40.0,-90.0',
            '2,"State University-Small Town","","2 Main St","Small Town","XX",1,1,1,1,3,41,-91',
            '3,"Columbia College","","3 Main St","Columbia","MO",1,1,1,2,2,38.9,-92.3',
            '4,"Columbia College","","4 Main St","Chicago","IL",1,1,1,2,4,41.9,-87.6',
            '5,"Career Academy-Los Angeles","","5 Main St","Los Angeles","CA",1,1,2,3,3,34,-118',
            '6,"Tiny College","","6 Main St","Somewhere","XX",1,1,1,2,1,42.0,-92.0',
            '7,"Closed College","","7 Main St","Somewhere","XX",2,1,1,2,3,42.0,-92.0',
        )
    )
    names = {r["name"]: r for r in rows}
    # for-profit, under 1,000 students, inactive: left out; two "Columbia College": both out
    assert set(names) == {"State University-Big Town", "State University-Small Town"}
    # the largest campus of "State University-Town" is "State University"
    assert names["State University-Big Town"]["aliases"] == "State University"
    assert names["State University-Small Town"]["aliases"] == ""
    assert names["State University-Big Town"]["lat"] == "40.00000"


def test_a_tie_between_campuses_gives_the_bare_name_to_none() -> None:
    rows = campus_rows(
        _directory(
            '1,"University of Nowhere-East","","1 A St","East","XX",1,1,1,1,5,40.0,-90.0',
            '2,"University of Nowhere-West","","2 B St","West","XX",1,1,1,1,5,40.0,-91.0',
        )
    )
    assert [r["aliases"] for r in rows] == ["", ""]


def test_a_changed_source_file_is_refused(tmp_path) -> None:
    (tmp_path / "hd2022.csv").write_text(_directory(), encoding="utf-8")
    with pytest.raises(ValueError, match="SHA-1"):
        read_rows(tmp_path / "hd2022.csv")


def test_every_campus_lies_near_its_town() -> None:
    data = get_gazetteer().data
    rows = read_csv(OUTPUT)
    assert len(rows) > 2000
    far = []
    for row in rows:
        towns = [r for r in data.by_key.get(key(row["city"]), ()) if data.states[r] == row["state"]]
        near = [
            distance_km(float(row["lat"]), float(row["lon"]), data.lat[r], data.lon[r])
            for r in towns
        ]
        if near and min(near) > 40:
            far.append(row["name"])
    assert len(far) < 0.01 * len(rows), far[:10]


@pytest.mark.parametrize(
    ("query", "campus"),
    [
        (
            # (a route is placed where it ends: "... to the Wisconsin State Capitol" is the
            # capitol's, see test_routes.py)
            "a march starting at the University of Wisconsin-Madison campus",
            "University of Wisconsin-Madison",
        ),
        ("rally at Longwood University", "Longwood University"),
        ("walkout outside the University of Michigan", "University of Michigan-Ann Arbor"),
    ],
)
def test_a_campus_named_in_a_phrase_is_at_its_campus(query: str, campus: str) -> None:
    raw = answer(query)
    assert raw is not None
    assert raw["match"] == "landmark"
    assert raw["place"].startswith(campus)


def test_a_campus_whose_town_is_not_named_is_asked() -> None:
    raw = answer("rally at Longwood University")
    assert raw is not None and raw["confirm"]  # Farmville is not named: the organizer confirms
    raw = answer("rally at Longwood University in Farmville")
    assert raw is not None and not raw["confirm"]


def test_a_town_named_beside_a_landmark_of_its_state_is_the_answer() -> None:
    raw = answer("the Williston branch of Vermont Technical College")
    assert raw is not None
    assert raw["place"].startswith("Williston, VT")


def test_same_named_landmarks_are_told_apart_by_the_town() -> None:
    maine = Neighbourhood("Monument Square", "Portland", "ME", 43.6576, -70.2591)
    oregon = Neighbourhood("Monument Square", "Salem", "OR", 44.94, -123.03)
    places = [maine, oregon]
    assert in_named_town(places, _words("monument square in portland")) == [maine]
    assert in_named_town(places, _words("monument square")) == places
    assert in_named_town(places, _words("from portland to salem monument square")) == places
    data = SimpleNamespace(landmarks={"monument square": places}, state_by_name={"oregon": "OR"})
    scan = LandmarkScan(data)  # type: ignore[arg-type]
    assert scan.find(_words("rally at monument square in portland"), set()) is maine
    assert scan.find(_words("rally at monument square"), set()) is None
    assert scan.find(_words("rally at monument square"), {"OR"}) is oregon


def test_a_state_named_only_inside_a_landmarks_name_is_not_the_state() -> None:
    """ "Washington Square Park" or "the Virginia Smith Federal Building" name no state: the
    landmark is not looked for in Washington or Virginia only."""
    utah = Neighbourhood("Liberty Hall Salt Lake City", "Salt Lake City", "UT", 40.76, -111.89)
    york = Neighbourhood("Washington Square Park", "New York City", "NY", 40.73, -74.0)
    table = {"washington square park": [york], "liberty hall annex building": [utah]}
    data = SimpleNamespace(landmarks=table, state_by_name={"washington": "WA", "utah": "UT"})
    scan = LandmarkScan(data)  # type: ignore[arg-type]
    words = _words("east of washington square park by the liberty hall annex building")
    assert scan.find(words, {"WA"}) is utah  # the longest name, Washington being a square's
    assert scan.find(_words("washington square park in washington"), {"WA"}) is None
    tie = _words("washington square park and liberty hall annex")
    scan.table["liberty hall annex"] = [utah]
    assert scan.find(tie, set()) is None  # two names as long, in two states: no guess


def test_a_landmark_named_after_a_person_called_after_a_state_is_found() -> None:
    raw = answer("the Virginia Smith Federal Building")
    assert raw is not None and raw["state"] == "NE"

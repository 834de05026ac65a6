"""``matcher geocode`` through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import flask_group, main
from matcher.cli.geocode import geocode_command
from matcher.geocoding import geocode_to_dict, get_gazetteer
from matcher.geocoding.offline import hit_to_dict, location_to_dict, shared_reader
from matcher.geocoding.results import hit_to_location

ROOT = Path(__file__).resolve().parents[2]


def _lines_printed_by(code: str) -> list[str]:
    """The lines a fresh Python process prints running `code` (its own imports, a cold start)."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout.splitlines()


def test_queries_as_arguments():
    result = CliRunner().invoke(geocode_command, ["Twin Cities", "ZIP 78205", "Online"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["query"] for r in rows] == ["Twin Cities", "ZIP 78205", "Online"]
    assert rows[0]["precision"] == "region"
    assert rows[0]["match"] == "nickname"
    assert rows[1] == {
        "query": "ZIP 78205",
        "latitude": 29.4237,
        "longitude": -98.4925,
        "precision": "postcode",
        "address": "San Antonio, TX 78205",
        "match": "zip",
    }
    assert rows[2] == {"query": "Online", "error": "no place found"}


def test_queries_from_stdin_keep_accents():
    result = CliRunner().invoke(geocode_command, input="Mayagüez, PR\n\nClearbrook, MN\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["address"] for r in rows] == ["Mayagüez, PR", "Clearbrook, MN"]
    assert "Mayagüez" in result.output  # ensure_ascii=False


def test_geocode_to_dict_shape():
    found = geocode_to_dict("Fort Worth TX")
    assert set(found) == {"query", "latitude", "longitude", "precision", "address", "match"}
    assert found["address"] == "Fort Worth, TX"
    assert geocode_to_dict("TBD") == {"query": "TBD", "error": "no place found"}
    assert geocode_to_dict("") == {"query": "", "error": "empty query"}


def test_matcher_geocode_starts_without_flask_or_geopy():
    """`matcher geocode` answers without importing Flask or geopy (its cold start); fails if
    ``matcher.cli`` imports the Flask group again, ``main`` hands `geocode` to it, or
    ``geocode_to_dict`` goes through the geopy geocoder (or ``matcher.geocoding`` imports it)."""
    code = (
        "import sys\n"
        "from matcher.cli import main\n"
        "try:\n"
        "    main(['geocode', 'Fort Worth TX'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('flask' in sys.modules, 'geopy' in sys.modules)\n"
    )
    out = _lines_printed_by(code)
    assert json.loads(out[0])["address"] == "Fort Worth, TX"
    assert out[1] == "False False"


def test_matcher_other_commands_go_to_the_flask_group():
    result = CliRunner().invoke(flask_group(), ["--help"])
    assert result.exit_code == 0, result.output
    assert "geocode" in result.output and "generate-secrets" in result.output
    with pytest.raises(SystemExit) as stop:
        main(["generate-secrets", "--help"])
    assert stop.value.code == 0


def test_hit_to_dict_is_the_dict_of_the_location():
    """The CLI's geopy-free shape is the one of the geopy ``Location`` (every kind of answer);
    fails if ``hit_to_dict`` drops or rounds a field differently."""
    queries = [
        "Bay Area, CA",  # nickname
        "ZIP 78205",  # postcode
        "Vigil outside the Adelanto ICE Processing Center",  # facility
        "Alburqurque, NM",  # fuzzy
        "Springfield",  # ambiguous
        "Hennepin County",  # county
        "Texas",  # state
        "rally at 101 Jefferson St. in Lafayette",  # address
        "Online",  # nothing
    ]
    reader = shared_reader()
    for query in queries:
        hit = reader.read(query, None)
        location = None if hit is None else hit_to_location(hit)
        assert hit_to_dict(query, hit) == location_to_dict(query, location), query
        assert geocode_to_dict(query) == geocode_to_dict(query, get_gazetteer()), query


def test_the_gazetteer_reads_with_the_shared_reader():
    assert get_gazetteer().reader is shared_reader()
    assert get_gazetteer().resolver is shared_reader().resolver


def test_a_one_shot_city_or_nickname_reads_no_landmark():
    """`matcher geocode "Bay Area, CA"` (or "Austin, TX") never reads the landmark files (a
    cold start's 8,000 keys); fails if the tables, the landmark scan, the capitols of the
    homonyms or the whole-name test read them eagerly."""
    code = (
        "from matcher.geocoding.offline import geocode_to_dict, shared_reader\n"
        "print(geocode_to_dict('Bay Area, CA')['match'], geocode_to_dict('Austin, TX')['match'])\n"
        "print('landmarks' in vars(shared_reader().data))\n"
        "print(geocode_to_dict('Hennepin County')['match'])\n"
        "print('landmarks' in vars(shared_reader().data))\n"
    )
    out = _lines_printed_by(code)
    assert out == ["nickname exact", "False", "county", "True"]

"""``matcher geocode`` through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.cli.geocode import geocode_command
from matcher.cli.group import group
from matcher.geocoding import geocode_to_dict

ROOT = Path(__file__).resolve().parents[2]


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


def test_matcher_geocode_starts_without_flask():
    """`matcher geocode` answers without importing Flask (its cold start); fails if
    ``matcher.cli`` imports the Flask group again, or ``main`` hands `geocode` to it."""
    code = (
        "import sys\n"
        "from matcher.cli import main\n"
        "try:\n"
        "    main(['geocode', 'Fort Worth TX'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('flask' in sys.modules)\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout.splitlines()
    assert json.loads(out[0])["address"] == "Fort Worth, TX"
    assert out[1] == "False"


def test_matcher_other_commands_go_to_the_flask_group():
    result = CliRunner().invoke(group, ["--help"])
    assert result.exit_code == 0, result.output
    assert "geocode" in result.output and "generate-secrets" in result.output
    with pytest.raises(SystemExit) as stop:
        main(["generate-secrets", "--help"])
    assert stop.value.code == 0

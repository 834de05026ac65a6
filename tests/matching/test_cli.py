"""`matcher suggest FILE.csv` through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from matcher.cli.suggest import suggest_command

HEADER = (
    "ref,title,date,location,latitude,longitude,target_type,target,organizations,"
    "contact_name,contact_email,language,intro_region,intro_target,public\n"
)
GOOD = HEADER + (
    'sd1,Vigil,2026-10-12,"San Diego, CA",32.7157,-117.1611,detention_center,'
    "Otay Mesa Detention Center,Unión del Barrio,Ana,ana@example.org,es,yes,yes,yes\n"
    'sd2,Rally,2026-10-13,"San Diego, CA",32.72,-117.16,corporate_profiteer,CoreCivic,'
    "People Over Profits; DSA,Bo,bo@example.org,en,yes,yes,yes\n"
    'ak,March,2026-10-11,"Anchorage, AK",61.2181,-149.9003,federal_agency,ICE Anchorage,'
    "Native Movement,Cy,cy@example.org,en,yes,no,yes\n"
    ",March,2026-10-14,Portland,45.5152,-122.6784,federal_agency,ICE Portland,"
    "PDX Coalition,Di,DI@example.org,en,yes,yes,yes\n"
    ",Other,2026-10-14,Portland,45.52,-122.68,other,,PDX Coalition,Di,di@example.org ,en,yes,yes,\n"
)


def _run(text: str, *args: str):
    return CliRunner().invoke(suggest_command, ["-", *args], input=text.encode("utf-8"))


def test_good_file_prints_one_json_object_per_pair() -> None:
    result = _run(GOOD)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {
            "a": "sd1",
            "b": "sd2",
            "score": lines[0]["score"],
            "kinds": ["region", "target"],
            "reasons": [
                "related targets: Otay Mesa Detention Center is run by CoreCivic",
                lines[0]["reasons"][1],
                "1 day apart (Oct 12 and Oct 13)",
            ],
        }
    ]
    assert lines[0]["reasons"][1].endswith("1 km apart")
    assert 0.95 < lines[0]["score"] <= 1.0
    # Anchorage did not consent to target introductions; the two Portland rows share an email


def test_rows_without_ref_are_named_by_row_number() -> None:
    text = GOOD.replace("yes,no,yes\n", "yes,yes,yes\n")
    lines = [json.loads(line) for line in _run(text, "--top-k", "1").stdout.splitlines()]
    # row numbers are ints and sort before refs
    assert (lines[-1]["a"], lines[-1]["b"]) == (4, "ak")


def test_today_filters_past_actions() -> None:
    result = _run(GOOD, "--today", "2026-10-13")
    assert result.stdout == ""
    assert result.stderr.startswith("suggest: 5 actions, 0 suggestions in ")


def test_bad_date_exits_2_naming_row_and_column() -> None:
    result = _run(GOOD.replace("2026-10-13", "13/10/2026"))
    assert result.exit_code == 2
    assert "row 2" in result.output and "column date" in result.output


def test_missing_column_exits_2() -> None:
    result = _run("title,date\nx,2026-10-10\n")
    assert result.exit_code == 2
    assert "column location" in result.output


def test_the_json_lines_are_json_dumps_of_each_suggestion():
    import io

    from matcher.cli.suggest import write_json_lines
    from matcher.matching import Suggestion
    from matcher.matching.sentences import render

    shared = {"code": "same_target", "target": 'Centro de Detención "Otay"\n'}
    found = [
        Suggestion("sd1", "ak", 0.1234567891, ["region"], [shared]),
        Suggestion(
            3, 12, 2.0, ["region", "target"], [shared, {"code": "same_target", "target": "ICE"}]
        ),
        Suggestion(
            "π", 7, float("nan"), [], [{"code": "same_target", "target": "ICE"}, "as stored"]
        ),
        Suggestion(1, 2, 1e-07, ["target"], []),
        Suggestion(4, 5, -0.0, ["target"], [shared]),
        Suggestion(6, 8, 0.0, ["target"], [shared]),
        # ids and scores of other types: 1.0 and 1 are one dict key, not one text
        Suggestion(1.0, "x", 1, ["region"], [shared]),
        Suggestion(1, "x", 1.0, ["region"], []),
    ]
    out = io.StringIO()
    assert list(write_json_lines(found, out, chunk=3)) == [3, 6, 8]
    expected = [
        json.dumps(
            {
                "a": s.a,
                "b": s.b,
                "score": round(s.score, 6),
                "kinds": s.kinds,
                "reasons": [render(reason) for reason in s.why],
            },
            ensure_ascii=False,
        )
        for s in found
    ]
    assert out.getvalue().splitlines() == expected


def test_rows_without_coordinates_are_placed_by_their_location() -> None:
    text = HEADER + (
        'sd1,Vigil,2026-10-12,"San Diego, CA",32.7157,-117.1611,detention_center,'
        "Otay Mesa Detention Center,Unión del Barrio,Ana,ana@example.org,es,yes,no,yes\n"
        'sd2,Rally,2026-10-13,"San Diego, CA",,,other,City Hall,DSA,Bo,bo@example.org,en,yes,no,\n'
        'ak,March,2026-10-11,"Anchorage, AK",,,other,City Hall,NM,Cy,cy@example.org,en,yes,no,\n'
    )
    result = _run(text)
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(p["a"], p["b"], p["kinds"]) for p in pairs] == [("sd1", "sd2", ["region"])]

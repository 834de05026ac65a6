"""Generate ``data/campuses.csv`` (college and university campuses) from the U.S. Department
of Education's IPEDS institutional directory.

Organizers march "from the University of Wisconsin-Madison campus" and rally "outside UCLA";
a campus's name places the action at the campus's own point. Run
``python -m matcher.geocoding.build_campuses --raw DIR`` (``make campuses RAW=DIR``) with
``DIR`` holding ``hd2022.csv``. The output is deterministic: the same file gives a
byte-identical CSV, read as landmarks by :mod:`matcher.geocoding.data`.

Source: NCES, Integrated Postsecondary Education Data System (IPEDS), Institutional
Characteristics, directory information file HD2022, Windows-1252 text
(https://nces.ed.gov/ipeds/datacenter/DataFiles.aspx?year=2022); a work of the U.S.
government, public domain (17 U.S.C. § 105). Copy taken from the GitHub repository
NathanKhuat3/Research_Paper @ 0171d84a30986308e18dc795481eff98406a534a : hd2022.csv (the
repository has no licence; only the federal file it carries is used).

Kept: active, degree-granting, public or private not-for-profit institutions of two or four
years with 1,000 students or more (IPEDS ``INSTSIZE`` 2-5), the campuses organizers name.
Each row carries its name, the aliases IPEDS lists that are two words or more or an acronym
of four to six capitals ("UCLA"; a shorter one such as "UW" or "USC" names several campuses,
and no acronym may be a town's name), "University of X" for the largest
campus of "University of X-Town" when it is larger than every other campus of that name,
and the form without a leading "The". A spelling that two kept institutions share is
dropped from both: it names neither.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

from matcher.geocoding.generated_csv import render_csv
from matcher.geocoding.normalize import key

DATA_DIR = Path(__file__).with_name("data")
OUTPUT = DATA_DIR / "campuses.csv"
SOURCE_FILE = "hd2022.csv"
SOURCE_SHA1 = "91be1bc6fe6595e2a7f50e26ee75217bf4f815dc"
HEADER = ("name", "aliases", "address", "city", "state", "lat", "lon")
#: IPEDS codes kept: active this year, degree-granting, public or private not-for-profit,
#: four-year or two-year, 1,000 students or more.
_SIZES = frozenset({"2", "3", "4", "5"})
_LEVELS = frozenset({"1", "2"})
_CONTROLS = frozenset({"1", "2"})
_ALIAS_SPLIT = re.compile(r"\s*(?:\||;|\s{2,})\s*")
_COMMA = re.compile(r"\s*,\s*")
_ACRONYM = re.compile(r"[A-Z]{4,6}")
_KIND = re.compile(r"\b(?:University|College|Institute|School|Academy|Seminary)\b")


def _kept(row: dict[str, str]) -> bool:
    return (
        row["CYACTIVE"] == "1"
        and row["DEGGRANT"] == "1"
        and row["ICLEVEL"] in _LEVELS
        and row["CONTROL"] in _CONTROLS
        and row["INSTSIZE"] in _SIZES
        and row["LATITUDE"].strip() not in ("", "-2")
    )


def aliases_of(name: str, ialias: str, places: frozenset[str] = frozenset()) -> list[str]:
    """The spellings of one institution besides its name: IPEDS aliases of two words or
    more, its acronym of four to six capitals ("UCLA", "UTEP") unless the name itself opens
    with it (the system's: "SUNY at Albany") or it is a word of the name ("STATE" of West
    Virginia State University, which made "the State Capitol" a campus), none that a place
    of the gazetteer is named (``places``: keys; "TROY"), and the name without a leading
    "The". Commas separate aliases, but not inside the name written again ("University of
    California, San Francisco")."""
    pieces = []
    for chunk in _ALIAS_SPLIT.split(ialias.strip()):
        if key(chunk) != key(name):  # "University of California, San Francisco" is the name
            pieces.extend(_COMMA.split(chunk))  # "West LA College, West L.A. College"
    out = [
        alias
        for alias in pieces
        if key(alias) not in places
        and (
            len(alias.split()) >= 2
            or (
                _ACRONYM.fullmatch(alias) is not None
                and name.split()[0] != alias
                and alias.lower() not in name.lower().split()  # "STATE" is a word of it
            )
        )
    ]
    if name.lower().startswith("the "):
        out.append(name[4:])
    return [a for a in dict.fromkeys(out) if key(a) != key(name)]


def _flagship_aliases(rows: list[dict[str, str]]) -> dict[int, str]:
    """``University of X`` for the one campus of ``University of X-Town`` (its town, or
    "Main Campus", after the dash) larger than every other campus of that name (row index
    -> alias)."""
    by_base: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        base, dash, town = row["INSTNM"].partition("-")
        if (
            dash
            and _KIND.search(base)
            and (key(town) == key(row["CITY"]) or "campus" in town.lower())
        ):  # not "Saint Mary-of-the-Woods College", "University of Mary Hardin-Baylor"
            by_base[base.strip()].append(i)
    out = {}
    for base, members in by_base.items():
        sizes = sorted((int(rows[i]["INSTSIZE"]), i) for i in members)
        if len(sizes) == 1 or sizes[-1][0] > sizes[-2][0]:
            out[sizes[-1][1]] = base
    return out


def read_rows(path: Path) -> list[dict[str, str]]:
    """The kept campuses of the directory, one dict per campus, sorted by state, town, name."""
    data = path.read_bytes()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    if digest != SOURCE_SHA1:
        raise ValueError(f"{path}: SHA-1 {digest}, expected {SOURCE_SHA1}")
    from matcher.geocoding.data import load

    return campus_rows(data.decode("cp1252"), frozenset(load().by_key))


def campus_rows(text: str, places: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """The kept campuses of the directory's CSV ``text``, sorted by state, town, name;
    ``places``: the gazetteer's place keys, which no acronym may be."""
    source = [r for r in csv.DictReader(io.StringIO(text)) if _kept(r)]
    flagships = _flagship_aliases(source)
    spellings: list[list[str]] = []
    holders: dict[str, set[int]] = defaultdict(set)
    for i, row in enumerate(source):
        name = row["INSTNM"].strip()
        names = [name, *aliases_of(name, row["IALIAS"], places)]
        if i in flagships:
            names.append(flagships[i])
        spellings.append(names)
        for name in names:
            holders[key(name)].add(i)
    out = []
    for i, row in enumerate(source):
        name, *others = spellings[i]
        if len(holders[key(name)]) > 1:
            continue  # two campuses of one name ("Columbia College"): it names neither
        kept = [a for a in others if len(holders[key(a)]) == 1 and key(a) != key(name)]
        out.append(
            {
                "name": name,
                "aliases": "|".join(dict.fromkeys(kept)),
                "address": row["ADDR"].strip(),
                "city": row["CITY"].strip(),
                "state": row["STABBR"].strip(),
                "lat": f"{float(row['LATITUDE']):.5f}",
                "lon": f"{float(row['LONGITUD']):.5f}",
            }
        )
    return sorted(out, key=lambda r: (r["state"], r["city"], r["name"]))


def render(rows: list[dict[str, str]]) -> str:
    """The CSV text, with its provenance in comment lines."""
    return render_csv(
        rows,
        HEADER,
        (
            "College and university campuses, generated by "
            "`python -m matcher.geocoding.build_campuses`; do not edit by hand.",
            "Source: NCES IPEDS directory file HD2022, U.S. government work, public domain; "
            "see data/FACILITIES.md.",
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Build the file; print how many campuses it holds."""
    parser = argparse.ArgumentParser(prog="python -m matcher.geocoding.build_campuses")
    parser.add_argument("--raw", type=Path, required=True, help=f"folder holding {SOURCE_FILE}")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    try:
        rows = read_rows(args.raw / SOURCE_FILE)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    out = args.out / OUTPUT.name
    out.write_text(render(rows), "utf-8")
    print(f"{out}: {len(rows)} campuses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Generate ``data/federal_buildings.csv`` (named federal buildings and U.S. courthouses) from
GSA's Inventory of Owned and Leased Properties.

Also writes ``data/federal_court_towns.csv``: the towns with a federally owned U.S.
courthouse, which tell homonyms apart ("the U.S. District Courthouse in Burlington" is
Burlington, VT). Run ``python -m matcher.geocoding.build_landmarks --raw DIR``
(``make landmarks RAW=DIR``)
with ``DIR`` holding ``2025-6-20-iolp-buildings.xlsx`` (the ``facilities`` extra reads it).
The output is deterministic: the same file gives a byte-identical CSV.

Source: GSA, Inventory of Owned and Leased Properties (IOLP), buildings export of 2025-06-20
(https://catalog.data.gov/dataset/inventory-of-owned-and-leased-properties-iolp); a work of
the U.S. government, public domain (17 U.S.C. § 105). Copy taken from the GitHub repository
liampotts/Asset-Atlas @ 3bcae6120c41386255625a06d3e0ab99d4292c94 : 2025-6-20-iolp-buildings.xlsx
(the repository has no licence; only the federal file it carries is used).

Kept: federally owned buildings whose name is a person's federal building, U.S. courthouse
or custom house ("WAYNE L. MORSE US COURTHOUSE", "ROBERT C. BYRD FB & COURTHOUSE"): the
buildings organizers name at immigration courts, ICE offices and rallies, or after two
persons ("REYNALDO G. GARZA AND FILEMON B. VELA US COURTHOUSE", "EDITH GREEN - WENDELL WYATT
FEDERAL BUILDING": both names, and each alone, are spellings). Buildings named
only by their town ("IOWA CITY FEDERAL BUILDING") are left out: the town already places them,
and a town's name is often another's ("Greenville US Courthouse" is in Mississippi). Each row
carries the spellings organizers write ("Wayne Morse Federal Courthouse", "Morse Courthouse",
"Edificio Federal Byrd") and the building's own point from the inventory.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from matcher.geocoding.generated_csv import render_csv
from matcher.geocoding.normalize import key

DATA_DIR = Path(__file__).with_name("data")
OUTPUT = DATA_DIR / "federal_buildings.csv"
COURT_TOWNS = DATA_DIR / "federal_court_towns.csv"
SOURCE_FILE = "2025-6-20-iolp-buildings.xlsx"
SOURCE_SHA1 = "a7a28bfc3ce4d8bc6336b4f7033829fae1403bfc"

#: Abbreviations of the inventory's names, in the order they are expanded.
_EXPANSIONS = (
    (r"\s*&\s*", " AND "),
    (r"\bU\.? ?S\.?(?= |$|/)", "US"),
    (r"\bUNITED STATES\b", "US"),
    (r"\bFED(?:ERAL)?\.? ?BLDG\.?", "FEDERAL BUILDING"),
    (r"\bF\.?O\.?B\b\.?", "FEDERAL BUILDING"),  # federal office building
    (r"\bUSCH\b", "US COURTHOUSE"),
    (r"\bFED\b\.?", "FEDERAL"),
    (r"\bBLDG\b\.?", "BUILDING"),
    (r"\bF\.?B\.?(?= |$|-|/|,)", "FEDERAL BUILDING"),
    (r"\bCOURT ?HOUSE\b|\bCOURTHSE\b|\bCTHSE?\b|\bCTHS\b|\bCOURTHOUS\b", "COURTHOUSE"),
    (
        r"(?<=US )CH\b|(?<=AND )CH\b|(?<=BUILDING )CH\b|(?<=FEDERAL )CH\b|(?<=[-/])CH\b",
        "COURTHOUSE",
    ),
    (r"(?<=USPO )CT\b|(?<=BUILDING )CT\b|(?<=AND )CT\b|(?<=[-/])CT\b", "COURTHOUSE"),
    (r"\bFEDERAL COURT$", "FEDERAL COURTHOUSE"),
    (r"\bUSPO AND (?=COURTHOUSE)", ""),  # "JAMES T. FOLEY USPO & CT HOUSE": a courthouse
    (r"\bCUSTOMHOUSE\b|\bCUSTOM HOUSE\b|\bCUSTOMS HOUSE\b", "CUSTOM HOUSE"),
)
_KINDS = re.compile(r"\b(?:FEDERAL|US|COURTHOUSE|CUSTOM HOUSE|BUILDING)\b")
_SUFFIXES = {"JR", "SR", "II", "III", "IV"}
#: Words that make a name's first part something else than a person's name.
_NOT_A_PERSON = re.compile(
    r"\b(?:FEDERAL|CENTER|OFFICE|ANNEX|PARKING|GARAGE|WAREHOUSE|STATION|SHOP|PLAZA|STREET|"
    r"AVENUE|SQUARE|NORTH|SOUTH|EAST|WEST|OLD|NEW|CITY|COUNTY|BORDER|PORT|POST|STATE|CAMPUS|"
    r"DISTRICT|THE|AND|OF)\b"
)
_STATE_CODES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY VI GU",
    )
)
_NOT_NAMES = frozenset({"USPO", "HISTORIC", "SPEAKER", "MEMORIAL", "ANNEX", "NEW", "OLD"})
_WANTED = re.compile(r"\b(?:FEDERAL BUILDING|COURTHOUSE|CUSTOM HOUSE)\b")
HEADER = ("name", "aliases", "address", "city", "state", "lat", "lon")


def expand(name: str) -> str:
    """The inventory's abbreviations written out ("STROM THURMOND FB" -> "... FEDERAL
    BUILDING"), a trailing location code or ", TOWN, ST" dropped."""
    text = re.sub(r"\s+[A-Z]{2}\d{4}[A-Z]?$", "", name.upper().strip())
    for pattern, replacement in _EXPANSIONS:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"\s+", " ", text).strip(" ,-")


def person(expanded: str, town: str) -> str | None:
    """The person a building is named after: the words before its first kind word, when
    they are a name (two words or more, no town or place word)."""
    m = _KINDS.search(expanded)
    if m is None:
        return None
    head = re.sub(r"[.,]", " ", expanded[: m.start()])
    words = head.split()
    if len(words) < 2 or _NOT_A_PERSON.search(head) or key(head) == key(town):
        return None
    if any(w.upper() in _STATE_CODES or not w.isalpha() or w in _NOT_NAMES for w in words):
        return None  # "536 S CLARK CHICAGO IL", "TEXARKANA USPO/", "CWLPOE HISTORIC"
    if not any(len(w) > 2 and w.isalpha() for w in words):
        return None
    return " ".join(words)


#: What joins the two persons of a building named after two ("REYNALDO G. GARZA AND FILEMON
#: B. VELA US COURTHOUSE", "EDITH GREEN - WENDELL WYATT FEDERAL BUILDING", "MINTON-CAPEHART").
_PAIR_JOIN = re.compile(r"\s+AND\s+|\s*-\s*")


def two_persons(expanded: str, town: str) -> tuple[str, str] | None:
    """The two persons a building is named after, each a name as :func:`person` reads one
    or a surname alone on each side of a hyphen ("MINTON-CAPEHART"); None otherwise."""
    m = _KINDS.search(expanded)
    if m is None:
        return None
    head = re.sub(r"[.,]", " ", expanded[: m.start()]).strip()
    parts = _PAIR_JOIN.split(head)
    if len(parts) != 2:
        return None
    found = []
    for part in parts:
        words = part.split()
        if len(words) == 1 and "-" in head and " AND " not in head:
            who = words[0] if len(words[0]) > 2 and words[0].isalpha() else None
            who = None if who is None or _NOT_A_PERSON.search(who) else who
        else:
            who = person(f"{part} FEDERAL", town)  # a kind word after it, as person() wants
        if who is None or key(who) == key(town):
            return None
        found.append(who)
    return found[0], found[1]


def pair_spellings(
    first: str, second: str, expanded: str, towns: frozenset[str] = frozenset()
) -> tuple[str, list[str]]:
    """The display name and the other spellings of a building named after two persons: both
    names in each form ("Reynaldo G Garza and Filemon B Vela US Courthouse", "Garza-Vela
    Courthouse"), and each person's own spellings ("Filemon B Vela Federal Courthouse"); a
    surname alone that is also a town's name (``towns``: keys) gets none of its own
    ("Golden Federal Building" may be Golden, CO's)."""
    forms_first, forms_second = person_forms(first), person_forms(second)
    own_display, _ = spellings(first, expanded)
    kind = own_display.removeprefix(forms_first[0]).strip()  # "US Courthouse"
    display = f"{forms_first[0]} and {forms_second[0]} {kind}"
    aliases = [
        spelling
        for a, b in zip(forms_first, forms_second, strict=False)
        for kind_words in _kind_words(expanded)
        for spelling in (f"{a} and {b} {kind_words}", f"{a}-{b} {kind_words}")
    ]
    for who in (first, second):
        if " " in who or key(who) not in towns:
            own, others = spellings(who, expanded, towns)
            aliases += [own, *others]
    aliases = [a for a in dict.fromkeys(aliases) if key(a) != key(display)]
    return display, aliases


def _kind_words(expanded: str) -> list[str]:
    """The kinds a building's name gives, as organizers write them ("US Courthouse",
    "Federal Building")."""
    out = []
    if "FEDERAL BUILDING" in expanded:
        out.append("Federal Building")
    if "COURTHOUSE" in expanded:
        out.extend(("US Courthouse", "Courthouse", "Federal Courthouse"))
    if "CUSTOM HOUSE" in expanded:
        out.append("Custom House")
    return out


def person_forms(full: str) -> list[str]:
    """Full name, first and last name, last name ("Wayne L Morse", "Wayne Morse", "Morse")."""
    words = [w for w in full.split() if w not in _SUFFIXES]
    long = [w for w in words if len(w) > 1]
    forms = [" ".join(words)]
    if len(long) >= 2:
        forms.append(f"{long[0]} {long[-1]}")
    forms.append(words[-1])
    return list(dict.fromkeys(f.title() for f in forms))


def spellings(
    who: str, expanded: str, towns: frozenset[str] = frozenset()
) -> tuple[str, list[str]]:
    """The display name and the other spellings of one building; a last name that is also a
    town's name (``towns``: keys) gets no spellings of its own ("Jackson US Courthouse" may
    be the courthouse in Jackson, MS)."""
    has_fb = "FEDERAL BUILDING" in expanded
    has_ch = "COURTHOUSE" in expanded
    has_custom = "CUSTOM HOUSE" in expanded
    forms = person_forms(who)
    full = forms[0]
    kinds = []
    if has_fb and has_ch:
        kinds.append("Federal Building and US Courthouse")
    if has_fb:
        kinds.append("Federal Building")
    if has_ch:
        kinds.extend(("US Courthouse", "Courthouse", "Federal Courthouse", "US District Court"))
        kinds.append("US District Courthouse")
    if has_custom:
        kinds.extend(("Custom House", "Customs House"))
    display = f"{full} {kinds[0]}"
    aliases: list[str] = []
    for i, form in enumerate(forms):
        surname_only = i == len(forms) - 1 and len(forms) > 1
        if surname_only and key(form) in towns:
            continue
        for kind in kinds:
            if surname_only and kind.startswith("Federal Building and"):
                continue
            aliases.append(f"{form} {kind}")
        if has_fb:
            aliases.append(f"Edificio Federal {form}")
        if has_ch:
            aliases.extend((f"Corte Federal {form}", f"Tribunal Federal {form}"))
    aliases = [a for a in dict.fromkeys(aliases) if key(a) != key(display)]
    return display, aliases


def read_rows(path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The kept buildings of the inventory (one dict per building), and the towns with a
    federally owned U.S. courthouse (named after a person or not)."""
    import openpyxl

    from matcher.geocoding.data import load

    towns = frozenset(load().by_key)
    digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
    if digest != SOURCE_SHA1:
        raise ValueError(f"{path}: SHA-1 {digest}, expected {SOURCE_SHA1}")
    sheet = openpyxl.load_workbook(path, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    out: dict[str, dict[str, str]] = {}
    courts: set[tuple[str, str]] = set()
    for values in rows:
        row = dict(zip(header, values, strict=False))
        if row["Owned or Leased"] != "F" or row["Latitude"] in (None, "") or not row["State"]:
            continue
        expanded = expand(str(row["Real Property Asset Name"] or ""))
        if not _WANTED.search(expanded):
            continue
        town = str(row["City"] or "").title()
        if "COURTHOUSE" in expanded:
            courts.add((town, str(row["State"])))
        who = person(expanded, town)
        pair = two_persons(expanded, town) if who is None else None
        if who is not None:
            display, aliases = spellings(who, expanded, towns)
        elif pair is not None:  # "REYNALDO G. GARZA AND FILEMON B. VELA US COURTHOUSE"
            display, aliases = pair_spellings(*pair, expanded, towns)
        else:
            continue
        k = f"{key(display)}|{row['State']}"
        if k in out:  # an annex of the same building
            continue
        out[k] = {
            "name": display,
            "aliases": "|".join(aliases),
            "address": str(row["Street Address"] or "").title(),
            "city": town,
            "state": str(row["State"]),
            "lat": f"{float(row['Latitude']):.5f}",
            "lon": f"{float(row['Longitude']):.5f}",
        }
    buildings = sorted(out.values(), key=lambda r: (r["state"], r["city"], r["name"]))
    towns = [{"city": c, "state": st} for c, st in sorted(courts, key=lambda t: (t[1], t[0]))]
    return buildings, towns


def render(rows: list[dict[str, str]], what: str, header: tuple[str, ...] = HEADER) -> str:
    """The CSV text, with its provenance in comment lines."""
    return render_csv(
        rows,
        header,
        (
            f"{what}, generated by "
            "`python -m matcher.geocoding.build_landmarks`; do not edit by hand.",
            "Source: GSA Inventory of Owned and Leased Properties (IOLP), buildings export "
            "2025-06-20, U.S. government work, public domain; see data/FACILITIES.md.",
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Build the file; print how many buildings it holds."""
    parser = argparse.ArgumentParser(prog="python -m matcher.geocoding.build_landmarks")
    parser.add_argument("--raw", type=Path, required=True, help=f"folder holding {SOURCE_FILE}")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    try:
        rows, towns = read_rows(args.raw / SOURCE_FILE)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    out = args.out / OUTPUT.name
    out.write_text(render(rows, "Named federal buildings and U.S. courthouses"), "utf-8")
    print(f"{out}: {len(rows)} buildings")
    out = args.out / COURT_TOWNS.name
    what = "Towns with a federally owned U.S. courthouse"
    out.write_text(render(towns, what, ("city", "state")), "utf-8")
    print(f"{out}: {len(towns)} towns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

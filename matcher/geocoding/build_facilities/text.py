"""Normalising the names, ZIP codes and street addresses of ICE's lists, and title-casing them.

ICE writes names in capitals, with typos and abbreviations ("PROCESSSING", "CORR CTR"); the
catalog shows them title-cased with ICE's acronyms kept ("Krome North SPC", "ICE ERO").
"""

from __future__ import annotations

import datetime
import re

__all__ = ["address_key", "clean", "fix_typos", "norm_name", "slug", "street_key", "title", "zip5"]

_NOT_NAME = re.compile(r"[^A-Z0-9 ]")
_SPACES = re.compile(r"\s+")
_STREET = re.compile(r"(\d+)\s+(?:(?:N|S|E|W|NORTH|SOUTH|EAST|WEST)\s+)?([A-Z0-9]+)")

# fmt: off
#: Acronyms kept in capitals wherever they stand.
ACRONYMS = frozenset((
    "ICE", "SPC", "CDF", "IPC", "CCA", "GEO", "USP", "FCI", "FDC", "MDC", "DOD", "JTF", "ERO",
    "IAH", "TGK", "CLIPC", "NWIPC", "II", "III", "IV", "US", "USA", "FSC", "MOC", "DC", "SSM",
    "ICA", "CI", "INS", "NW", "NE", "SW", "SE", "CBP", "BOP", "USMS", "MTC", "SCI", "RJ", "LSCI",
    "MCC", "FMC", "JDC", "CCF", "LEO", "PD", "ORR", "MIRP", "NYC", "SFR", "DRO", "APSO", "BPS",
    "AROCC",
))
#: Two-letter state codes, kept in capitals.
STATE_CODES = frozenset((
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DE", "FL", "GA", "GU", "HI", "IA", "ID",
    "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC",
    "ND", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN",
    "TX", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
))
#: State codes that are also words or abbreviations ("La Palma", "Co Jail", "Mt. Pleasant"):
#: capitals only in parentheses, after a comma or at the end of the name.
AMBIGUOUS_CODES = frozenset((
    "LA", "DE", "IN", "ME", "OR", "OK", "HI", "OH", "ID", "CO", "AS", "MA", "PA", "AL", "MT",
))
# fmt: on
#: Short words written in lower case inside a name ("la" only after "de": "Casa de la Luz").
SMALL_WORDS = frozenset(("OF", "AND", "THE", "AT", "FOR", "IN", "ON", "DE", "DEL"))
TYPOS = (
    (re.compile(r"PROCESSSING"), "PROCESSING"),
    (re.compile(r"PROCSESING"), "PROCESSING"),
    (re.compile(r"\bCORRECTIONAL F$"), "CORRECTIONAL FACILITY"),
)


def clean(value: object) -> str:
    """A spreadsheet cell as stripped text ("" for empty cells)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime.datetime):
        return str(value)
    return str(value).strip()


def norm_name(text: object) -> str:
    """Upper-case letters and digits only, single spaces: the form names are compared in."""
    folded = _NOT_NAME.sub(" ", str(text).upper().replace("&", " AND "))
    return _SPACES.sub(" ", folded).strip()


def zip5(value: object) -> str:
    """The five-digit ZIP code of a cell (ICE stores some as numbers without leading zeros)."""
    text = clean(value)
    if re.fullmatch(r"\d+(\.0)?", text):
        text = text.split(".")[0].zfill(5)
    match = re.match(r"(\d{5})", text)
    return match.group(1) if match else ""


def street_key(address: str) -> tuple[str, str] | None:
    """House number and the first word of the street (4 letters), or None without a number."""
    match = _STREET.match(norm_name(address or ""))
    return (match.group(1), match.group(2)[:4]) if match else None


def address_key(address: str, zip_code: str, state: str) -> str | None:
    """House number, street word, ZIP and state: records with the same one are one site."""
    if not address or not zip_code:
        return None
    match = _STREET.match(norm_name(address))
    if not match:
        return None
    return f"{match.group(1)}|{match.group(2)}|{zip_code}|{state}"


def fix_typos(name: str) -> str:
    """ICE's name with its known typos fixed."""
    for pattern, replacement in TYPOS:
        name = pattern.sub(replacement, name)
    return name


def _title_word(word: str, i: int, last: bool, previous: str) -> str:
    core = re.sub(r"[^A-Za-z]", "", word).upper()
    in_parens = word.startswith("(") and word.endswith(")")
    if core in ACRONYMS:
        return word.upper()
    if core in STATE_CODES and (
        core not in AMBIGUOUS_CODES or in_parens or previous.endswith(",") or (last and i > 0)
    ):
        return word.upper()
    if i > 0 and (core in SMALL_WORDS or (core == "LA" and previous.upper() in ("DE", "DEL"))):
        return word.lower()
    text = word.capitalize()
    text = re.sub(r"(?<=[-/(.])([a-z])", lambda m: m.group(1).upper(), text)
    text = re.sub(r"^(\(?)Mc([a-z])", lambda m: m.group(1) + "Mc" + m.group(2).upper(), text)
    return re.sub(r"'S\b", "'s", text)


def title(name: object) -> str:
    """ICE's capitals title-cased: "KROME NORTH SPC" -> "Krome North SPC"."""
    words = _SPACES.sub(" ", str(name).strip()).split(" ")
    out = []
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        out.append(_title_word(word, i, i == len(words) - 1, previous))
    return " ".join(out)


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: the form of catalog ids."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

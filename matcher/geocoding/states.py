"""Recognizing a state at the end of a query: "Fort Worth TX", "Richmond, Va.", "Ohio".

State spellings come from the data file (code, name, AP abbreviation, all made into keys)
plus the informal variants below.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from matcher.geocoding.normalize import SPACE_BUT_KEY_CHARACTERS, fold

__all__ = ["EXTRA_STATE_SPELLINGS", "StateNames", "StateSplit", "split_state", "strip_country"]

#: Informal spellings people use that neither USPS nor AP style cover.
EXTRA_STATE_SPELLINGS: dict[str, str] = {
    "cali": "CA",
    "cal": "CA",
    "penn": "PA",
    "penna": "PA",
    "wash": "WA",
    "wisc": "WI",
    "minn": "MN",
    "mich": "MI",
    "tex": "TX",
    "ariz": "AZ",
    "colo": "CO",
    "conn": "CT",
    "okla": "OK",
    "oreg": "OR",
    "nebr": "NE",
    "neb": "NE",
    "ind": "IN",
    "ill": "IL",
    "ala": "AL",
    "ark": "AR",
    "fla": "FL",
    "tenn": "TN",
    "miss": "MS",
    "mass": "MA",
    "kans": "KS",
    "kan": "KS",
    "ky": "KY",
    "nev": "NV",
    "wyo": "WY",
    "mont": "MT",
    "wva": "WV",
    "w va": "WV",
    "n dak": "ND",
    "s dak": "SD",
    "n c": "NC",
    "s c": "SC",
    "n y": "NY",
    "n j": "NJ",
    "n m": "NM",
    "n h": "NH",
    "r i": "RI",
    "d c": "DC",
    "pr": "PR",
    "puerto rico": "PR",
    "district of columbia": "DC",
    "jersey": "NJ",
    # Spanish names of states
    "nueva york": "NY",
    "nueva jersey": "NJ",
    "nuevo mexico": "NM",
    "nuevo hampshire": "NH",
    "carolina del norte": "NC",
    "carolina del sur": "SC",
    "dakota del norte": "ND",
    "dakota del sur": "SD",
    "virginia occidental": "WV",
    "luisiana": "LA",
    "pensilvania": "PA",
    "misuri": "MO",
    "misisipi": "MS",
    "misisipi estado": "MS",
    "tejas": "TX",
    "hawai": "HI",
    "oregon estado": "OR",
    "kansas estado": "KS",
    "distrito de columbia": "DC",
}
_COUNTRY_SUFFIX = re.compile(
    r"(?:[\s,]+(?:usa|us|u s a|u s|united states(?: of america)?|america|estados unidos))+$"
)
_WORD = re.compile(r"[a-z0-9]+")


def _words_of(text: str) -> list[str]:
    """``_WORD.findall(text)``: for ASCII text (folded text is), its characters other than
    those of :data:`_WORD` made spaces and split there, which is several times cheaper."""
    if text.isascii():
        return text.translate(SPACE_BUT_KEY_CHARACTERS).split()
    return _WORD.findall(text)


#: The last 1-4 words of a text and what follows them (whole words only).
_TAILS = {
    size: re.compile(rf"(?<![a-z0-9])[a-z0-9]+(?:[^a-z0-9]+[a-z0-9]+){{{size - 1}}}[^a-z0-9]*\Z")
    for size in (1, 2, 3, 4)
}


class StateSplit(NamedTuple):
    """Result of :func:`split_state`: text before the state, the code, and the separator."""

    rest: str
    state: str | None
    comma: bool


def strip_country(text: str) -> str:
    """Drop a trailing ", USA" / "United States" from folded text."""
    return _COUNTRY_SUFFIX.sub("", text).strip(" ,")


def split_state(text: str, state_by_name: dict[str, str]) -> StateSplit:
    """Split folded ``text`` into (place part, state code) when it ends with a state.

    Tries the last four, three, two and one words, so "new york", "district of columbia" and
    "n c" are recognized. Returns ``StateSplit(text, None, False)`` when no state ends it.
    """
    words = _words_of(text)
    if len(words) > 1 and words[-1] == "state":  # "Washington State", "New York state"
        words = words[:-1]
        text = text[: text.rstrip().rfind(" ")]
    count = len(words)
    for size in (4, 3, 2, 1):
        if count < size:
            continue
        tail = words[-1] if size == 1 else " ".join(words[-size:])
        code = state_by_name.get(tail) or EXTRA_STATE_SPELLINGS.get(tail)
        if code is None:
            continue
        tail_start = _TAILS[size].search(text)  # where the state's words begin
        if tail_start is not None:
            rest = text[: tail_start.start()]
        else:  # fewer words than the state's after dropping "state" (as before: an error)
            rest = text[: [m.start() for m in _WORD.finditer(text)][-size]]
        comma = "," in rest[-3:] or rest.rstrip().endswith(("/", "("))
        return StateSplit(rest.strip(" ,-/("), code, comma)
    return StateSplit(text, None, False)


_UPPER_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{2})(?![A-Za-z])")
#: A code that is also a word ("IN", "OK"), in capitals after the text's last comma: the state
#: of "Spencer High School, OK" (not "RALLY IN Portland" nor "OK, see you there").
_LAST_CODE = re.compile(r",\s*([A-Z]{2})[\s.]*\Z")
#: Two capitals in a row: every match of :data:`_UPPER_CODE` has them (a cheaper scan first).
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


class StateNames:
    """Finds the states a text names: full names anywhere (English and Spanish), codes
    written in capitals ("TX"); built once per gazetteer."""

    def __init__(self, state_by_name: dict[str, str]) -> None:
        self.table = {n: c for n, c in EXTRA_STATE_SPELLINGS.items() if len(n) > 4}
        self.table.update((n, c) for n, c in state_by_name.items() if len(n) > 3)  # "Iowa"
        #: first word of a name -> the most words of a name it starts
        self._longest: dict[str, int] = {}
        for name in self.table:
            first = name.split(" ", 1)[0]
            self._longest[first] = max(self._longest.get(first, 0), name.count(" ") + 1)
        self._firsts = frozenset(self._longest)
        self.word_codes = frozenset(("IN", "OR", "ME", "OK", "HI"))
        self.codes = set(state_by_name.values()) - self.word_codes

    def __call__(self, original: str, folded: str | None = None) -> set[str]:
        """The states ``original`` names (``folded`` is its :func:`fold`, when known): from
        the first word on, the longest name starting at a word, then on after it."""
        words = _words_of(fold(original) if folded is None else folded)
        found = set()
        table = self.table
        longest = self._longest
        i = 0
        n = len(words) if not self._firsts.isdisjoint(words) else 0  # most texts name none
        while i < n:
            most = longest.get(words[i])
            i += 1
            if most is None:
                continue  # most words start no state's name
            start = i - 1
            for size in range(min(most, n - start), 0, -1):
                code = table.get(" ".join(words[start : start + size]))
                if code is not None:
                    found.add(code)
                    i = start + size
                    break
        if _TWO_CAPITALS.search(original) is not None:
            found.update(code for code in _UPPER_CODE.findall(original) if code in self.codes)
            last = _LAST_CODE.search(original)
            if last is not None and last.group(1) in self.word_codes:
                found.add(last.group(1))
        return found

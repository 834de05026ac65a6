"""Organization names: recognizing one organization under its different spellings.

Organizers write the same group many ways ("DSA-LA", "DSA Los Angeles", "Democratic Socialists
of America - Los Angeles"; "MIRAC" and "Minnesota Immigrant Rights Action Committee (MIRAC)"),
and different groups nearly the same way ("Seattle DSA" and "Chicago DSA", "Mutual Aid and
Defense NEK" and "Mutual Aid and Defense Vermont"). Resolution is rules first, then a guarded
fuzzy comparison (rapidfuzz) that only forgives a spelling slip inside one word:

1. a *canonical key*: accents, case, apostrophes and punctuation folded; pinned abbreviations
   expanded (`ABBREVIATIONS`; two-letter state codes only when written in capitals, so "Al Otro
   Lado" stays itself); small words dropped (`STOPWORDS`); the words sorted, so "San Antonio
   Coalition ..." and "Coalition ... – San Antonio" meet;
2. an acronym in parentheses that spells the words before it ("... Action Committee (MIRAC)")
   is another key of the same name ("mirac"), with any qualifier around it ("SURJ MN");
3. two keys name one organization when they are equal (or their words in order are, without
   spaces: "CommunityCave" and "Community Cave"), or have the same
   words but one, and that one is a slip (similarity of at least `WORD_SIMILARITY`, no digits,
   at least four letters: "Voices"/"Voice", "Live"/"Lives"); or when one's words are all in the
   other and they share a number ("AFT 1931" and "American Federation of Teachers Guild (Local
   1931)"). A place, a number or a word more or less is never forgiven.

Pure: no app, no database. `tests/formats/test_organization_names.py` holds the expected groups
of the seed's own list, written by hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

WORD_SIMILARITY = 85.0

# Abbreviations organizers use in names, expanded before comparing (lower case, whole words).
ABBREVIATIONS: dict[str, str] = {
    "dsa": "democratic socialists of america",
    "psl": "party for socialism and liberation",
    "aft": "american federation of teachers",
    "nyc": "new york city",
    "sf": "san francisco",
    "pdx": "portland",
    "nnj": "north new jersey",
    "northern": "north",
    "southern": "south",
    "intl": "international",
    "natl": "national",
    "assn": "association",
    "ctr": "center",
    "centre": "center",
    "cmte": "committee",
    "&": "and",
    "+": "and",
}
# Written in capitals they are places; in lower case ("la lucha", "in", "or") they are words.
STATE_CODES: dict[str, str] = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa",
    "KS": "kansas", "KY": "kentucky", "ME": "maine", "MD": "maryland", "MA": "massachusetts",
    "MI": "michigan", "MN": "minnesota", "MS": "mississippi", "MO": "missouri", "MT": "montana",
    "NE": "nebraska", "NV": "nevada", "NH": "new hampshire", "NJ": "new jersey",
    "NM": "new mexico", "NY": "new york", "NC": "north carolina", "ND": "north dakota",
    "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania", "RI": "rhode island",
    "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas", "UT": "utah",
    "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
    "WI": "wisconsin", "WY": "wyoming", "PR": "puerto rico", "DC": "dc",
    # An organization's "LA" is Los Angeles far more often than Louisiana.
    "LA": "los angeles",
}  # fmt: skip
# Small words dropped ("de", "la", ... in lower case only: "LA" is a place).
STOPWORDS = frozenset(
    {"the", "of", "for", "to", "and", "a", "an", "at", "in", "on", "chapter", "local"}
    | {"de", "del", "la", "las", "los", "el", "y", "en", "por", "para"}
)
_PAREN = re.compile(r"\(([^()]*)\)")
_APOSTROPHES = re.compile(r"['’`´]")
_ACRONYM = re.compile(r"^[A-Za-z]{2,10}$")
_TOKEN = re.compile(r"[A-Za-z0-9&+]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", plain)


def _words(text: str) -> list[str]:
    """Lower-case words with abbreviations expanded and small words dropped (the order kept)."""
    words: list[str] = []
    for raw in _TOKEN.findall(_fold(text)):
        if raw in STATE_CODES:
            expanded = STATE_CODES[raw]
        else:
            lower = raw.casefold()
            expanded = ABBREVIATIONS.get(lower, lower)
        words.extend(w for w in expanded.split() if w not in STOPWORDS)
    return words


def _spells(acronym: str, words: list[str]) -> int | None:
    """Where the words the acronym covers start (leading words may be qualifiers it skips),
    or None when it does not spell them: each covered word gives its first letter, then perhaps
    more of its letters in order; the last covered words may give none ("CLUE" of "Clergy &
    Laity United for Economic Justice")."""
    acronym = acronym.casefold()

    @cache
    def fits(i: int, j: int) -> bool:  # acronym[i:] from words[j:]
        if i == len(acronym):
            return True
        if j == len(words):
            return False
        word = words[j]
        if word[0] != acronym[i]:
            return False
        # this word gives acronym[i:k] (a subsequence of it starting with its first letter)
        k, pos = i + 1, 1
        if fits(k, j + 1):
            return True
        while k < len(acronym):
            pos = word.find(acronym[k], pos)
            if pos < 0:
                return False
            k, pos = k + 1, pos + 1
            if fits(k, j + 1):
                return True
        return False

    for start in range(len(words)):
        if words[start][0] == acronym[0] and fits(0, start):
            return start
    return None


@dataclass(frozen=True)
class NameKeys:
    """The keys a name is known by: its canonical key, its acronym key if it has one, and its
    words in their order without spaces ("CommunityCave" and "Community Cave" meet there; it is
    compared exactly, never fuzzily)."""

    canonical: str
    acronym: str | None = None
    compact: str = ""

    @property
    def all(self) -> tuple[str, ...]:
        """Every key, canonical first."""
        return (self.canonical,) if self.acronym is None else (self.canonical, self.acronym)


def _key(words: Iterable[str]) -> str:
    return " ".join(sorted(words))[:200]


def name_keys(name: str) -> NameKeys:
    """The keys of one spelling (see the module docstring)."""
    acronym_key = None
    match = _PAREN.search(name)
    inside = match.group(1).strip() if match else ""
    if match and _ACRONYM.match(inside):
        before, after = name[: match.start()], name[match.end() :]
        words_before = _words(before)
        start = _spells(inside, words_before) if words_before else None
        if start is not None:
            qualifiers = words_before[:start] + _words(after)
            acronym_key = _key([*_words(inside), *qualifiers])
            words = words_before + _words(after)
            return NameKeys(_key(words), acronym_key, "".join(words)[:200])
    words = _words(name)
    return NameKeys(_key(words), None, "".join(words)[:200])


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def same_organization(a: str, b: str) -> bool:
    """Whether two canonical keys name one organization (rule 3 of the module docstring)."""
    if a == b:
        return True
    if not a or not b:
        return False
    left, right = a.split(), b.split()
    if len(left) == len(right):
        only_left = [w for w in left if w not in right]
        only_right = [w for w in right if w not in left]
        if len(only_left) == 1 and len(only_right) == 1 and len(set(left)) == len(left):
            x, y = only_left[0], only_right[0]
            return (
                min(len(x), len(y)) >= 4
                and not _has_digit(x)
                and not _has_digit(y)
                and fuzz.ratio(x, y) >= WORD_SIMILARITY
            )
        return False
    small, large = (set(left), set(right)) if len(left) < len(right) else (set(right), set(left))
    return small <= large and any(_has_digit(w) and len(w) >= 3 for w in small)


@dataclass
class NameIndex:
    """Known keys and the entry each belongs to; `find` resolves a new spelling.

    Entries are whatever the caller counts by (organization ids in the database, group numbers
    in a test). Lookups are exact first, then fuzzy over the keys rapidfuzz finds close.
    """

    entries: dict[str, int] = field(default_factory=dict)
    compact: dict[str, int] = field(default_factory=dict)

    def add(self, keys: NameKeys, entry: int) -> None:
        """Remember that these keys belong to `entry` (an earlier entry keeps a shared key)."""
        for key in keys.all:
            if key:
                self.entries.setdefault(key, entry)
        if keys.compact:
            self.compact.setdefault(keys.compact, entry)

    def find(self, keys: NameKeys) -> int | None:
        """The entry these keys belong to, or None for a new organization."""
        for key in keys.all:
            if key in self.entries:
                return self.entries[key]
        if keys.compact in self.compact:
            return self.compact[keys.compact]
        for key in keys.all:
            if not key:
                continue
            close = process.extract(
                key, list(self.entries), scorer=fuzz.token_set_ratio, score_cutoff=70, limit=20
            )
            for candidate, _score, _index in close:
                if same_organization(key, candidate):
                    return self.entries[candidate]
        return None


def group_names(names: Iterable[str]) -> dict[str, int]:
    """Each name's entry number when the names are read in order, a new entry for each name
    no earlier one resolves to (what `matcher.operations.organizations` does with stored ones)."""
    index = NameIndex()
    result: dict[str, int] = {}
    for name in names:
        keys = name_keys(name)
        if not keys.canonical:
            continue
        entry = index.find(keys)
        if entry is None:
            entry = len(set(result.values()))
        index.add(keys, entry)
        result[name] = entry
    return result

"""When a town's name inside a phrase is part of another name: a possessive's "s", the first
word of a park's or square's name, a street of an intersection (step 5 of
:mod:`matcher.geocoding.reading`, :class:`matcher.geocoding.town_window.TownWindow`).

"Keene's event ... on Central Square" names Keene, not Keenes, IL; "Elizabeth Caruthers Park"
is a park in Portland, not Elizabeth, NJ; "at West Houston and Varick Street" and "the
intersection of Alameda and Temple streets" name streets, not Houston, TX or Alameda, CA.
A town read out of such words would be confidently wrong; no answer is better. And a
landmark named before a town with homonyms says which one: "Monument Square in Portland" is
Portland, Maine (:class:`matcher.geocoding.homonyms.Homonyms`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from matcher.geocoding.normalize import key

__all__ = [
    "GENERIC_DISTRICTS",
    "codes_named",
    "in_intersection",
    "merged_possessive",
    "names_a_municipality",
    "only_saints_possessives",
    "owns_a_venue",
    "possessive_owners",
    "possessive_owners_named",
    "saints_institution",
    "spanish_county",
    "spelled_out_venue",
    "starts_a_venue_name",
    "venue_states_before_town",
    "without_intersection",
    "without_possessive_s",
]

#: Words that end a street's name, plural too ("Alameda and Temple streets").
_STREET_END = re.compile(
    r"^(?:streets?|sts?|avenues?|aves?|roads?|rds?|drives?|boulevards?|blvds?|lanes?|ways?|"
    r"highways?|hwys?|parkways?|pkwys?|calles?|avenidas?)$"
)
#: Words that join the two streets of an intersection.
_AND = frozenset(("and", "y", "&", "at"))
#: Words that cannot be part of a venue's own name: a preposition or article starts a new part.
_BREAK = frozenset(
    ("in", "en", "at", "on", "near", "of", "de", "del", "the", "el", "la", "and", "y", "to")
)


def without_possessive_s(words: list[str]) -> list[str]:
    """Folded key words without the "s" left of a possessive ("keene s event" -> "keene
    event"); an "s" after a number ("42 s 3rd st", South) stays."""
    if "s" not in words:
        return words
    return [w for i, w in enumerate(words) if not (w == "s" and i and words[i - 1].isalpha())]


def possessive_owners(words: list[str]) -> frozenset[int]:
    """Positions, in :func:`without_possessive_s`'s words, of the words an "s" followed:
    "brattleboro s pliny park" -> {0}."""
    if "s" not in words:
        return frozenset()
    owners, dropped = set(), 0
    for i, w in enumerate(words):
        if w == "s" and i and words[i - 1].isalpha():
            owners.add(i - 1 - dropped)
            dropped += 1
    return frozenset(owners)


def owns_a_venue(
    words: list[str], end: int, owners: frozenset[int], venue_ends: frozenset[str]
) -> bool:
    """Whether the run ending before ``end`` is a possessive owner of a park or square:
    "Brattleboro's Pliny Park", "Tucson's Armory Park" name the town."""
    if end - 1 not in owners or end >= len(words):
        return False
    return words[end] in venue_ends or starts_a_venue_name(words, end, venue_ends)


def starts_a_venue_name(words: list[str], end: int, venue_ends: frozenset[str]) -> bool:
    """Whether the run of words ending before ``end`` is followed by one more name word and a
    word of ``venue_ends`` ("park", "square"): "elizabeth [caruthers park]"."""
    if end + 1 >= len(words):
        return False
    name, last = words[end], words[end + 1]
    return last in venue_ends and name not in _BREAK and name.isalpha()


def in_intersection(words: list[str], start: int, end: int) -> bool:
    """Whether the run ``words[start:end]`` is one street of an intersection: "and" and a
    street word follow it ("houston and varick street") or it follows "and" and a street word
    comes right after it ("alameda and temple streets")."""
    after = words[end : end + 4]
    if after and after[0] in _AND and any(_STREET_END.match(w) for w in after[1:]):
        return True
    if start and words[start - 1] in _AND:
        return bool(end < len(words) and _STREET_END.match(words[end]))
    return False


#: "the corner of Central and Woodlawn", "la intersección de Valencia y Country Club", "el
#: cruce de la East San Antonio Avenue con South Florence": the two streets, up to a comma or
#: the "in"/"en" that names the town (folded text).
_INTERSECTION = re.compile(
    r"\b(?:intersection|corner|crossroads|interseccion|esquina|cruce)s?\s+"
    r"(?:of|de|del|de la|between|entre)\s+"
    r"(?:(?P<town>[a-z][a-z ]*?) de (?:las|los) (?=(?:rutas|calles|avenidas|carreteras)\b))?"
    r"((?:(?!\s(?:in|en)\s)[^,])+?\s(?:and|y|con|&)\s(?:(?!\s(?:in|en)\s)[^,])+?)"
    r"(?=,|\s(?:in|en)\s|$)"
)


#: Every match of :data:`_INTERSECTION` holds one of these.
INTERSECTION_HINTS = ("intersec", "corner", "crossroad", "esquina", "cruce")


def _may_give_an_intersection(text: str) -> bool:
    """Whether ``text`` holds one of :data:`INTERSECTION_HINTS` (substring tests written
    out: several times cheaper than a pattern's scan of the text, or a generator)."""
    return (
        "intersec" in text
        or "corner" in text
        or "crossroad" in text
        or "esquina" in text
        or "cruce" in text
    )


#: "near Seventh Street and Broadway", "at 5th Avenue & Pine in Seattle": a street with its
#: type word and another after "and", with no "corner of" before them (folded text).
_STREET_PAIR = re.compile(
    r"\b(?P<head>near|at|on|by|cerca de|en)\s+"
    r"(?:[a-z0-9]+\s+){1,3}?(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr)\s+"
    r"(?:and|&|y)\s+[a-z0-9]+(?:\s+(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr))?"
    r"(?=,|\s(?:in|en)\s|$)"
)
_JOIN = re.compile(r"\s(?:and|y|con|&)\s")


def without_intersection(text: str, known: Callable[[str], bool]) -> str:
    """Folded text without the street names of an intersection it gives ("the corner of
    central and woodlawn in wichita" -> "the corner of in wichita"): named there, "Woodlawn"
    or "Valencia" is a street, never a town (the town, when given, follows); so are the two
    streets after "near"/"at" when the first has its type word ("near Seventh Street and
    Broadway"). An intersection
    with a street ``known`` as a place of its own (the "Buford Highway" corridor) stays."""
    if " and " in text or " & " in text or " y " in text:  # the cheap test first
        text = _STREET_PAIR.sub(lambda m: m.group("head"), text)
    if not _may_give_an_intersection(text):
        return text  # every match of _INTERSECTION has one of its words (the cheap test first)

    def cut(m: re.Match[str]) -> str:
        if any(known(key(street)) for street in _JOIN.split(m.group(2))):
            return m.group(0)
        # "la intersección de Roxbury de las rutas 46 y 10": Roxbury is where it is
        start = m.start("town") if m.group("town") else m.start(2)
        return m.group(0)[: start - m.start(0)].rstrip() + (
            f" {m.group('town')}" if m.group("town") else ""
        )

    return _INTERSECTION.sub(cut, text)


_POSSESSIVE_WORD = re.compile(r"([^\W\d_]+)['\u2019]s\b")


def merged_possessive(query: str, place_key: str) -> bool:
    """Whether a place's name (key) is a possessive of the query with its "s" run on:
    "Keene's event" read as Keenes, IL (folding drops the apostrophe)."""
    last = place_key.rsplit(" ", 1)[-1]
    return any(f"{m.group(1).lower()}s" == last for m in _POSSESSIVE_WORD.finditer(query))


_IN_TOWN = re.compile(r"\b(?:in|en|at|of|de)\s+")


def venue_states_before_town(
    text_key: str, town_key: str, landmarks: dict[str, list[Any]]
) -> set[str]:
    """The states of landmarks of the tables named just before "in <town>" and in a town of
    that name: "Monument Square in Portland" -> {"ME"} (Monument Square, Portland, ME);
    ``landmarks`` maps keys to places with ``city`` and ``state``."""
    states: set[str] = set()
    marker = f" {town_key}"
    for m in _IN_TOWN.finditer(text_key):
        if not text_key.startswith(town_key, m.end()):
            continue
        words = text_key[: m.start()].split()
        for size in range(1, min(5, len(words)) + 1):
            prefix = " ".join(words[-size:])
            for name in (prefix, prefix + marker):
                for place in landmarks.get(name, ()):
                    if key(place.city) == town_key:
                        states.add(place.state)
    return states


_MUNICIPALITY_OF = re.compile(
    r"\b(?:city|town|village|borough|township) of ([a-z][a-z .'-]*?)\s*(?=,|$)"
)


def names_a_municipality(text: str, candidate: str) -> bool:
    """Whether folded text calls ``candidate`` a municipality ("the town of Roxbury"): then a
    neighbourhood of that name (Roxbury, Boston) is not what it means."""
    return any(m.group(1).strip() == candidate for m in _MUNICIPALITY_OF.finditer(text))


#: A saint's name ("St. Mary", "Saint Joseph"): before "'s" and a church's or a hospital's
#: word, the institution's name, not a town of that name (Saint Mary, KY).
_SAINT = re.compile(r"(?:St|Ste|Saint|Sainte)\b\.?\s")
_INSTITUTION_WORDS = frozenset(
    (
        *("church", "cathedral", "chapel", "basilica", "parish", "shrine", "mission", "abbey"),
        *("catholic", "episcopal", "lutheran", "methodist", "presbyterian", "baptist", "orthodox"),
        *("hospital", "medical", "health", "clinic", "school", "academy", "college"),
        *("university", "seminary", "convent", "monastery", "cemetery"),
    )
)
_OWNER = re.compile(r"((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['\u2019]s\b")
#: Words after a saint's possessive looked at for :data:`_INSTITUTION_WORDS`.
_INSTITUTION_REACH = 3


def saints_institution(owner: str, after: str) -> bool:
    """Whether a possessive's owner is a saint whose church, hospital or school the words
    ``after`` it name: "St. Mary's Church", "St. Joseph's Hospital", "Saint John's
    Episcopal Church" (the owner is no town)."""
    if _SAINT.match(owner) is None:
        return False
    words = re.findall(r"[a-z]+", after.lower())[:_INSTITUTION_REACH]
    return not _INSTITUTION_WORDS.isdisjoint(words)


def only_saints_possessives(query: str) -> bool:
    """Whether every "'s" of the query follows a saint's name before its church, hospital or
    school ("St. Mary's Church"): no possessive there names a town."""
    found = list(_OWNER.finditer(query))
    return bool(found) and all(saints_institution(m.group(1), query[m.end() :]) for m in found)


def possessive_owners_named(query: str) -> list[str]:
    """The words before each "'s" of the query ("San Francisco's financial district" ->
    ["San Francisco"]): up to three capitalised words; a saint's name before its church,
    hospital or school is left out ("St. Mary's Church in Lowell")."""
    owners = []
    for m in _OWNER.finditer(query):
        if not saints_institution(m.group(1), query[m.end() :]):
            owners.append(m.group(1))
    return owners


_SPANISH_COUNTY = re.compile(
    r"\b(?:del |el )?condado de ([a-z][a-z .'-]*?)(?=\s*(?:,|$|\ben\b|\by\b))"
)


def spanish_county(text: str) -> str | None:
    """The county a folded Spanish phrase names in Spanish order, as English names it: "la
    cárcel del condado de Mecklenburg" -> "mecklenburg county"; None without one."""
    m = _SPANISH_COUNTY.search(text)
    return f"{m.group(1).strip()} county" if m else None


#: Abbreviated venue words ("Foley Sq.", "Civic Ctr. Park"), spelled out.
_VENUE_ABBREVIATIONS = (
    (re.compile(r"\bSq\b\.?", re.IGNORECASE), "Square"),
    (re.compile(r"\bPk\b\.?", re.IGNORECASE), "Park"),
    (re.compile(r"\bCtr\b\.?", re.IGNORECASE), "Center"),
    (re.compile(r"\bPlz\b\.?", re.IGNORECASE), "Plaza"),
    (re.compile(r"\bBldg\b\.?", re.IGNORECASE), "Building"),
    (re.compile(r"\bMem\b\.?", re.IGNORECASE), "Memorial"),
)


_ANY_ABBREVIATION = re.compile(r"\b(?:sq|pk|ctr|plz|bldg|mem)\b", re.IGNORECASE)


def spelled_out_venue(query: str) -> str | None:
    """The query with its abbreviated venue words spelled out ("Foley Sq." -> "Foley
    Square"), or None when it has none."""
    if not _ANY_ABBREVIATION.search(query):
        return None
    out = query
    for pattern, word in _VENUE_ABBREVIATIONS:
        out = pattern.sub(word, out)
    return out if out != query else None


#: Names of districts that many cities have; a place of the gazetteer so named (Financial
#: District, NY) is a guess to confirm unless its state is named.
GENERIC_DISTRICTS = frozenset(
    (
        "financial district",
        "chinatown",
        "little italy",
        "old town",
        "downtown",
        "midtown",
        "uptown",
        "civic center",
        "arts district",
        "warehouse district",
        "theater district",
        "little saigon",
        "koreatown",
        "historic district",
    )
)


_CODE = re.compile(r"\b[A-Z]{3}\b")


def codes_named(query: str) -> list[str]:
    """Three-capital words of the query as written ("the Tom Bradley terminal at LAX" ->
    ["lax"]), as keys: an airport's code, which a phrase's lower-cased words cannot tell from
    a word of three letters."""
    return [m.group(0).lower() for m in _CODE.finditer(query)]

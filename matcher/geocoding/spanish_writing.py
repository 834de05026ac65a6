"""Spanish writing the reader must not take word for word (used by
:mod:`matcher.geocoding.reading` and :mod:`matcher.geocoding.second_reads`).

- "el centro de Phoenix" is downtown Phoenix, not El Centro, CA (:func:`without_downtown`);
- "Florida Central", "Texas del Sur": a part of a state, the compass word after the state's
  name (:func:`spanish_regions`), Central Florida and South Texas in the nickname table;
- "el paso fronterizo", "la mesa directiva", "a orillas del río": Spanish common words that are
  towns' names too (El Paso, La Mesa, Del Rio), written in lowercase beside capitalized words
  (:func:`spanish_nouns_in_lowercase`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "may_name_a_spanish_region",
    "spanish_nouns_in_lowercase",
    "spanish_regions",
    "spanish_words_only",
    "without_downtown",
]

#: "el centro de <town>": downtown, the town's centre (not El Centro, CA), up to a comma.
_DOWNTOWN = re.compile(r"(?i)\bel centro de ([^\W\d_][^,()]*?)(?=\s*(?:,|\(|\)|$))")


def without_downtown(query: str, is_town: Callable[[str], bool]) -> str:
    """ "la oficina de ICE en el centro de Phoenix" -> "la oficina de ICE en Phoenix" when
    ``is_town`` says what follows "el centro de" is a town's whole name (not "el centro de
    detención de Adelanto")."""
    if "entro de " not in query:
        return query  # every match of _DOWNTOWN has it (the cheap test first)
    return _DOWNTOWN.sub(lambda m: m.group(1) if is_town(m.group(1)) else m.group(0), query)


#: Spanish compass words put after a state's name, and the English words put before it.
_SPANISH_COMPASS = {
    "central": ("central",),
    "del norte": ("north", "northern"),
    "del sur": ("south", "southern"),
    "del este": ("east", "eastern"),
    "del oeste": ("west", "western"),
    "oriental": ("east", "eastern"),
    "occidental": ("west", "western"),
    "del noreste": ("northeast",),
    "del noroeste": ("northwest",),
    "del sureste": ("southeast",),
    "del suroeste": ("southwest",),
}
_SPANISH_REGION = re.compile(r"\b((?:[a-z]+ ){0,2}[a-z]+) (" + "|".join(_SPANISH_COMPASS) + r")\b")
#: Every match of :data:`_SPANISH_REGION` has one of these (a cheap test on the raw query).
_SPANISH_REGION_HINT = re.compile(r"(?i)central|del (?:nor|sur|est|oes)|oriental|occidental")


def may_name_a_spanish_region(query: str) -> bool:
    """Whether :func:`spanish_regions` may find something (one scan of the raw query)."""
    return _SPANISH_REGION_HINT.search(query) is not None


def spanish_regions(folded: str) -> list[tuple[list[str], tuple[str, ...]]]:
    """(up to three words before, English compass words) of each compass word put after a
    name in folded text: "salgan de florida central" -> [(["salgan", "de", "florida"],
    ("central",))]; the caller finds the state's name at the end of the words."""
    return [
        (m.group(1).split(), _SPANISH_COMPASS[m.group(2)]) for m in _SPANISH_REGION.finditer(folded)
    ]


#: Spanish words that are also towns' names ("El Paso", "La Mesa", "Pueblo", "Del Rio"):
#: written in lowercase they are the words ("el paso fronterizo", "la mesa directiva").
_SPANISH_NOUNS = frozenset(
    (
        "el", "la", "los", "las", "del", "de", "paso", "mesa", "pueblo", "rio", "valle",
        "playa", "cruces", "monte", "joya", "feria", "mision", "alameda", "puente", "villa",
        "laguna", "loma", "lomas", "vista", "sierra", "presidio", "frontera", "cerro", "llano",
        "colonia", "rancho", "palmas", "arroyo", "campo", "centro", "puerto", "union",
    )
)  # fmt: skip


def _plain(text: str) -> str:
    """Text without accents, its case kept ("Río" -> "Rio")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spanish_words_only(name_key: str) -> bool:
    """Whether a name (key) is made of Spanish common words only ("el paso", "pueblo")."""
    return _SPANISH_NOUNS.issuperset(name_key.split())


def spanish_nouns_in_lowercase(query: str, name_key: str) -> bool:
    """Whether a town's name (key) made only of Spanish common words is written in the query
    in lowercase only, after a capitalized word elsewhere: "el paso fronterizo de Tijuana"
    is a border crossing, "a orillas del río Bravo" a riverbank (not El Paso, Del Rio)."""
    words = name_key.split()
    if not words or not spanish_words_only(name_key) or query.islower():
        return False
    plain = _plain(query)
    found = list(re.finditer(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", plain, re.I))
    return bool(found) and all(m.group(0).islower() for m in found)

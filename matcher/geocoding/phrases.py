"""Where the place is in a phrase: the words organizers put around a town, in English and Spanish.

"Rally at Riverfront Park in North Charleston", "vigil outside the courthouse in Springfield,
IL", "frente al ayuntamiento de Santa Ana", "en la calle Broadway en el Barrio Logan",
"Palantir's new Denver headquarters". :func:`place_candidates` gives the parts of such a phrase
that may name the place, most telling first: a municipality named as such ("City of Los
Alamitos, ..."), what follows the last "in"/"en"/"de" (with its state), the phrase without its
event and venue words, and each comma part.
"""

from __future__ import annotations

import re

__all__ = [
    "VENUE_WORDS",
    "after_last_in",
    "has_preposition",
    "place_candidates",
    "strip_event_words",
]

# fmt: off
#: Words that open an event phrase and say nothing of the place.
_EVENT = (
    r"rally|vigil|march|protest|demonstration|picket|sit in|sit-in|die in|teach in|walkout|"
    r"walk out|noise demo|noise demonstration|car caravan|caravan|caravana|banner drop|"
    r"candlelight vigil|press conference|action|meeting|gathering|meet up|meetup|"
    r"marcha|manifestacion|protesta|vigilia|concentracion|plantón|planton|mitin|reunion|"
    r"accion|evento|misa|oracion|families belong together|lights for liberty|never again|"
    r"free them all|close the camps|occupy ice|abolish ice|no more deaths"
)
#: Prepositions that introduce where: English and Spanish.
_WHERE = (
    r"in|at|outside|outside of|in front of|near|across from|across the street from|by|from|to|"
    r"on|along|inside|around|en|frente a|frente al|frente a la|afuera de|afuera del|fuera de|"
    r"fuera del|cerca de|cerca del|delante de|delante del|desde|hasta|hacia|por|junto a|"
    r"al lado de|enfrente de|enfrente del"
)
#: Words naming the kind of venue (not a town): "park", "courthouse", "ayuntamiento".
VENUE_WORDS = frozenset((
    "park", "parque", "plaza", "square", "courthouse", "court", "corte", "tribunal", "city hall",
    "ayuntamiento", "alcaldia", "municipio", "capitol", "capitolio", "state capitol",
    "federal building", "edificio federal", "building", "edificio", "office", "offices",
    "oficina", "oficinas", "headquarters", "hq", "sede", "church", "iglesia", "cathedral",
    "catedral", "library", "biblioteca", "school", "escuela", "university", "universidad",
    "college", "campus", "station", "estacion", "airport", "aeropuerto", "terminal",
    "bridge", "puente", "street", "calle", "avenue", "avenida", "corner", "esquina", "steps",
    "lawn", "mall", "center", "centro", "hall", "theater", "teatro", "stadium", "estadio",
    "store", "tienda", "hotel", "restaurant", "port of entry", "border crossing", "garita",
    "gate", "entrance", "entrada", "parking lot", "estacionamiento", "waterfront", "port",
    "puerto", "downtown", "tideflats", "harbor", "pier", "riverfront", "boardwalk", "side",
    "south side", "north side", "east side", "west side", "neighborhood", "barrio", "area",
))
# fmt: on
_LEAD = re.compile(rf"^(?:(?:the|a|an|el|la|los|las|un|una)\s+)?(?:(?:{_EVENT})\s+)+")
_IN = re.compile(r"(?:^|\s)(?:in|en|de|del|near|cerca de|cerca del|outside|outside of)\s+")
_LEAD_WHERE = re.compile(rf"^(?:{_WHERE})\s+")
_WHERE_IN = re.compile(r"(?:^|\s)(?:in|en|near|cerca de|cerca del|outside|outside of)\s+")
_ARTICLE = re.compile(r"^(?:the|el|la|los|las|downtown|uptown|centro de|centro)\s+")
#: Every match of :data:`_ARTICLE` starts with one of these (a cheap test before it).
_ARTICLE_STARTS = ("the", "el", "la", "los", "las", "downtown", "uptown", "centro")
_POSSESSIVE = re.compile(r"\b([a-z]+) s\b")
#: "City of Los Alamitos, Laurel Park, ...": a municipality named as such, up to a comma.
_MUNICIPALITY = re.compile(
    r"\b(?:city|town|village|borough|township) of ([a-z][a-z .'-]*?)\s*(?=,|$)"
)


#: Words after a name that say it is a part of a town ("the Columbia Heights neighborhood").
_DISTRICT_WORD = re.compile(r"\s+(?:neighborhood|neighbourhood|barrio)$")


def _without_district_word(text: str) -> str:
    """ "columbia heights neighborhood" -> "columbia heights" (the name, to look up)."""
    return _DISTRICT_WORD.sub("", text) if text.endswith(("hood", "barrio")) else text


#: The words of :data:`_WHERE_IN` with the space after them ("cerca de" may go on: "del"),
#: and those of :data:`_IN` ("de", "del" too).
_WHERE_IN_WORDS = ("in ", "en ", "near ", "cerca de", "outside ")
_IN_WORDS = (*_WHERE_IN_WORDS, "de ", "del ")
_WHERE_IN_SPACED = tuple(f" {word}" for word in _WHERE_IN_WORDS)
_IN_SPACED = tuple(f" {word}" for word in _IN_WORDS)


def _may_hold(text: str, words: tuple[str, ...], spaced: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold a match of a pattern that needs one of ``words`` at the
    start or after a space (``spaced``: each with a space before it); a cheap test before
    the pattern: substring tests, for ASCII text whose only whitespace is spaces (any other
    text may)."""
    if not (text.isascii() and text.isprintable()):
        return True  # a tab or another script's space is whitespace to the pattern
    return text.startswith(words) or any(map(text.__contains__, spaced))


def after_last_in(text: str) -> str | None:
    """What follows the last "in"/"en" of folded text ("rally in los angelas" -> "los angelas"),
    or None."""
    if not _may_hold(text, _WHERE_IN_WORDS, _WHERE_IN_SPACED):
        return None  # no "in", "en", "near"... after a space: no match of _WHERE_IN
    matches = list(_WHERE_IN.finditer(text))
    return text[matches[-1].end() :].strip(" ,-/") if matches else None


def has_preposition(text: str) -> bool:
    """Whether folded text puts its place after "in", "en", "near", ... ("de" is too often
    part of a name: "condado de Iredell", "Mesa del Caballo")."""
    return _WHERE_IN.search(text) is not None


def strip_event_words(text: str) -> str:
    """Folded text without a leading event phrase ("rally at", "marcha desde el")."""
    stripped = _LEAD.sub("", text)
    stripped = _LEAD_WHERE.sub("", stripped)
    return stripped.strip(" ,-")


def place_candidates(text: str) -> list[str]:
    """Parts of folded ``text`` that may name its place, most telling first (no repeats)."""
    out: list[str] = []

    def add(candidate: str) -> None:
        candidate = candidate.strip(" ,-/")
        bare = (
            _ARTICLE.sub("", candidate).strip(" ,-/")
            if candidate.startswith(_ARTICLE_STARTS)
            else candidate
        )  # "el barrio logan", "Los Angeles"
        for form in (candidate, bare):
            if form and form not in out:
                out.append(form)

    if " of " in text:  # every match of _MUNICIPALITY has it (the cheap test first)
        for m in _MUNICIPALITY.finditer(text):  # "City of Los Alamitos, Laurel Park": the city
            rest = text[m.end() :].strip(" ,")
            if rest and "," not in rest and rest.count(" ") < 2:  # "town of Chester, NY"
                add(f"{m.group(1)}, {rest}")
            add(m.group(1))
    matches = list(_IN.finditer(text)) if _may_hold(text, _IN_WORDS, _IN_SPACED) else []
    for m in reversed(matches):  # the last "in X" first: "... in Tacoma, Washington"
        add(text[m.end() :])
    add(strip_event_words(text))
    if "," in text:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        for i in range(len(parts) - 1, 0, -1):  # "Riverfront Park, North Charleston, SC"
            add(", ".join(parts[i:]))
    if "hood" in text or "barrio" in text:  # the cheap test first
        for candidate in list(out):  # last: "the Columbia Heights neighborhood" is Columbia Heights
            bare = _without_district_word(candidate)
            if bare and bare not in out:
                out.append(bare)
    return out

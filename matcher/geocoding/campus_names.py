"""A campus named by its school's short name: "on Longwood's campus", "the Oberlin campus",
"the Boise State campus". :func:`campus_forms` gives the school's full names to look up
("Longwood University", "Longwood College", "University of Longwood"); the reader takes the
one campus they name, never one of several ("the Miami campus": University of Miami or Miami
University?). :func:`spanish_campus_forms` gives the English names of a school named in
Spanish ("la Universidad de Arizona", "la Universidad del Estado de Florida").
"""

from __future__ import annotations

import re

from matcher.geocoding.normalize import key

__all__ = ["campus_forms", "short_name", "spanish_campus_forms"]

#: Words that end the short name before "campus" (read backwards).
_STOP = frozenset(
    ("the", "a", "on", "at", "of", "in", "to", "from", "near", "outside", "s", "el", "la", "del")
)
_MAX_WORDS = 3
#: "universidad (del estado|estatal) de <name>": the name's words, up to three.
_SPANISH = re.compile(
    r"\buniversidad (?P<state>del estado de |estatal de )?(?:de |del )?(?:la |el )?"
    r"(?P<name>[a-z]+(?: [a-z]+){0,2})"
)


def campus_forms(query: str) -> list[str]:
    """The full names of the school whose short name comes before "campus" in ``query``
    (none when there is no such name)."""
    if "campus" not in query.lower():
        return []  # the cheap test first
    words = key(query).split()
    if "campus" not in words:
        return []
    end = len(words) - 1 - words[::-1].index("campus")
    name: list[str] = []
    for w in reversed(words[:end]):
        if w in _STOP:
            if w == "s" and not name:
                continue  # "Longwood's campus": the possessive
            break
        name.insert(0, w)
        if len(name) == _MAX_WORDS:
            break
    if not name or name[-1] in ("university", "college"):
        return []  # no name, or a full one the first reading had
    shorts = [" ".join(name)]
    if name[-1].endswith("s") and len(name[-1]) > 3:  # "Longwood's" folds to "longwoods"
        shorts.append(" ".join([*name[:-1], name[-1][:-1]]))
    return [
        form
        for short in shorts
        for form in (f"{short} university", f"{short} college", f"university of {short}")
    ]


def short_name(forms: list[str]) -> str:
    """The short name the forms of :func:`campus_forms` were made from."""
    return forms[0].removesuffix(" university")


def spanish_campus_forms(query: str) -> list[str]:
    """The English names of a school named in Spanish in ``query``, the longest first:
    "desde la Universidad de Arizona" -> "university of arizona"; "la Universidad del Estado
    de Florida" -> "florida state university"."""
    if "niversidad" not in query:
        return []  # the cheap test first
    forms = []
    for m in _SPANISH.finditer(key(query)):
        words = m.group("name").split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            forms.append(
                f"{name} state university" if m.group("state") else f"university of {name}"
            )
    return forms

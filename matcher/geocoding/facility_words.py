"""The words of facility mentions: the heads that say what kind of place is meant ("detention
center", "ICE office", "centro de detención"), the generic words of official names, the words
that turn a mention into another place ("Adelanto City Hall"), and the rewriting of the
agency's long names and of Spanish word order before matching
(:mod:`matcher.geocoding.facilities` uses them; the keys are folded, see
:mod:`matcher.geocoding.normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

__all__ = [
    "DETENTION_HEADS",
    "GENERIC",
    "GUARDS",
    "OFFICE_HEADS",
    "REWRITTEN",
    "SITE_HEADS",
    "SPANISH_HEAD_STARTS",
    "county_in_name_order",
    "may_rewrite",
    "normalize_agency",
    "normalize_facility_words",
    "st_again",
]

# fmt: off
#: Words that say "a place where people are held" (folded keys, longest first when matched).
DETENTION_HEADS = (
    "ice processing center", "ice detention center", "ice detention facility",
    "immigration detention center", "immigration detention facility", "immigrant detention center",
    "service processing center", "contract detention facility", "federal detention facility",
    "family residential center", "family detention center", "residential center",
    "detention center", "detention centre", "detention facility", "detention camp",
    "processing center", "processing facility", "correctional center", "correctional facility",
    "correctional complex", "ice facility", "ice center", "ice jail", "ice prison",
    "immigration jail", "immigration prison", "immigration center", "detention", "jail",
    "prison", "camp", "tent camp", "tent city", "lockup", "facility", "house of corrections",
    "house of correction", "department of corrections", "corrections center",
    "corrections facility", "justice center", "law enforcement center", "public safety complex",
    "adult detention center", "county jail", "state penitentiary", "penitentiary",
    "state prison", "penitenciaria", "penitenciaria estatal",
    "centro de detencion de inmigrantes", "centro de detencion de inmigracion",
    "centro de procesamiento de inmigracion", "centro de detencion de ice", "centro de detencion",
    "centro de procesamiento de ice", "centro de procesamiento", "carcel de inmigracion",
    "carcel de inmigrantes", "carcel de ice", "carcel", "prision", "campamento",
    "centro de detencion migratoria", "centro de detencion para inmigrantes",
    "centro de detencion migratorio", "centro de procesamiento migratorio", "centro migratorio",
    "instalaciones de inmigracion", "instalaciones de ice", "instalaciones del ice",
    "instalacion de ice", "centro de detencion de migrantes", "centro de detencion del ice",
    "centro de detenciones", "centro correccional", "centro residencial familiar",
    "centro residencial", "centro de detencion familiar", "centro familiar",
    "campamento de tiendas", "campamento de carpas", "ciudad de carpas",
)
#: Words that say "an office or a court".
OFFICE_HEADS = (
    "ice field office", "ice ero office", "ero field office", "ice offices", "ice office",
    "ice building", "ice headquarters", "ice hq", "field office", "immigration office",
    "ice sub office", "sub office",
    "immigration court", "immigration courthouse",
    "oficinas de ice", "oficina de ice", "oficinas del ice", "oficina del ice",
    "oficina de inmigracion", "corte de inmigracion", "tribunal de inmigracion",
    "oficinas de inmigracion", "oficina migratoria", "oficinas migratorias", "corte migratoria",
    "cortes de inmigracion", "tribunal migratorio", "tribunales de inmigracion",
    "corte de migracion", "tribunal de migracion", "cortes de migracion",
    "tribunales de migracion", "juez de inmigracion", "jueza de inmigracion",
    "jueces de inmigracion",
    "edificio federal", "sede de ice", "sede del ice", "sede central de ice",
    "sede central del ice", "sede nacional de ice", "sede nacional del ice",
    "oficinas centrales de ice", "oficinas centrales del ice",
)
#: The heads of :data:`OFFICE_HEADS` that say "an immigration court" (EOIR's, not ICE's): they
#: name the courts only, and the other office heads never name a court.
COURT_HEADS = frozenset((
    "immigration court", "immigration courthouse", "corte de inmigracion",
    "tribunal de inmigracion", "corte migratoria", "cortes de inmigracion",
    "tribunal migratorio", "tribunales de inmigracion", "corte de migracion",
    "tribunal de migracion", "cortes de migracion", "tribunales de migracion",
    "juez de inmigracion", "jueza de inmigracion", "jueces de inmigracion",
))
#: Heads that name the agency's own site of either kind ("the ICE facility in Portland",
#: "las instalaciones de ICE en Chicago"): a detention site run for ICE, else its office.
SITE_HEADS = frozenset((
    "ice facility", "ice center", "ice building", "instalaciones de ice", "instalaciones del ice",
    "instalacion de ice",
))
#: Words that turn a facility's distinctive word into another place ("Adelanto City Hall").
GUARDS = frozenset((
    "city hall", "town hall", "city council", "council", "library", "public library", "park",
    "high school", "middle school", "elementary", "school", "college", "university", "church",
    "police", "police department", "sheriff", "courthouse", "county courthouse", "post office",
    "mall", "plaza", "square", "avenue", "ave", "street", "st", "road", "rd", "boulevard",
    "blvd", "station", "airport", "hospital", "stadium", "community center",
    "ayuntamiento", "alcaldia", "biblioteca", "parque", "escuela", "iglesia", "municipio",
))
#: Words of official names that do not tell one facility from another.
GENERIC = frozenset((
    "ice", "ero", "processing", "center", "centre", "ctr", "cntr", "detention", "det",
    "facility", "fac", "correctional", "corrections", "correction", "contract", "cdf", "spc",
    "service", "federal", "the", "of", "and", "complex", "institution", "annex", "residential",
    "family", "immigration", "immigrant", "house", "jail", "prison", "office", "field",
    "adult", "regional", "justice", "public", "safety", "department", "dept", "sheriff",
    "sheriffs", "police", "unit", "inc", "llc", "staging", "hold", "room", "sub", "main",
    "dorm", "law", "enforcement", "secure", "transitional", "temporary", "shelter", "camp",
))
# fmt: on
#: Prepositions between a head word and a town ("in", "en", "de", "of").
#: The agency's long names, English and Spanish (folded keys), read as "ice".
_AGENCY = re.compile(
    r"\b(?:(?:u s |us |united states |de estados unidos )?immigrations? and customs enforcement|"
    r"(?:servicio de )?(?:control de )?inmigracion y (?:control de )?aduanas"
    r"(?: de estados unidos| de los estados unidos)?(?: ice)?|ice s|ices)\b"
)
#: The agency's removal branch (ERO), not after "ICE" ("ICE ERO office" stays as it is): "the
#: ERO office in Chicago", "the Enforcement and Removal Operations office" name ICE's office.
_ERO = re.compile(r"(?<!\bice )\b(?:ero|enforcement and removal operations)\b")
#: First words of the Spanish head phrases, which the name may follow directly.
SPANISH_HEAD_STARTS = frozenset(
    (
        "centro",
        "carcel",
        "prision",
        "campamento",
        "oficina",
        "oficinas",
        "corte",
        "tribunal",
        "instalaciones",
        "instalacion",
    )
)


#: Text without any of these is left as it is by :func:`normalize_facility_words` and by
#: the catalog's Spanish county order ("condado de X").
REWRITTEN = ("immigration", "inmigracion", "ice ", "ices ", " ero ", "removal", "del ", "condado")
#: Office words that may follow "ICE <town>" ("the ICE Kansas City office").
_OFFICE_WORDS = frozenset(("office", "offices", "headquarters", "hq", "building"))


def may_rewrite(text: str) -> bool:
    """Whether ``text`` holds one of :data:`REWRITTEN` (the same test as ``any(trigger in text
    for trigger in REWRITTEN)``, without a generator per call, and "ero" first too)."""
    return (
        "immigration" in text
        or "inmigracion" in text
        or "ice " in text
        or "ices " in text
        or " ero " in text
        or text.startswith("ero ")
        or "removal" in text
        or "del " in text
        or "condado" in text
    )


def normalize_agency(words: Sequence[str]) -> list[str]:
    """Words with the agency's long names ("Immigration and Customs Enforcement", "Servicio de
    Inmigración y Control de Aduanas") read as "ice"."""
    text = " ".join(words)
    if (
        "immigration" not in text
        and "inmigracion" not in text
        and "ice s" not in text
        and "ices" not in text
    ):
        return text.split()  # the cheap test first: most texts name no agency at length
    return _AGENCY.sub(" ice ", text).split()


_SPANISH_COMPASS = {
    "norte": "north",
    "sur": "south",
    "este": "east",
    "oeste": "west",
    "noreste": "northeast",
    "noroeste": "northwest",
    "sureste": "southeast",
    "sudeste": "southeast",
    "suroeste": "southwest",
    "sudoeste": "southwest",
}
_DEL_COMPASS = re.compile(rf"\bdel ({'|'.join(_SPANISH_COMPASS)}) de (?:la |el |los )?")
#: "Centro de Procesamiento del Noroeste": a compass word that is the name itself.
_HEAD_DEL_COMPASS = re.compile(
    rf"\b((?:centro de (?:procesamiento|detencion)|carcel|prision)(?: de ice| del ice)?) "
    rf"del ({'|'.join(_SPANISH_COMPASS)})\b(?! de )"
)


def normalize_facility_words(words: Sequence[str]) -> list[str]:
    """:func:`normalize_agency`, ERO read as "ice" (:data:`_ERO`), and Spanish "del sur de
    Louisiana" read in the order of the facility's English name ("South Louisiana": "el Centro
    de procesamiento de ICE del sur de Louisiana" is the South Louisiana ICE Processing Center;
    "el Centro de Procesamiento del Noroeste" is the Northwest one)."""
    text = " ".join(normalize_agency(words))
    if "ero" in text or "removal" in text:
        text = _ERO.sub("ice", text)
    if "del " in text:
        text = _DEL_COMPASS.sub(lambda m: f"{_SPANISH_COMPASS[m.group(1)]} ", text)
        text = _HEAD_DEL_COMPASS.sub(lambda m: f"{m.group(1)} {_SPANISH_COMPASS[m.group(2)]}", text)
    return _agency_before_office(text.split())


def _agency_before_office(words: list[str]) -> list[str]:
    """ "ice kansas city office" -> "kansas city ice office": the agency put after the town
    it names, as in "the Kansas City ICE office" (one to three words, none of an official
    name's generic words: "ICE field office" stays)."""
    if "ice" not in words:
        return words
    i = words.index("ice")
    for size in (1, 2, 3):
        end = i + 1 + size
        if end >= len(words) or any(w in GENERIC for w in words[i + 1 : end]):
            break
        if words[end] in _OFFICE_WORDS:
            return [*words[:i], *words[i + 1 : end], "ice", *words[end:]]
    return words


def county_in_name_order(out: list[str], names: Container[tuple[str, ...]]) -> list[str]:
    """Words with a Spanish county in the order of a facility's name: "la carcel del condado
    de San Bernardino" -> "la carcel san bernardino county" (the county's one to three words
    and "county" are among ``names``, the catalog's distinctive words); changed in place."""
    i = 0
    while i < len(out):
        if out[i] == "condado":
            start = i - 1 if i and out[i - 1] in ("del", "el") else i
            j = i + 1
            while j < len(out) and out[j] in ("de", "del", "la", "el"):
                j += 1
            for size in (3, 2, 1):
                name = tuple(out[j : j + size])
                if len(name) == size and (*name, "county") in names:
                    out[start : j + size] = [*name, "county"]
                    i = start + size
                    break
        i += 1
    return out


#: Words after a street's "St" ("on Sansome St in San Francisco", "St and 5th Ave").
_AFTER_ST = frozenset(("in", "en", "de", "del", "of", "at", "near", "cerca", "and", "y"))


def st_again(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words with "saint" read back as "st" where it ends a street's name, last or before a
    link word ("the ICE office on Sansome St": the key reads "St" as "saint", as in "St. Paul")."""
    n = len(words)
    return tuple(
        "st" if w == "saint" and i > 0 and (i + 1 == n or words[i + 1] in _AFTER_ST) else w
        for i, w in enumerate(words)
    )

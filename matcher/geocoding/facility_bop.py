"""The Bureau of Prisons' own short forms of its sites' names, read as more spellings of a BOP
row of the catalog: ICE's lists write "Berlin Fed. Corr. Inst.", "Miami Federal Detention",
"Terre Haute USP"; organizers and the press write "FCI Berlin", "FDC Miami", "the Federal
Detention Center in Miami", "USP Terre Haute".

Each BOP row's kind (FCI, FDC, USP, MDC, MCC, FMC) is read from its name; its spellings are the
abbreviation and the full name before and after its town ("FCI Berlin", "Berlin FCI",
"Federal Correctional Institution Berlin"). Used by :mod:`matcher.geocoding.facilities` when
it indexes a row.
"""

from __future__ import annotations

import re

from matcher.geocoding.facility_entries import Facility
from matcher.geocoding.normalize import key

__all__ = ["BOP", "bop_spellings"]

#: The Bureau of Prisons' operator id in ``operators.csv``.
BOP = "bop"

# fmt: off
#: (pattern of a name's key, abbreviation, full name) of each kind of BOP site.
_KINDS = (
    (re.compile(r"\b(?:fci|federal correctional institut\w*|fed corr inst)\b"), "FCI",
     "Federal Correctional Institution"),
    (re.compile(r"\b(?:fcc|federal correctional complex)\b"), "FCC",
     "Federal Correctional Complex"),
    (re.compile(r"\b(?:fdc|federal detention)\b"), "FDC", "Federal Detention Center"),
    (re.compile(r"\b(?:usp|us penitentiary|united states penitentiary)\b"), "USP",
     "United States Penitentiary"),
    (re.compile(r"\b(?:mdc|metropolitan detention)\b"), "MDC", "Metropolitan Detention Center"),
    (re.compile(r"\b(?:mcc|metropolitan correctional)\b"), "MCC",
     "Metropolitan Correctional Center"),
    (re.compile(r"\b(?:fmc|federal medical center)\b"), "FMC", "Federal Medical Center"),
)
# fmt: on


def bop_spellings(facility: Facility) -> tuple[str, ...]:
    """The short and full forms of a BOP site's name with its town ("FCI Berlin"); none for a
    site of another operator or of no kind known here."""
    if facility.operator != BOP or not facility.city:
        return ()
    name = key(facility.name)
    for pattern, short, full in _KINDS:
        if pattern.search(name):
            town = facility.city
            return (f"{short} {town}", f"{town} {short}", f"{full} {town}", f"{town} {full}")
    return ()

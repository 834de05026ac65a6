"""Text that looks like contact details: email addresses, phone numbers, street addresses.

Used to warn an organizer before a public field (title, description, target, coalition, meeting
point) publishes one (`public_field_warnings`), and by the log filter to mask them (`EMAIL`,
`PHONE`). Heuristics, tuned to miss little: a false alarm costs a click, a miss publishes
someone's phone. Pure: imports nothing of the package.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A match starts only where a run of address characters starts (the lookbehind), so a long run
# without an "@" is read once, not once per position (linear, not quadratic, time).
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# North American numbers (+1, (619) 555-0100, 619.555.0100, 6195550100) and international ones
# written with a +country code; never dates (2027-10-12), times, ids or IP addresses.
PHONE = re.compile(
    r"(?<![\w.+-])(?:"
    r"(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]\d{4}"
    r"|\+?1?[2-9]\d{2}[2-9]\d{6}"
    r"|\+(?:[2-9]\d{0,2})[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,4}\d{2,4}"
    r")(?![\w.-]*\d)"
)
_SUFFIXES = (
    "street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|"
    "terrace|ter|highway|hwy|parkway|pkwy|circle|cir|square|sq|trail|trl|plaza"
)
_SPANISH = "calle|avenida|av|avda|camino|carretera|paseo|callejón|callejon|privada|plaza"
STREET = re.compile(
    rf"\b\d{{1,6}}[a-z]?\s+(?:[nsew]\.?\s+)?(?:[\w'.-]+\s+){{0,4}}(?:{_SUFFIXES})\b\.?"
    rf"|\b(?:{_SPANISH})\.?\s+(?:[\w'.-]+\s+){{0,4}}#?\d{{1,6}}\b"
    rf"|\b\d{{1,6}}\s+(?:{_SPANISH})\.?\s+[\w'.-]+"
    r"|\b(?:apt|apartment|suite|ste|unit|depto|departamento)\.?\s*#?\s*\d+\b"
    r"|\bp\.?\s*o\.?\s+box\s+\d+",
    re.IGNORECASE,
)
KINDS = {"email": EMAIL, "phone": PHONE, "address": STREET}
# The fields of an action that are published as typed, and what each is checked for: a meeting
# point is a public place on purpose ("500 N Broadway Ave, north steps"): only mail and phones.
PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    "title": tuple(KINDS),
    "description": tuple(KINDS),
    "target": tuple(KINDS),
    "organizations": tuple(KINDS),
    "meeting_point": ("email", "phone"),
}


def contact_lookalikes(text: str | None) -> list[str]:
    """The kinds of contact detail ("email", "phone", "address") `text` seems to contain."""
    if not text:
        return []
    return [kind for kind, pattern in KINDS.items() if pattern.search(text)]


def public_field_warnings(values: Mapping[str, object]) -> dict[str, list[str]]:
    """`{field: kinds}` for the public fields among `values` that seem to hold contact details."""
    found = {}
    for name, checked in PUBLIC_FIELDS.items():
        value = values.get(name)
        kinds = [
            k for k in contact_lookalikes(value if isinstance(value, str) else None) if k in checked
        ]
        if kinds:
            found[name] = kinds
    return found

"""Test data builders for the app tests."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

LINK = re.compile(r"http://localhost(/(?:verify|manage)/[\w.\-]+)")


def action_fields(**overrides: Any) -> dict[str, Any]:
    """A valid submission (form field names), a month from today."""
    fields: dict[str, Any] = {
        "title": "Vigil at the detention center",
        "date": (date.today() + timedelta(days=30)).isoformat(),
        "location": "San Diego, CA",
        "target_type": "detention_center",
        "target": "Otay Mesa Detention Center",
        "organizations": "Unión del Barrio; Never Again Action",
        "contact_name": "Rosa Tester",
        "contact_email": "rosa.tester@example.org",
        "contact_phone": "+1 619 555 0100",
        "venue": "446 Alta Road, San Diego, CA 92154",
        "language": "en",
        "public": "y",
        "intro_region": "y",
    }
    fields.update(overrides)
    return fields


def links_in(text: str) -> dict[str, str]:
    """The verify and manage paths in an email body."""
    found: dict[str, str] = {}
    for path in LINK.findall(text):
        found[path.split("/")[1]] = path
    return found

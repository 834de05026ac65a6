"""Introduction emails rendered in English and Spanish, compared with reviewed snapshots.

After an intended change of wording, regenerate with `UPDATE_SNAPSHOTS=1 pytest <this file>`
and review the diff of tests/snapshots/email/.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from matcher.mail.compose import compose
from matcher.models import Action, Organization, TargetType

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "email"
TEMPLATES = ["optin_request", "optin_reminder", "introduction", "intro_closed", "intro_relay"]


def _action(title: str, name: str, email: str, place: str, language: str) -> Action:
    action = Action(
        title=title,
        date=date(2027, 3, 14),
        location_text=place,
        place=place,
        target_type=TargetType.detention_center,
        target="Adelanto ICE Processing Center",
        contact_name=name,
        contact_email=email,
        language=language,
    )
    action.organizations = [Organization(name="Inland Coalition", key="inland coalition")]
    return action


def _render(name: str, language: str) -> str:
    me = _action(
        "Vigil at Mesa Verde", "Ana Example", "ana@example.org", "Bakersfield, CA", language
    )
    other = _action("Marcha en Adelanto", "Beto Ejemplo", "beto@example.net", "Adelanto, CA", "es")
    composed = compose(
        name,
        language,
        me=me,
        other=other,
        note="You both target GEO Group facilities.",
        accept_url="https://matcher.example/introductions/TOKEN/accept",
        decline_url="https://matcher.example/introductions/TOKEN/decline",
        unsubscribe_url="https://matcher.example/unsubscribe/UNSUB",
        expires_on=date(2027, 2, 1),
        asked_on=date(2027, 1, 18),
        reply_text="Can you bring the banner on Saturday?",
        why=[
            {
                "code": "sibling_facilities",
                "parent": "GEO Group",
                "a": "Mesa Verde",
                "b": "Adelanto",
            },
            {"code": "same_day", "day": "2027-03-14"},
        ],
    )
    return f"Subject: {composed.subject}\n\n{composed.text}\n----- html -----\n{composed.html}\n"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_email_matches_snapshot(db, name, language):
    rendered = _render(name, language)
    path = SNAPSHOTS / f"{name}.{language}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with UPDATE_SNAPSHOTS=1 and review it"
    assert rendered == path.read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in rendered
    assert "ana@example.org" not in rendered  # the recipient's own address is never echoed


def test_the_optin_request_says_why_in_one_line_in_the_recipients_language(db):
    english = _render("optin_request", "en")
    spanish = _render("optin_request", "es")
    assert "Why we paired you: both target GEO Group facilities: Mesa Verde and Adelanto" in english
    assert "ambas apuntan a centros de GEO Group: Mesa Verde y Adelanto" in spanish
    assert "beto@example.net" not in english + spanish  # never the other side's contact


def test_only_the_introduction_reveals_the_other_organizer(db):
    for name in TEMPLATES:
        rendered = _render(name, "en")
        revealed = "beto@example.net" in rendered and "Beto Ejemplo" in rendered
        assert revealed == (name in ("introduction", "intro_relay")), name

"""English left on a Spanish page: the known codes (statuses, timeline events, email kinds,
match kinds, precisions, roles, catalog kinds), their English names, True/False/None and a
few phrases seen before ("city (exact)", "region + target"). What people wrote (titles,
places, targets, organizations, addresses, notes, reasons, messages, mail servers' answers) is
taken out first, since it is shown as written."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select

from matcher.domain.enums import STATUS_LABELS
from matcher.domain.lazy_text import LazyText
from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    CatalogEntry,
    Coordinator,
    EmailStatus,
    InboundEmail,
    Introduction,
    IntroductionStatus,
    Organization,
    OutboundEmail,
    Region,
    SavedFilter,
    Suggestion,
    SuggestionStatus,
)
from matcher.queries.introduction_timeline import bounce_text
from matcher.web import labels

_TABLES = (
    labels.EVENTS,
    labels.EMAIL_KINDS,
    labels.EMAIL_STATUSES,
    labels.INBOUND_KINDS,
    labels.MATCH_KINDS,
    labels.PRECISIONS,
    labels.GEOCODE_MATCHES,
    labels.ROLES,
    labels.CATALOG_KINDS,
    labels.INTRODUCTION_STATES,
    labels.SUBJECTS,
    labels.ACTORS,
    STATUS_LABELS,
)
_ENUMS = (ActionStatus, SuggestionStatus, IntroductionStatus, EmailStatus)
PHRASES = ("city (exact)", "region + target", "same region", "similar target")
# Words shared by both languages, or too short to tell: never counted.
_SHARED = {"no", "e", "a"}


def _english(name: object) -> str:
    """A label's English text: as marked when lazy (ours or Flask-Babel's), else as it is."""
    if isinstance(name, LazyText):
        return name.source
    return name._args[0] if hasattr(name, "_args") else str(name)  # type: ignore[attr-defined]


def known_english() -> set[str]:
    """Every code and English name a coordinator page might leave untranslated."""
    words: set[str] = set(PHRASES)
    for table in _TABLES:
        for code, name in table.items():
            words.add(code)
            words.add(_english(name))
    for enum in _ENUMS:
        words.update(member.value for member in enum)
    return {word for word in words if word and word.lower() not in _SHARED}


def user_strings() -> list[str]:
    """Everything people typed that pages show as written (longest first)."""
    found: set[str] = set()
    columns = (
        (Action, ("title", "place", "location_text", "target", "contact_name", "contact_email")),
        (Action, ("venue", "meeting_point", "description")),
        (Organization, ("name",)),
        (Region, ("name",)),
        (Coordinator, ("email", "states")),
        (Introduction, ("note",)),
        (Suggestion, ("decision_reason",)),
        (CatalogEntry, ("name", "aliases", "city", "source", "operator")),
        (InboundEmail, ("sender", "subject", "body_text")),
        (SavedFilter, ("name",)),
    )
    for model, names in columns:
        for row in db.session.scalars(select(model)):
            for name in names:
                value = getattr(row, name, None)
                if isinstance(value, str) and value.strip():
                    found.add(value)
                    found.update(part.strip() for part in value.split(";") if part.strip())
    for message in db.session.scalars(select(InboundEmail)):  # mail servers' words, quoted
        found.add(bounce_text(message) or "")
    for email in db.session.scalars(select(OutboundEmail)):
        found.add(email.last_error or "")
    found.discard("")
    for suggestion in db.session.scalars(select(Suggestion)):  # facility and entity names
        for reason in suggestion.reasons or []:
            if isinstance(reason, dict):
                found.update(str(v) for v in reason.values() if isinstance(v, str))
    return sorted(found, key=len, reverse=True)


def english_left(text: str, typed: Iterable[str]) -> list[str]:
    """The known English words and raw values still in `text` once typed content is out."""
    for value in typed:
        text = text.replace(value, " ")
        text = text.replace(" ".join(value.split()), " ")
    text = re.sub(r"[\w.+-]+@[\w.-]+", " ", text)  # addresses are data too
    left = []
    for word in sorted(known_english(), key=len, reverse=True):
        flags = 0 if word in ("True", "False", "None") else re.IGNORECASE
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, flags):
            left.append(word)
    for raw in ("True", "False", "None"):
        if re.search(rf"\b{raw}\b", text) and raw not in left:
            left.append(raw)
    return left

"""Plain data the matching library works on: `ActionRow` in, `Suggestion` out.

Both are independent of the database models, so the app, the CLI and the benchmarks all feed
the same library. Helpers here normalize what the hard rules compare (emails, organizations)
and give ids a stable order (ints before strings).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from matcher.matching.sentences import render

TARGET_TYPES: tuple[str, ...] = (
    "detention_center",
    "corporate_profiteer",
    "local_government",
    "federal_agency",
    "political_figure",
    "other",
)

#: Precisions too coarse to say how far apart two actions are.
COARSE_PRECISIONS = frozenset(("county", "region", "state"))

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class ActionRow:
    """One action as the matcher sees it (no contact name, no address)."""

    id: int | str
    latitude: float | None
    longitude: float | None
    date: datetime.date
    target_type: str
    target: str
    organizations: tuple[str, ...]
    contact_email: str
    intro_region: bool
    intro_target: bool
    published: bool = True
    title: str = ""
    place: str = ""
    #: How exactly the point places the action (matcher.models.Precision values); None when
    #: unknown (coordinates given as they are). See `carries_distance`.
    precision: str | None = None
    #: The place was a guess the organizer or a coordinator has not confirmed yet.
    place_flagged: bool = False


@dataclass(slots=True)
class Suggestion:
    """A suggested introduction between actions `a` and `b` (a before b in `id_key` order).

    A batch holds millions of these (slots: no per-object dict). A reason in `why` may be the
    same dict object in several suggestions of one batch (written once per distinct tie or
    pair of dates): read it, don't change it in place.
    """

    a: int | str
    b: int | str
    score: float
    kinds: list[str]
    why: list[dict[str, Any]]  # reasons as data (code and values): see matcher.matching.sentences
    features: dict[str, Any] = field(default_factory=dict)

    @property
    def reasons(self) -> list[str]:
        """The reasons in English."""
        return [render(reason) for reason in self.why]

    @property
    def pair(self) -> tuple[int | str, int | str]:
        """The unordered pair as an ordered tuple (a, b)."""
        return (self.a, self.b)


def id_key(value: int | str) -> tuple[int, int | str]:
    """Sort key giving ids a stable total order: integers first (numerically), then strings."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))


def ordered_pair(x: int | str, y: int | str) -> tuple[int | str, int | str]:
    """(x, y) sorted by `id_key`."""
    return (x, y) if id_key(x) <= id_key(y) else (y, x)


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower case, accents removed, every run of non-alphanumerics one space, trimmed."""
    text = text.replace("&", " and ").lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", text).strip()


def normalize_email(email: str) -> str:
    """Emails compare case-insensitively, trimmed."""
    return (email or "").strip().casefold()


def normalize_org(name: str) -> str:
    """Organization names compare folded, without a leading "the"."""
    folded = fold(name)
    return folded[4:] if folded.startswith("the ") else folded


def carries_distance(row: ActionRow) -> bool:
    """Whether the row's point may be used for distances: located, at city precision or
    finer, and not a guess awaiting confirmation."""
    return (
        row.latitude is not None
        and row.longitude is not None
        and not row.place_flagged
        and (row.precision or "") not in COARSE_PRECISIONS
    )


def is_active(row: ActionRow, today: datetime.date | None) -> bool:
    """Published, and its date has not passed (no date filter when `today` is None)."""
    return bool(row.published) and (today is None or row.date >= today)

"""`suggest`: suggestions for every action at once (batch path)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from matcher.matching.index import MatchIndex
from matcher.matching.regions import Namer
from matcher.matching.rows import ActionRow, Suggestion
from matcher.matching.settings import DEFAULT_SETTINGS, MatchSettings


def suggest(
    rows: Sequence[ActionRow],
    *,
    top_k: int = 5,
    today: date | None = None,
    exclude: Iterable[tuple] = (),
    namer: Namer | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
    workers: int = 2,
) -> list[Suggestion]:
    """Suggested pairs among all rows, best first; each unordered pair once.

    Only published rows dated `today` or later take part (no date filter when `today` is
    None). Each action has two lists, its best `top_k` region partners and its best `top_k`
    target partners; a pair is suggested for a kind when both sides list each other, then
    spare places are filled, so no action has more than `top_k` partners of each kind.
    `workers` threads rank the actions' lists (the answers do not depend on it).
    """
    index = MatchIndex(rows, today=today, namer=namer, settings=settings, workers=workers)
    return index.suggest_all(top_k, exclude)

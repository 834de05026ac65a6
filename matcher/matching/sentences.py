"""Reasons as sentences: `TEMPLATES`, the one place the sentences of matching reasons live
(marked with `N_` for the translation catalog), and `render`, which writes a reason (a code and
its values) in the reader's language. In English: "both target Palantir Technologies", "same
region: Bay Area, 12 km apart", "same coalition members: Twin Cities DSA", "both on Oct 10".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any


def N_(message: str) -> str:
    """Mark a sentence for the translation catalog; it is translated where it is shown."""
    return message


Reason = dict[str, Any]

TEMPLATES: dict[str, str] = {
    "same_entity": N_("both target %(entity)s"),
    "run_by": N_("related targets: %(child)s is run by %(parent)s"),
    "part_of": N_("related targets: %(child)s is part of %(parent)s"),
    "sibling_facilities": N_("both target %(parent)s facilities: %(a)s and %(b)s"),
    "sibling_arms": N_("both target %(parent)s arms: %(a)s and %(b)s"),
    "same_component": N_("both target %(parent)s: %(a)s and %(b)s"),
    "same_category": N_("same kind of target: %(category)s"),
    "same_agency": N_("only tie: both target %(agency)s"),
    "agency_office": N_("weak tie: %(office)s is part of %(agency)s"),
    "court_and_ice": N_("weak tie: %(court)s, an immigration court, and %(other)s"),
    "same_target": N_('both target "%(target)s"'),
    "similar_targets": N_('similar targets: "%(a)s" and "%(b)s" (%(percent)d%% alike)'),
    "same_region": N_("same region: %(region)s, %(km).0f km apart"),
    "same_region_close": N_("same region: %(region)s, under 1 km apart"),
    "near": N_("near each other: %(km).0f km apart"),
    "near_close": N_("near each other: under 1 km apart"),
    "shared_orgs": N_("same coalition members: %(names)s"),
    "shared_orgs_more": N_("same coalition members: %(names)s and %(more)d more"),
    "same_day": N_("both on %(day)s"),
    "one_day_apart": N_("1 day apart (%(day)s and %(other_day)s)"),
    "days_apart": N_("%(days)d days apart (%(day)s and %(other_day)s)"),
}
DAY_FIELDS = ("day", "other_day")
#: Kinds of target named in reasons (the `category` value of "same_category").
CATEGORY_NAMES: dict[str, str] = {
    "local_cooperation": N_(
        "local governments cooperating with ICE (287(g), jail contracts, data sharing)"
    ),
}


def render(
    reason: Mapping[str, Any] | str,
    translate: Callable[[str], str] = lambda message: message,
    day: Callable[[datetime.date], str] | None = None,
) -> str:
    """The reason as a sentence: its template through `translate`, dates written by `day`
    (English "Oct 10" by default). A plain string (stored before reasons were data) is kept."""
    if isinstance(reason, str):
        return reason
    write_day = day or _day
    values = {
        key: write_day(datetime.date.fromisoformat(value)) if key in DAY_FIELDS else value
        for key, value in reason.items()
        if key != "code"
    }
    if "category" in values:
        values["category"] = translate(CATEGORY_NAMES.get(values["category"], values["category"]))
    return translate(TEMPLATES[reason["code"]]) % values


@lru_cache(maxsize=4096)
def _day(d: datetime.date) -> str:
    return f"{d:%b} {d.day}"

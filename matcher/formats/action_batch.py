"""Validating many actions at once, column by column, with the field rules of `field_rules`.

Each column's rule runs once per distinct value (a spreadsheet of 100,000 rows has a few
hundred dates, six target types, two languages), then the rules across fields run per row.
The messages, their fields and their order are those of one action validated alone, so the
CSV import, the API and the web form say the same thing about the same value.

Pure: no app, no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import Any

from matcher.formats.action_input import ActionInput
from matcher.formats.coordinate_rules import pair_problem
from matcher.formats.field_rule import RuleError
from matcher.formats.field_rules import RULES
from matcher.formats.time_rules import date_window, end_problem

ORDER = {rule.name: position for position, rule in enumerate(RULES)}


class _Bad:
    """A refused value: its message."""

    __slots__ = ("message",)

    def __init__(self, message: Any) -> None:
        self.message = message


class Checked:
    """The outcome of a batch: `values` (field -> parsed value per row), `bad` (the rows
    refused), and per row its action (`actions`, None when refused) and its problems by field
    (`problems`, `{field: message}` in the order of the fields; empty when the row is valid).
    The actions are built when first asked for."""

    def __init__(
        self, values: dict[str, list[Any]], bad: set[int], found: dict[int, dict[str, str]]
    ) -> None:
        self.values = values
        self.bad = bad
        self._found = found
        self.count = len(next(iter(values.values()))) if values else 0

    @cached_property
    def actions(self) -> list[ActionInput | None]:
        """Each row's action (None for a refused row)."""
        names = [rule.name for rule in RULES]
        rows = zip(*(self.values[name] for name in names), strict=True)
        bad = self.bad
        return [None if i in bad else _action(row) for i, row in enumerate(rows)]

    @cached_property
    def problems(self) -> list[dict[str, str]]:
        """Each row's problems by field."""
        return [self._found.get(i, {}) for i in range(self.count)]


def _column(
    rule_check: Any, raws: Sequence[str | None] | None, count: int, bad_rows: set[int]
) -> list[Any]:
    """The rule's answer for every cell (`raws` None: no cell given), the rule called once
    per distinct value."""
    memo = dict.fromkeys(raws if raws is not None else (None,))
    bad = False
    for raw in memo:
        try:
            memo[raw] = rule_check(raw)
        except RuleError as exc:
            memo[raw] = _Bad(exc.message)
            bad = True
    if len(memo) == 1:  # a column not given, or of one value
        out = [next(iter(memo.values()))] * count
    elif raws is not None and len(memo) == len(raws):  # every value distinct: in their order
        out = list(memo.values())
    else:
        out = list(map(memo.__getitem__, raws))  # type: ignore[arg-type]
    if bad:
        bad_rows.update(i for i, value in enumerate(out) if type(value) is _Bad)
    return out


def validate_columns(
    columns: Mapping[str, Sequence[str | None]],
    count: int,
    *,
    allow_past_dates: bool = False,
    today: date | None = None,
) -> Checked:
    """Validate `count` rows given as columns (field name -> raw values, None where a value
    was not given; a field absent from `columns` was given for no row)."""
    bad_rows: set[int] = set()
    values: dict[str, list[Any]] = {}
    for rule in RULES:
        values[rule.name] = _column(rule.check, columns.get(rule.name), count, bad_rows)
    cross: dict[int, list[tuple[str, Any]]] = {}

    windows: dict[Any, Any] = {}
    for i, day in enumerate(values["date"]):
        if type(day) is _Bad:
            continue
        problem = windows.get(day, ())
        if problem == ():
            try:
                date_window(day, allow_past=allow_past_dates, today=today)
                problem = None
            except RuleError as exc:
                problem = exc.message
            windows[day] = problem
        if problem is not None:
            cross.setdefault(i, []).append(("date", problem))
    latitudes, longitudes = values["latitude"], values["longitude"]
    if latitudes.count(None) != longitudes.count(None) or 0 < latitudes.count(None) < count:
        for i, (lat, lon) in enumerate(zip(latitudes, longitudes, strict=True)):
            if (lat is None) != (lon is None) and type(lat) is not _Bad and type(lon) is not _Bad:
                cross.setdefault(i, []).append(("longitude", pair_problem(lat, lon)))
    ends = values["end_time"]
    for i, end in enumerate(ends if ends.count(None) < count else ()):
        if end is None or type(end) is _Bad:
            continue
        start = values["start_time"][i]
        if type(start) is _Bad:
            continue
        problem = end_problem(start, end)
        if problem is not None:
            cross.setdefault(i, []).append(("end_time", problem))
    bad_rows.update(cross)

    names = [rule.name for rule in RULES]
    found: dict[int, dict[str, str]] = {}
    for i in sorted(bad_rows):
        mine = [(name, values[name][i].message) for name in names if type(values[name][i]) is _Bad]
        mine += cross.get(i, [])
        mine.sort(key=lambda item: ORDER[item[0]])
        found[i] = {name: str(message) for name, message in mine}
    return Checked(values, bad_rows, found)


def _action(row: tuple[Any, ...]) -> ActionInput:
    (
        ref,
        title,
        day,
        location,
        latitude,
        longitude,
        target_type,
        target,
        organizations,
        contact_name,
        contact_email,
        contact_phone,
        language,
        intro_region,
        intro_target,
        public,
        description,
        venue,
        address_public,
        start_time,
        end_time,
        timezone,
        meeting_point,
        event_url,
        accepts_messages,
    ) = row
    return ActionInput(
        ref=ref,
        title=title,
        date=day,
        location=location,
        latitude=latitude,
        longitude=longitude,
        target_type=target_type,
        target=target or "",
        organizations=organizations,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone or None,
        language=language,
        intro_region=intro_region,
        intro_target=intro_target,
        public=public,
        description=description,
        venue=venue or None,
        address_public=address_public,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone,
        meeting_point=meeting_point or None,
        event_url=event_url,
        accepts_messages=accepts_messages,
    )

"""The rules of an action's fields, one set for every path: the web form (WTForms validators
call them), the JSON API and the CSV import (the batch validator calls them per distinct value).

Each rule reads one raw value as received (a string, or None when the field was not sent) and
returns the parsed value, or raises `RuleError` with the message shown to people. A rule is a
pure function of its value (the date rules also of today), so a batch remembers its answer per
distinct value: 100,000 rows of one date parse one date, and `email_validator` runs once per
distinct address. The rules across fields (both coordinates or neither, an end time after the
start time) are `pair_problem` and `end_problem`.

Here: `RULES`, every field's rule in the order of the fields. The rules themselves are in
`text_rules`, `time_rules`, `coordinate_rules`, `choice_rules`, `organization_rules` and
`address_rules` (their types in `field_rule`).
"""

from __future__ import annotations

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.address_rules import check_contact_email, check_event_url
from matcher.formats.choice_rules import check_language, check_target_type, yes_no_rule
from matcher.formats.coordinate_rules import coordinate_rule
from matcher.formats.field_rule import Rule
from matcher.formats.organization_rules import check_organizations
from matcher.formats.text_rules import check_ref, long_text_rule, text_rule
from matcher.formats.time_rules import check_time_of_day, check_timezone, parse_day

_DESCRIPTION = long_text_rule("description", 5000)


def _described(raw: str | None) -> str:
    return (_DESCRIPTION.check(raw) or "").strip()


# The rules in the order of the fields (the order of their messages).
RULES: tuple[Rule, ...] = (
    Rule("ref", check_ref),
    text_rule("title", 200, required=_l("Give your action a title.")),
    Rule("date", parse_day),  # the window is checked per row: it depends on the path
    text_rule("location", 300, required=_l("Say where the action happens (city and state).")),
    coordinate_rule("latitude", -90, 90),
    coordinate_rule("longitude", -180, 180),
    Rule("target_type", check_target_type),
    text_rule("target", 200),
    Rule("organizations", check_organizations),
    text_rule("contact_name", 200, required=_l("Give a contact name.")),
    Rule("contact_email", check_contact_email),
    text_rule("contact_phone", 40),
    Rule("language", check_language),
    yes_no_rule("intro_region", False),
    yes_no_rule("intro_target", False),
    yes_no_rule("public", True),
    Rule("description", _described),
    text_rule("venue", 300),
    yes_no_rule("address_public", False),
    Rule("start_time", check_time_of_day),
    Rule("end_time", check_time_of_day),
    Rule("timezone", check_timezone),
    text_rule("meeting_point", 300),
    Rule("event_url", check_event_url),
    yes_no_rule("accepts_messages", False),
)
RULE = {rule.name: rule for rule in RULES}

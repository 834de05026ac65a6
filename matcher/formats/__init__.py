"""Input formats: the fields of an action and the rules that validate them, shared by the web
form, the JSON API and the CSV import, and the CSV format of coordinators' spreadsheets.

- `field_rules`: every field's rule (`RULES`), from `text_rules`, `time_rules`,
  `coordinate_rules`, `choice_rules`, `organization_rules` and `address_rules`.
- `action_fields`: the WTForms form, `validate_action` (errors named by field), `ActionInput`.
- `action_batch`: many actions validated column by column with the same rules.
- `action_csv`: `parse_actions_csv`, every problem named by row and column.

- `event_fields`: rules of the time of day, time zone and event link.
- `organization_names`: the keys an organization's name resolves by (aliases), rules then
  rapidfuzz.

Pure: no app, no database. May import: domain only (and rapidfuzz).
"""

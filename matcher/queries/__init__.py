"""Reads: the queries behind pages, feeds and exports. They change nothing.

- `listing`: what the public may see (published actions, public fields only).
- `feed_documents`: GeoJSON, iCalendar and OSDI documents built from public items.
- `target_pages`: targets named by several actions, through the entity catalog.
- `review_queue`: the coordinators' queue of pending suggestions, and the state scope rule.
- `coordination`: coordinators' lists, dashboard figures, regions and exports, in scope.
- `decisions`: the pairs decided last (who, when, why) and whether a decision can be undone.
- `introduction_timeline`: introductions, their timelines and the states the list shows.
- `organization_history`: one organization's actions, introductions and replies, in scope.
- `audit_log`: the audit log as admins read it.

May import: models, extensions, and the pure libraries (geocoding, matching); never web,
operations or jobs. Public queries never load contact columns.
"""

"""Reads: the queries behind pages, feeds and exports. They change nothing.

- `listing`: what the public may see (published actions, public fields only).
- `feed_documents`: GeoJSON, iCalendar and OSDI documents built from public items.
- `target_pages`: targets named by several actions, through the entity catalog.
- `review_queue`: the coordinators' queue of pending suggestions, and the state scope rule.
- `coordination`: coordinators' lists, dashboard figures, regions and exports, in scope.

May import: models, extensions, and the pure libraries (geocoding, matching); never web,
operations or jobs. Public queries never load contact columns.
"""

"""The public response cache's data side: where rendered public responses are stored, and how
changes to public data make them stale.

- `stores`: in-process memory or Redis, holding entries and the version of the public data.
- `public_changes`: session events that bump the version and count public changes in the
  database when a unit of work touches what the public sees.

The view decorator that serves from the cache is `matcher.web.public_cache`.
May import: models, extensions, and `geocoding.result_cache` (the LRU); never web or operations.
"""

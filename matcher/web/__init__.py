"""Web layer: blueprints that parse a request, call one operation or query, and render.

Blueprints (public pages, organizers' pages, the JSON API, feeds, coordinators' pages in
`coordinate/`, opt-in answers, unsubscribe, inbound mail webhook), the forms they render
(`forms`), the OpenAPI document (`openapi`), and request plumbing: filters, rate limits, guards,
security headers, error pages, template helpers, and the public response cache's view decorator
(`public_cache`).

May import: operations, queries, jobs (by name), formats, security, cache, the pure libraries,
models, extensions. Nothing below imports web.
"""

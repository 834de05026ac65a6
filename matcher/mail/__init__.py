"""Mail: compose from paired templates, queue in the outbox table, deliver after commit, and
parse inbound replies and bounces.

May import: models, extensions, security (blind indexes), and `matcher.jobs.dispatch` (sending
is a job asked for by name); never operations, web or the rest of jobs.
"""

"""Operations: the writes (submit, verify, manage, match, review, introduce, inbound, privacy).

Each operation changes data and flushes; the caller (a view, a command, a job) commits once.
Email is queued in the outbox in the same transaction; background work is asked for by name
through `matcher.jobs.dispatch`.

May import: queries, formats, security, mail, cache, the pure libraries, models, extensions,
and `matcher.jobs.dispatch`; never web, cli or the rest of jobs.
"""


class OutOfScope(PermissionError):
    """The coordinator may not decide this (a suggestion, a request, an organization's tags):
    it lies outside the states they coordinate."""


class OperationError(Exception):
    """A request that cannot be carried out, with messages by field (`{field: message}`)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors

"""Use cases. Each operation changes data and flushes; the caller commits once."""


class OperationError(Exception):
    """A request that cannot be carried out, with messages by field (`{field: message}`)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors

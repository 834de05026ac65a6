"""Messages marked for translation and translated when shown, as Flask-Babel's
`lazy_gettext`, without importing Flask-Babel (and Flask) until a message is shown.

The field rules and the domain's labels mark their messages at import; `matcher suggest`
imports them but shows a message only for a bad file, so it starts without Flask. A
`LazyText` acts as Flask-Babel's `LazyString`: every use goes through `str()`, which
translates it with `flask_babel.gettext` in the locale of that moment (outside a request, the
text as written, with its variables).
"""

from __future__ import annotations

from typing import Any

__all__ = ["LazyText", "lazy_gettext"]


class LazyText:
    """A message translated each time it is read (`str()`); otherwise a read-only string."""

    __slots__ = ("_text", "_variables")

    def __init__(self, text: str, **variables: Any) -> None:
        self._text = text
        self._variables = variables

    @property
    def source(self) -> str:
        """The text as marked (English), untranslated, without its variables."""
        return self._text

    def __str__(self) -> str:
        from flask_babel import gettext

        return str(gettext(self._text, **self._variables))

    def __getattr__(self, name: str) -> Any:
        if name == "__setstate__":  # copy and pickle: no string method here
            raise AttributeError(name)
        return getattr(str(self), name)

    def __repr__(self) -> str:
        return f"l'{self}'"

    def __html__(self) -> str:
        return str(self)

    def __len__(self) -> int:
        return len(str(self))

    def __getitem__(self, key: Any) -> str:
        return str(self)[key]

    def __iter__(self) -> Any:
        return iter(str(self))

    def __contains__(self, item: str) -> bool:
        return item in str(self)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __mul__(self, other: int) -> str:
        return str(self) * other

    __rmul__ = __mul__

    def __mod__(self, other: Any) -> str:
        return str(self) % other

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __ne__(self, other: object) -> bool:
        return str(self) != other

    def __lt__(self, other: str) -> bool:
        return str(self) < other

    def __le__(self, other: str) -> bool:
        return str(self) <= other

    def __gt__(self, other: str) -> bool:
        return str(self) > other

    def __ge__(self, other: str) -> bool:
        return str(self) >= other

    def __hash__(self) -> int:
        return hash(str(self))


def lazy_gettext(text: str, **variables: Any) -> LazyText:
    """`text` (with its `%(name)s` variables) translated when it is shown."""
    return LazyText(text, **variables)

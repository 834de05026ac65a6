"""How strong a coordinator's password must be, and why a weak one is refused.

Three checks, each with its own reason: the length (`MIN_PASSWORD_LENGTH`); a list of common
passwords (the 30,000 most common passwords of leaked password sets, shipped inside the
`zxcvbn` package, MIT licence, pinned in pyproject.toml), matched whole or with digits and
symbols stripped from its ends ("Password1234!"); and zxcvbn's estimate of how many guesses it
takes (a score below 3 of 4: keyboard patterns, repeats, dates, words with a digit added).
Imports nothing of the package.
"""

from __future__ import annotations

import functools
import re

from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_PASSWORD_LENGTH = 12
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable: moderate protection from offline attacks"
_ENDS = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@functools.cache
def common_passwords() -> frozenset[str]:
    """The common-password list (lowercase)."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str) -> str | None:
    """Why `password` is too weak, in the reader's language, or None when it is strong enough."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    folded = password.lower()
    core = _ENDS.sub("", folded)
    common = common_passwords()
    if folded in common or folded.replace(" ", "") in common or (len(core) >= 4 and core in common):
        return str(_l("This password is on a list of common passwords: choose another one."))
    if zxcvbn(password[:100])["score"] < MIN_SCORE:
        return str(
            _l(
                "This password is too easy to guess (a pattern, a repeat or a common word "
                "with digits): use several unrelated words."
            )
        )
    return None

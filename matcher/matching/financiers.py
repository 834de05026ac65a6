"""Targets about who finances an operator: "Scopia Capital's investments in GEO Group",
"Citizens Bank's loans to CoreCivic". The financier named before the money word is the
target; the operator it finances is not (README "Labelling rules": a bank or investor
financing GEO or CoreCivic and the operator's facilities are a judgement call, not the same
operator). A text that names the operator first ("GEO Group's shareholders meeting") or no
financier ("Stop financing GEO Group") keeps the operator.

Read after the catalog's recognition (targets.TargetModel): a known financier (Wells Fargo,
Citizens Bank, BlackRock) stays the text's entity; an unknown one leaves the text to the
target-text similarity, like any unrecognized name.
"""

from __future__ import annotations

from matcher.matching.entities import Entity
from matcher.matching.recognition import EntityCatalog
from matcher.matching.rows import fold

#: Target types that are about their own kind of target, never a financier's: a detention
#: center, an agency, a local government (its contract with GEO is the county's business).
NOT_A_FINANCIER = frozenset(("detention_center", "federal_agency", "local_government"))
#: Money words, matched as a word's start ("financing", "loans", "investments", "lender").
MONEY_PREFIXES = (
    "financ",
    "bankroll",
    "loan",
    "lend",
    "underwrit",
    "invest",
    "inversion",  # Spanish, folded: inversion(es)
    "prestamo",
)
MONEY_WORDS = frozenset(("bond", "bonds", "credit", "stake", "stakes", "shares", "stock"))
#: Words before the money word that name no financier ("Stop financing", "the loans to").
NOT_A_NAME = frozenset(
    ("the", "a", "an", "s", "stop", "end", "no", "cut", "ties", "with", "from", "and", "or")
)


def money_word(word: str) -> bool:
    """Whether a folded word speaks of financing, lending or investing."""
    return word in MONEY_WORDS or word.startswith(MONEY_PREFIXES)


def first_mention(entity: Entity, words: list[str]) -> int | None:
    """Where a folded text's words first name an entity by one of its aliases (None: not by
    an alias, e.g. only by a misspelt keyword)."""
    found = None
    for alias in entity.aliases:
        needle = fold(alias).split()
        n = len(needle)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == needle and (found is None or i < found):
                found = i
                break
    return found


def financed_operators(
    catalog: EntityCatalog, folded: str, target_type: str | None, found: frozenset[str]
) -> frozenset[str]:
    """The operators a folded target text names only as what its subject finances: named
    after a money word that a financier's name comes before."""
    if target_type in NOT_A_FINANCIER or not found:
        return frozenset()
    words = folded.split()
    at = next((i for i, w in enumerate(words) if money_word(w)), None)
    if at is None or all(w in NOT_A_NAME for w in words[:at]):
        return frozenset()
    out = set()
    for eid in found:
        entity = catalog.entities[eid]
        if entity.kind != "operator":
            continue
        where = first_mention(entity, words)
        if where is not None and where > at:
            out.add(eid)
    return frozenset(out)


def about_the_financier(
    catalog: EntityCatalog, folded: str, target_type: str | None, found: frozenset[str]
) -> frozenset[str]:
    """A recognized entity set without the operators its text names only as financed."""
    financed = financed_operators(catalog, folded, target_type, found)
    return found - financed if financed else found

"""Known targets (operators, facilities, agencies, contractors, banks) from data/entities.json.

A target text is folded (see `rows.fold`) and searched for every alias as whole words, longest
alias first; distinctive one-word keywords also match with small misspellings (rapidfuzz ratio
of at least 85 for words of six letters or more, also on two adjacent words written together).
Entities form a forest through `parent`: a GEO-run facility has parent GEO Group, ICE has
parent DHS. Two sets of entities relate as the same entity, parent and child (any ancestor), or
siblings (same direct parent).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from matcher.matching.rows import fold

SAME, PARENT_CHILD, SIBLINGS = "same", "parent_child", "siblings"
_MIN_FUZZY_LEN = 6
_FUZZY_CUTOFF = 85.0


@dataclass(frozen=True)
class Entity:
    """One known target."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    parent: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """How two recognized targets relate: kind is SAME, PARENT_CHILD or SIBLINGS."""

    kind: str
    left: str
    right: str


class EntityCatalog:
    """Recognizes entities in target texts and relates them."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        alias_to_id: dict[str, str] = {}
        for entity in self.entities.values():
            for alias in (entity.name, *entity.aliases):
                key = fold(alias)
                if key:
                    alias_to_id.setdefault(key, entity.id)
        self._alias_to_id = alias_to_id
        ordered = sorted(alias_to_id, key=lambda a: (-len(a), a))
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b")
        self._keyword_to_id = {
            fold(k).replace(" ", ""): e.id for e in self.entities.values() for k in e.keywords
        }
        self._keywords = [k for k in self._keyword_to_id if len(k) >= _MIN_FUZZY_LEN]
        self._token_cache: dict[str, str | None] = {}
        self._ancestors = {eid: self._walk_up(eid) for eid in self.entities}

    def _walk_up(self, eid: str) -> tuple[str, ...]:
        chain: list[str] = []
        parent = self.entities[eid].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.entities[parent].parent
        return tuple(chain)

    def ancestors(self, eid: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of an entity."""
        return self._ancestors[eid]

    def name(self, eid: str) -> str:
        """Display name of an entity."""
        return self.entities[eid].name

    def _fuzzy_token(self, token: str) -> str | None:
        if token in self._token_cache:
            return self._token_cache[token]
        found = self._keyword_to_id.get(token)
        if found is None and len(token) >= _MIN_FUZZY_LEN and self._keywords:
            best = process.extractOne(
                token, self._keywords, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
            )
            found = self._keyword_to_id[best[0]] if best else None
        self._token_cache[token] = found
        return found

    def recognize(self, text: str) -> frozenset[str]:
        """Ids of the entities named in a target text (empty set when none)."""
        folded = fold(text)
        if not folded:
            return frozenset()
        found = {self._alias_to_id[m.group(0)] for m in self._pattern.finditer(folded)}
        rest = self._pattern.sub(" ", folded).split()
        for i, token in enumerate(rest):
            for candidate in (token, token + rest[i + 1] if i + 1 < len(rest) else ""):
                if candidate and (eid := self._fuzzy_token(candidate)) is not None:
                    found.add(eid)
        # A facility and its own operator named together ("GEO's Adelanto") is the facility.
        covered = {a for eid in found for a in self._ancestors[eid]}
        return frozenset(found - covered) or frozenset(found)

    def relation(self, left: frozenset[str], right: frozenset[str]) -> Relation | None:
        """The strongest relation between two recognized sets (same > parent/child > siblings)."""
        best: Relation | None = None
        rank = {SAME: 3, PARENT_CHILD: 2, SIBLINGS: 1}
        for a in sorted(left):
            for b in sorted(right):
                kind = self._relate(a, b)
                if kind and (best is None or rank[kind] > rank[best.kind]):
                    best = Relation(kind, a, b)
        return best

    def _relate(self, a: str, b: str) -> str | None:
        if a == b:
            return SAME
        if a in self._ancestors[b] or b in self._ancestors[a]:
            return PARENT_CHILD
        pa, pb = self.entities[a].parent, self.entities[b].parent
        if pa is not None and pa == pb:
            return SIBLINGS
        return None


def load_entities(path: str | None = None) -> list[Entity]:
    """Entities from a JSON file (default: the packaged data/entities.json)."""
    if path is None:
        text = (
            resources.files("matcher.matching")
            .joinpath("data/entities.json")
            .read_text(encoding="utf-8")
        )
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return [
        Entity(
            id=item["id"],
            name=item["name"],
            kind=item.get("kind") or "other",
            aliases=tuple(item.get("aliases", ())),
            parent=item.get("parent"),
            keywords=tuple(item.get("keywords", ())),
        )
        for item in json.loads(text)["entities"]
    ]


@cache
def default_catalog() -> EntityCatalog:
    """The catalog of the packaged entity list (built once per process)."""
    return EntityCatalog(load_entities())

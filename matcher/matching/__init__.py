"""Matching engine: which actions to introduce to each other, and why.

A pure library on plain data (no app, no database): the app, the CLI and the benchmarks call
the same functions.

- `suggest(rows, *, top_k=5, today=None, exclude=(), namer=None)` -> `list[Suggestion]`:
  batch suggestions over all rows, best first, each unordered pair once.
- `MatchIndex(rows, *, today=None, namer=None)`: built once; `.suggest_for(row, top_k=5,
  exclude=())` gives one (new) action's suggestions, `.add(row)` adds a row,
  `.suggest_all(top_k, exclude)` is the batch over the index.
- `regions(rows_or_points, *, namer=None)` -> `Regions(labels, names)`: a region label per
  action (-1: none) and a display name per region.
- `MatchSettings` / `DEFAULT_SETTINGS`: thresholds and weights (see settings.py).

Hard rules no score can break: a region suggestion needs both sides' `intro_region` (and both
located, at most `region_radius_km` apart), a target suggestion both sides' `intro_target`
(and target similarity at least `min_target_similarity`); never the same action, never two
actions with the same contact email (trimmed, case-insensitive), never an excluded pair, only
published actions dated `today` or later.

Per-action cap: each action ranks its eligible partners by score and keeps its best `top_k`; a
pair is suggested when each side is among the other's best `top_k` (mutual top-k). So no
action has more than `top_k` partners, and batch and incremental paths agree (index.py).

Modules: rows (data in/out), settings, geometry, entities (+ data/entities.json), text
(TF-IDF of target texts), targets (target similarity), table (columnar rows), candidates
(fast-path candidate generation), scoring (rules, score, ranking), regions (named regions),
reasons (reasons as data), sentences (reasons as sentences), index (MatchIndex), batch
(suggest).

May import: `matcher.geocoding` (region names) and nothing else of the package.
"""

from matcher.matching.batch import suggest
from matcher.matching.entities import EntityCatalog, default_catalog, load_entities
from matcher.matching.index import MatchIndex
from matcher.matching.regions import RegionModel, Regions, coordinate_label, regions
from matcher.matching.rows import (
    TARGET_TYPES,
    ActionRow,
    Suggestion,
    id_key,
    is_active,
    normalize_email,
    normalize_org,
)
from matcher.matching.settings import DEFAULT_SETTINGS, MatchSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "TARGET_TYPES",
    "ActionRow",
    "EntityCatalog",
    "MatchIndex",
    "MatchSettings",
    "RegionModel",
    "Regions",
    "Suggestion",
    "coordinate_label",
    "default_catalog",
    "id_key",
    "is_active",
    "load_entities",
    "normalize_email",
    "normalize_org",
    "regions",
    "suggest",
]

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

Hard rules no score can break: a region suggestion needs both sides' `intro_region`, both
places at city precision or finer and not awaiting confirmation (`rows.carries_distance`), and
the metro rule (metros.py: never two different metros); a target suggestion both sides'
`intro_target` (and target similarity at least `min_target_similarity`); never the same action,
never two actions with the same contact email (trimmed, case-insensitive), never an excluded
pair, only published actions dated `today` or later.

Per-action caps, one per kind: each action has a list of its best `top_k` region partners and
one of its best `top_k` target partners (most specific tie first); a pair is chosen for a kind
when each side has the other on its list, then spare places are filled (fill.py). So no action
has more than `top_k` partners of each kind, and a national partner never takes a local
partner's place. Of the target partners at most `weak_quota` are the weakest ties (an agency
and one of its offices, "an ICE office is part of DHS"), placed after every other. Batch and
incremental agree exactly up to `exact_below` active actions (index.py).

Modules: rows (data in/out), settings, geometry, metros (+ data/metros.csv), entities (+
data/entities.json), recognition (entities in target texts) with entity_ties (their ties),
target_words (the words it reads by), financiers (a financier's text is not its operator's),
court_ties (an immigration court and ICE) and company_venues (a venue named after a business),
text (TF-IDF of target texts), targets (target ties by specificity), table (columnar rows),
candidates (fast-path candidate generation), units (its units and their nearest-member
queries), relations (the units related to a query's), deferred (units fetched only if they can
matter), caps (how far their members may be), scoring (rules, scores, the two lists), fill
(spare places), augment (swaps that give short actions their quota), partners (which partners'
lists one new action needs), joint_tree and position_values (one new action's queries over the
units and the table), kept_lists (those lists kept across queries), regions (named regions),
reasons (reasons as data), distinct and pair_regions (what reasons depend on, the region a pair
is named by), sentences (reasons as sentences), calibration (weights learned from decisions),
gcpause (the collector paused while many objects are built), heap (freed memory given back
between the batch's phases), mutual (the batch's mutual choice, fill and swaps), kinds (each
chosen pair once with its kinds), index (MatchIndex), batch (suggest).

May import: `matcher.geocoding` (region names) and nothing else of the package.
"""

from matcher.matching.batch import suggest
from matcher.matching.entities import load_entities
from matcher.matching.index import MatchIndex
from matcher.matching.recognition import EntityCatalog, default_catalog
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

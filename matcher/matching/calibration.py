"""Learning the queue's score from coordinators' decisions (approved = 1, rejected = 0).

A decision is a suggestion's stored `features` and `kinds` with its outcome and when it was
decided. `fit` is a logistic regression (scikit-learn) on `vector(...)`: the tie's tier (one
column each), closeness, being on the region list, on the target list, on both, shared
coalition members and days apart. `replay` trains on the decisions before a date and measures
how well each score ranks the decisions after it (ROC AUC and average precision), for the
calibrated model and for the hand-set score (`hand_score`, the engine's own). The calibrated
weights are shipped (`Calibration.to_json`, read by `load_calibration`) only when the replay
beats the hand-set score; until then, and with no decisions, the hand-set weights rank.

Weights are plain numbers in JSON, never a pickled model.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from matcher.matching.entities import TIER_ORDER
from matcher.matching.settings import DEFAULT_SETTINGS, MatchSettings

TIES = (*TIER_ORDER, "text")
COLUMNS = (
    *(f"tie_{t}" for t in TIES),
    "closeness",
    "region",
    "target",
    "both",
    "shared_orgs",
    "within_3_days",
)


@dataclass(frozen=True)
class Decision:
    """A coordinator's decision on a suggestion."""

    features: Mapping[str, Any]
    kinds: tuple[str, ...]
    approved: bool
    decided_at: datetime.datetime


def vector(
    features: Mapping[str, Any], kinds: Sequence[str], settings: MatchSettings = DEFAULT_SETTINGS
) -> np.ndarray:
    """The model's inputs for one suggestion."""
    tie = features.get("tie")
    dist = features.get("distance_km")
    region, target = "region" in kinds, "target" in kinds
    closeness = (
        max(0.0, 1.0 - dist / settings.region_radius_km) if region and dist is not None else 0.0
    )
    days = features.get("days_apart")
    return np.array(
        [
            *(float(tie == t) for t in TIES),
            closeness,
            float(region),
            float(target),
            float(region and target),
            float(min(len(features.get("shared_orgs") or ()), 3)),
            float(days is not None and days <= 3),
        ]
    )


def hand_score(
    features: Mapping[str, Any], kinds: Sequence[str], settings: MatchSettings = DEFAULT_SETTINGS
) -> float:
    """The hand-set score of a suggestion from its stored features (scoring.final_scores)."""
    tie = features.get("tie")
    region, target = "region" in kinds, "target" in kinds
    tier = {t: float(getattr(settings, f"tier_{t}")) for t in TIER_ORDER}
    tsim = float(features.get("target_similarity") or 0.0)
    # an agency-only tie has two values (the agency as a whole, or with one of its offices)
    t = (tier.get(tie, tsim) if tie not in ("text", "agency") else tsim) if target else 0.0
    r = 0.0
    if region:
        x = vector(features, kinds, settings)[len(TIES)]
        strong = tie in ("facility", "company") or (tie == "text" and tsim >= settings.tier_company)
        r = settings.region_base + settings.region_closeness * x + settings.region_tie * strong
    return min(max(r, t) + settings.both_bonus * (region and target), 1.0)


@dataclass(frozen=True)
class Calibration:
    """Logistic-regression weights over `COLUMNS`."""

    coef: tuple[float, ...]
    intercept: float
    trained_on: int

    def score(self, features: Mapping[str, Any], kinds: Sequence[str]) -> float:
        """Probability that a coordinator approves the suggestion."""
        z = float(np.dot(self.coef, vector(features, kinds))) + self.intercept
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> str:
        """The weights as JSON (named columns)."""
        return json.dumps(
            {
                "columns": list(COLUMNS),
                "coef": list(self.coef),
                "intercept": self.intercept,
                "trained_on": self.trained_on,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Calibration:
        """Weights written by `to_json` (columns must match this version's)."""
        data = json.loads(text)
        if tuple(data["columns"]) != COLUMNS:
            raise ValueError("calibration columns differ from this version's")
        return cls(tuple(data["coef"]), float(data["intercept"]), int(data["trained_on"]))


def fit(decisions: Sequence[Decision], *, c: float = 1.0) -> Calibration:
    """Logistic regression on the decisions (both outcomes must occur)."""
    x = np.array([vector(d.features, d.kinds) for d in decisions])
    y = np.array([d.approved for d in decisions], dtype=int)
    if len(set(y.tolist())) < 2:
        raise ValueError("calibration needs both approvals and rejections")
    model = LogisticRegression(C=c, max_iter=1000).fit(x, y)
    return Calibration(tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]), len(y))


@dataclass(frozen=True)
class Replay:
    """How the hand-set and the calibrated scores rank the decisions after the split."""

    split: datetime.datetime
    n_train: int
    n_test: int
    auc_hand: float
    auc_model: float
    ap_hand: float
    ap_model: float

    @property
    def model_wins(self) -> bool:
        """Ship the calibrated weights only when they rank better on both measures."""
        return self.auc_model > self.auc_hand and self.ap_model > self.ap_hand


def replay(decisions: Sequence[Decision], split: datetime.datetime) -> Replay:
    """Train on decisions before `split`, measure the ranking of those after it."""
    train = [d for d in decisions if d.decided_at < split]
    test = [d for d in decisions if d.decided_at >= split]
    y = np.array([d.approved for d in test], dtype=int)
    if len(set(y.tolist())) < 2:
        raise ValueError("the decisions after the split need both outcomes")
    model = fit(train)
    hand = np.array([hand_score(d.features, d.kinds) for d in test])
    learned = np.array([model.score(d.features, d.kinds) for d in test])
    return Replay(
        split,
        len(train),
        len(test),
        float(roc_auc_score(y, hand)),
        float(roc_auc_score(y, learned)),
        float(average_precision_score(y, hand)),
        float(average_precision_score(y, learned)),
    )


@cache
def shipped_calibration() -> Calibration | None:
    """The calibrated weights shipped in data/calibration.json, or None (hand-set weights)."""
    path = resources.files("matcher.matching").joinpath("data/calibration.json")
    if not path.is_file():
        return None
    return Calibration.from_json(path.read_text(encoding="utf-8"))

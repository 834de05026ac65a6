"""Learning the queue's score from decisions: replay decides, the engine uses what is shipped."""

from __future__ import annotations

import datetime

import numpy as np

from matcher.matching import MatchSettings, suggest
from matcher.matching.calibration import (
    Calibration,
    Decision,
    fit,
    hand_score,
    replay,
    shipped_calibration,
)

START = datetime.datetime(2026, 1, 1)


def _decisions(n: int, seed: int, flip_agency: bool) -> list[Decision]:
    """Coordinators who approve specific ties and local pairs; with `flip_agency` they also
    approve every agency-only pair (which the hand-set score ranks last)."""
    rng = np.random.default_rng(seed)
    ties = ["facility", "operator", "component", "category", "agency", None]
    out = []
    for k in range(n):
        tie = ties[int(rng.integers(0, len(ties)))]
        region = tie is None or rng.random() < 0.3
        kinds = ("region",) if tie is None else (("region", "target") if region else ("target",))
        features = {"tie": tie, "distance_km": float(rng.uniform(0, 140)) if region else None}
        approved = tie != "agency" if not flip_agency else tie in ("agency", "facility")
        out.append(Decision(features, kinds, bool(approved), START + datetime.timedelta(days=k)))
    return out


def test_replay_keeps_hand_set_weights_unless_the_model_ranks_better() -> None:
    agree = _decisions(400, 1, flip_agency=False)
    result = replay(agree, START + datetime.timedelta(days=250))
    assert result.n_train == 250 and result.n_test == 150
    assert result.auc_hand > 0.9  # coordinators who think like the hand-set score
    learned = replay(_decisions(400, 2, flip_agency=True), START + datetime.timedelta(days=250))
    assert learned.model_wins and learned.auc_model > learned.auc_hand


def test_calibrated_weights_order_the_queue(make_row) -> None:
    a = make_row("San Diego, CA", target_type="detention_center", target="Otay Mesa")
    b = make_row("San Diego, CA", target_type="detention_center", target="Otay Mesa")
    model = fit(_decisions(300, 3, flip_agency=False))
    back = Calibration.from_json(model.to_json())
    [pair] = suggest([a, b], settings=MatchSettings(calibration=back))
    assert pair.score == round(back.score(pair.features, pair.kinds), 6)
    [plain] = suggest([a, b])
    assert plain.score == round(hand_score(plain.features, plain.kinds), 6)
    assert shipped_calibration() is None  # no coordinator decisions yet: hand-set weights

"""The region a chosen region pair is named by in its reason: the metro's, or its named area's
("Bay Area", "North Jersey"), when both places are in it, else the region model's cluster name."""

from __future__ import annotations

import numpy as np

from matcher.matching.metros import default_metros
from matcher.matching.regions import RegionModel
from matcher.matching.scoring import PairScores
from matcher.matching.table import ActionTable

__all__ = ["region_names"]


def region_names(pairs: PairScores, table: ActionTable, model: RegionModel) -> list[str | None]:
    """Per pair, the name of the region it was chosen in (None if not a region pair): the
    metro's (or its named area's) when both places are in it, else the region model's."""
    out: list[str | None] = [None] * len(pairs)
    chosen = np.flatnonzero(pairs.region)
    if chosen.size == 0:
        return out
    ii, jj = pairs.i[chosen], pairs.j[chosen]
    pos, inverse = np.unique(np.r_[ii, jj], return_inverse=True)
    lat, lon = table.col("lat")[pos], table.col("lon")[pos]
    metros = default_metros()
    metro = table.col("metro")[pos]
    area = metros.area_of(lat, lon)
    label = model.assign(lat, lon)
    a, b = inverse[: len(ii)], inverse[len(ii) :]
    in_metro = (metro[a] >= 0) & (metro[a] == metro[b])
    in_area = in_metro & (area[a] >= 0) & (area[a] == area[b])
    in_region = (label[a] >= 0) & (label[a] == label[b])
    names: dict[int, str | None] = {}
    for n, m, ar, lb, flag_m, flag_a, flag_r in zip(
        chosen.tolist(),
        metro[a].tolist(),
        area[a].tolist(),
        label[a].tolist(),
        in_metro.tolist(),
        in_area.tolist(),
        in_region.tolist(),
        strict=True,
    ):
        name = metros.area_names[ar] if flag_a else metros.names.get(m) if flag_m else None
        if not name and flag_r:
            if lb not in names:
                names[lb] = model.name(lb)
            name = names[lb]
        out[n] = name or None
    return out

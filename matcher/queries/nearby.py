"""Other published actions near an action on the same weekend, so its organizer can join forces
or choose another date rather than split the turnout. Public fields only."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from matcher.extensions import db
from matcher.geocoding.distance import distance_km
from matcher.models import Action, ActionStatus
from matcher.queries.listing import TYPED_WHEN_UNPLACED, public_place

RADIUS_KM = 50.0
DAYS_APART = 1


@dataclass(frozen=True)
class NearbyAction:
    """What the public page shows of another action, and how far and how many days apart."""

    slug: str
    title: str
    date: date
    place: str
    distance_km: float
    days_apart: int


def nearby_actions(
    action: Action, radius_km: float = RADIUS_KM, days: int = DAYS_APART, limit: int = 10
) -> list[NearbyAction]:
    """Published, listed actions within `radius_km` of the action's public point, on the same
    day or `days` before or after, nearest first."""
    lat, lon = action.public_latitude, action.public_longitude
    if lat is None or lon is None:
        return []
    dlat = radius_km / 111.2
    dlon = radius_km / max(111.2 * math.cos(math.radians(lat)), 1e-6)
    rows = db.session.execute(
        select(
            Action.slug,
            Action.title,
            Action.date,
            Action.place,
            TYPED_WHEN_UNPLACED,
            Action.address_public,
            Action.state,
            Action.public_latitude,
            Action.public_longitude,
        ).where(
            Action.id != action.id,
            Action.status == ActionStatus.published,
            Action.listed_publicly.is_(True),
            Action.date.between(
                action.date - timedelta(days=days), action.date + timedelta(days=days)
            ),
            Action.public_latitude.between(lat - dlat, lat + dlat),
            Action.public_longitude.between(lon - dlon, lon + dlon),
        )
    )
    found = []
    for row in rows:
        km = distance_km(lat, lon, row.public_latitude, row.public_longitude)
        if km <= radius_km:
            place = public_place(row)  # never a private address typed but not placed
            apart = abs((row.date - action.date).days)
            found.append(NearbyAction(row.slug, row.title, row.date, place, round(km, 1), apart))
    return sorted(found, key=lambda item: (item.distance_km, item.date, item.title))[:limit]

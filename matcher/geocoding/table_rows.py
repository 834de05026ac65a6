"""The rows of the gazetteer's small tables: states, counties, region nicknames and
neighbourhoods (landmarks share the neighbourhood row: a name, its town and a point)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["County", "Neighbourhood", "Nickname", "State"]


@dataclass(frozen=True, slots=True)
class State:
    """A state (or DC, or Puerto Rico) with a representative point."""

    code: str
    name: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class County:
    """A county (parish, borough, municipio) placed at the mean of its ZIP centroids."""

    name: str
    state: str
    lat: float
    lon: float
    zip_count: int


@dataclass(frozen=True, slots=True)
class Nickname:
    """A region nickname such as "Bay Area" with a core point and a representative place."""

    name: str
    states: tuple[str, ...]
    lat: float
    lon: float
    place: str


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """A neighbourhood of a city ("Otay Mesa" of San Diego), from ``neighbourhoods.csv``."""

    name: str
    city: str
    state: str
    lat: float
    lon: float

"""The catalog row being built, and how two rows of one site become one."""

from __future__ import annotations

from dataclasses import dataclass, field

from matcher.geocoding.build_facilities.places import Coordinates, Places
from matcher.geocoding.build_facilities.text import norm_name

__all__ = ["GEONAMES_SOURCES", "Row"]

#: Source ids of the GeoNames coordinates, by ``coord_source``.
GEONAMES_SOURCES = {
    "zip_centroid": "geonames_zip_centroids",
    "city_zip_centroid": "geonames_zip_centroids",
    "city_centroid": "geonames_cities",
}


@dataclass(slots=True)
class Row:
    """One facility, office or operator seat of the catalog (columns of ``facilities.csv``)."""

    name: str
    type: str
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    operator: str = ""
    aliases: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    coord_source: str = ""
    field_office: str = ""
    field_office_code: str = ""
    in_current_ice_list: bool = False
    sources: set[str] = field(default_factory=set)
    #: ICE's own spellings of the name (raw), for matching curated facts to the row.
    listed_names: list[str] = field(default_factory=list)
    ice_type: str = ""
    id: str = ""

    def name_keys(self) -> set[str]:
        """The normalised names a curated fact may use for this row."""
        return {norm_name(n) for n in (self.name, *self.listed_names)}

    def add_alias(self, alias: str) -> bool:
        """Add ``alias`` unless the row already has that name; whether it was added."""
        alias = alias.strip()
        taken = {norm_name(n) for n in (self.name, *self.aliases)}
        if not alias or norm_name(alias) in taken:
            return False
        self.aliases.append(alias)
        return True

    def set_coordinates(self, point: Coordinates | None) -> None:
        """Place the row at ``point`` (or nowhere) and record the coordinates' source."""
        self.sources -= set(GEONAMES_SOURCES.values()) | {"hifld_prison_boundaries_2024"}
        if point is None:
            self.lat = self.lon = None
            self.coord_source = "none"
            return
        self.lat, self.lon = round(point.lat, 6), round(point.lon, 6)
        self.coord_source = point.source
        self.sources.add(GEONAMES_SOURCES.get(point.source, "hifld_prison_boundaries_2024"))

    def locate(self, places: Places) -> None:
        """Place the row at the GeoNames centroid of its ZIP code or town."""
        self.set_coordinates(places.coordinates(self.zip, self.city, self.state))

    def absorb(self, other: Row) -> None:
        """Take in ``other``, a second row of the same site: its names and sources."""
        for alias in (other.name, *other.aliases):
            self.add_alias(alias)
        self.listed_names += [n for n in other.listed_names if n not in self.listed_names]
        coordinate_sources = set(GEONAMES_SOURCES.values()) | {"hifld_prison_boundaries_2024"}
        self.sources |= other.sources - coordinate_sources
        self.in_current_ice_list = self.in_current_ice_list or other.in_current_ice_list
        if not self.operator and other.operator:
            self.operator = other.operator

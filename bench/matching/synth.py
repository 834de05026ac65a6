"""Synthetic actions that cluster like the US population, for benchmarks and scale tests.

Metros are drawn by population with a spread growing with their size, plus rural scatter
around them and a few remote places (Alaska, Hawaii, Puerto Rico). Target types follow the
call's mix; target texts come from the packaged entity aliases (facilities, operators,
contractors, banks, agencies) and local templates, with spelling variants (typos, case,
punctuation). Consents are random, a few organizers reuse one email for several actions, and
organizations come from per-metro and national pools.

    from bench.matching.synth import generate
    rows = generate(100_000, seed=1)
"""

from __future__ import annotations

import datetime

import numpy as np

from matcher.geocoding.facilities import default_facilities
from matcher.matching import ActionRow, load_entities

# name, state, lat, lon, population (millions, metro area)
METROS = [
    ("New York", "NY", 40.7128, -74.0060, 19.8),
    ("Los Angeles", "CA", 34.0522, -118.2437, 13.2),
    ("Chicago", "IL", 41.8781, -87.6298, 9.5),
    ("Dallas", "TX", 32.7767, -96.7970, 7.6),
    ("Houston", "TX", 29.7604, -95.3698, 7.1),
    ("Washington", "DC", 38.9072, -77.0369, 6.3),
    ("Philadelphia", "PA", 39.9526, -75.1652, 6.2),
    ("Miami", "FL", 25.7617, -80.1918, 6.1),
    ("Atlanta", "GA", 33.7490, -84.3880, 6.1),
    ("Boston", "MA", 42.3601, -71.0589, 4.9),
    ("Phoenix", "AZ", 33.4484, -112.0740, 4.9),
    ("San Francisco", "CA", 37.7749, -122.4194, 4.7),
    ("Riverside", "CA", 33.9806, -117.3755, 4.6),
    ("Detroit", "MI", 42.3314, -83.0458, 4.4),
    ("Seattle", "WA", 47.6062, -122.3321, 4.0),
    ("Minneapolis", "MN", 44.9778, -93.2650, 3.7),
    ("San Diego", "CA", 32.7157, -117.1611, 3.3),
    ("Tampa", "FL", 27.9506, -82.4572, 3.2),
    ("Denver", "CO", 39.7392, -104.9903, 3.0),
    ("St. Louis", "MO", 38.6270, -90.1994, 2.8),
    ("Baltimore", "MD", 39.2904, -76.6122, 2.8),
    ("Orlando", "FL", 28.5383, -81.3792, 2.7),
    ("Charlotte", "NC", 35.2271, -80.8431, 2.7),
    ("San Antonio", "TX", 29.4241, -98.4936, 2.6),
    ("Portland", "OR", 45.5152, -122.6784, 2.5),
    ("Sacramento", "CA", 38.5816, -121.4944, 2.4),
    ("Pittsburgh", "PA", 40.4406, -79.9959, 2.4),
    ("Austin", "TX", 30.2672, -97.7431, 2.3),
    ("Las Vegas", "NV", 36.1699, -115.1398, 2.3),
    ("Cincinnati", "OH", 39.1031, -84.5120, 2.3),
    ("Kansas City", "MO", 39.0997, -94.5786, 2.2),
    ("Columbus", "OH", 39.9612, -82.9988, 2.1),
    ("Indianapolis", "IN", 39.7684, -86.1581, 2.1),
    ("Cleveland", "OH", 41.4993, -81.6944, 2.1),
    ("San Jose", "CA", 37.3382, -121.8863, 2.0),
    ("Nashville", "TN", 36.1627, -86.7816, 2.0),
    ("Virginia Beach", "VA", 36.8529, -75.9780, 1.8),
    ("Providence", "RI", 41.8240, -71.4128, 1.7),
    ("Milwaukee", "WI", 43.0389, -87.9065, 1.6),
    ("Jacksonville", "FL", 30.3322, -81.6557, 1.6),
    ("Oklahoma City", "OK", 35.4676, -97.5164, 1.4),
    ("Raleigh", "NC", 35.7796, -78.6382, 1.4),
    ("Memphis", "TN", 35.1495, -90.0490, 1.3),
    ("Richmond", "VA", 37.5407, -77.4360, 1.3),
    ("New Orleans", "LA", 29.9511, -90.0715, 1.3),
    ("Louisville", "KY", 38.2527, -85.7585, 1.3),
    ("Salt Lake City", "UT", 40.7608, -111.8910, 1.2),
    ("Hartford", "CT", 41.7658, -72.6734, 1.2),
    ("Buffalo", "NY", 42.8864, -78.8784, 1.1),
    ("Birmingham", "AL", 33.5186, -86.8104, 1.1),
    ("Rochester", "NY", 43.1566, -77.6088, 1.1),
    ("Tucson", "AZ", 32.2226, -110.9747, 1.0),
    ("Fresno", "CA", 36.7378, -119.7871, 1.0),
    ("Tulsa", "OK", 36.1540, -95.9928, 1.0),
    ("Albuquerque", "NM", 35.0844, -106.6504, 0.9),
    ("El Paso", "TX", 31.7619, -106.4850, 0.9),
    ("Omaha", "NE", 41.2565, -95.9345, 0.95),
    ("Bakersfield", "CA", 35.3733, -119.0187, 0.9),
    ("Syracuse", "NY", 43.0481, -76.1474, 0.65),
    ("Burlington", "VT", 44.4759, -73.2121, 0.22),
    ("Lincoln", "NE", 40.8136, -96.7026, 0.34),
    ("Boise", "ID", 43.6150, -116.2023, 0.75),
    ("McAllen", "TX", 26.2034, -98.2300, 0.87),
    ("Des Moines", "IA", 41.5868, -93.6250, 0.7),
    ("Anchorage", "AK", 61.2181, -149.9003, 0.4),
    ("Honolulu", "HI", 21.3069, -157.8583, 1.0),
    ("San Juan", "PR", 18.4655, -66.1057, 2.0),
]
SURNAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "McConnell",
    "Graham",
    "Cruz",
    "Cornyn",
    "Rubio",
    "Scalise",
    "Jordan",
    "Gaetz",
    "Stefanik",
    "Cotton",
    "Hawley",
    "Fischer",
    "Grassley",
    "Ernst",
    "Tillis",
    "Kennedy",
]
NATIONAL_ORGS = [
    "Movimiento Cosecha",
    "Mijente",
    "RAICES",
    "Never Again Action",
    "Sunrise Movement",
    "Jewish Voice for Peace",
    "Indivisible",
    "Democratic Socialists of America",
    "ACLU",
    "Party for Socialism and Liberation",
    "SURJ",
    "Women's March",
    "CAIR",
    "The Red Nation",
]
LOCAL_ORG_TEMPLATES = [
    "{m} DSA",
    "{m} Democratic Socialists of America",
    "Never Again Action {m}",
    "{m} Coalition to Close the Camps",
    "Indivisible {m}",
    "{m} Immigrant Rights Coalition",
    "{m} Sanctuary Network",
    "{m} Rapid Response Network",
    "{m} Tenants Union",
    "{m} Interfaith Alliance",
    "{m} Workers Center",
    "Close the Camps {m}",
]
TYPES = [
    "detention_center",
    "federal_agency",
    "corporate_profiteer",
    "local_government",
    "political_figure",
    "other",
]
TYPE_P = [0.30, 0.22, 0.20, 0.15, 0.08, 0.05]


def _entity_pools() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"facility": [], "corporate": []}
    for entity in load_entities():
        names = [entity.name, *entity.aliases]
        if entity.kind == "facility":
            pools["facility"] += names
        elif entity.kind in {"operator", "contractor", "bank", "investor"}:
            pools["corporate"] += names
    if not pools["facility"]:  # facilities moved to the facility catalog (issue 13)
        catalog = default_facilities()
        # the names a detention-center target may give: not an operator's seat, nor one of
        # EOIR's immigration courts (federal-agency targets write "<metro> Immigration Court")
        pools["facility"] = sorted(
            f.name
            for f in catalog.by_id.values()
            if f.kind not in ("operator_hq", "immigration_court")
        )
    return pools


def _typo(text: str, rng: np.random.Generator) -> str:
    if len(text) < 4:
        return text
    i = int(rng.integers(1, len(text) - 1))
    op = int(rng.integers(0, 4))
    if op == 0:
        return text[:i] + text[i + 1 :]
    if op == 1:
        return text[:i] + text[i] + text[i:]
    if op == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text.lower() if rng.random() < 0.5 else text.upper()


def _target(ttype: str, metro: str, state: str, rng: np.random.Generator, pools: dict) -> str:
    r = rng.random()
    if ttype == "detention_center":
        if r < 0.65:
            return str(rng.choice(pools["facility"]))
        return f"{metro} County Jail" if r < 0.85 else f"{metro} detention center"
    if ttype == "federal_agency":
        options = [
            f"ICE {metro} field office",
            f"ICE ERO {metro}",
            f"{metro} Immigration Court",
            f"CBP {metro}",
            "ICE",
            "Border Patrol",
            f"{metro} federal building (ICE)",
            "Department of Homeland Security",
            "USCIS " + metro,
        ]
        return options[int(rng.integers(0, len(options)))]
    if ttype == "corporate_profiteer":
        name = str(rng.choice(pools["corporate"]))
        return name if r < 0.7 else f"{name} {metro} office"
    if ttype == "local_government":
        options = [
            f"{metro} City Hall",
            f"{metro} County Sheriff",
            f"{metro} Police Department",
            f"Mayor of {metro}",
            f"{metro} County Board",
            f"{state} Governor's office",
        ]
        return options[int(rng.integers(0, len(options)))]
    if ttype == "political_figure":
        name = str(rng.choice(SURNAMES))
        return f"Office of Senator {name}" if r < 0.5 else f"Rep. {name} district office"
    return "" if r < 0.6 else f"{metro} community rally"


def generate(n: int, *, seed: int = 0, year: int = 2026) -> list[ActionRow]:
    """n synthetic actions with ids 1..n (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    pools = _entity_pools()
    pop = np.array([m[4] for m in METROS])
    metro = rng.choice(len(METROS), size=n, p=pop / pop.sum())
    rural = rng.random(n) < 0.15
    sigma_km = np.where(rural, 120.0, 6.0 + 5.0 * np.sqrt(pop[metro]))
    lat0 = np.array([m[2] for m in METROS])[metro]
    lon0 = np.array([m[3] for m in METROS])[metro]
    dlat = rng.normal(0, 1, n) * sigma_km / 111.0
    dlon = rng.normal(0, 1, n) * sigma_km / (111.0 * np.cos(np.radians(lat0)))
    lat, lon = lat0 + dlat, lon0 + dlon
    missing = rng.random(n) < 0.01
    types = rng.choice(len(TYPES), size=n, p=TYPE_P)
    start = datetime.date(year, 10, 8).toordinal()
    day = start + rng.integers(0, 10, n)
    intro_region = rng.random(n) < 0.6
    intro_target = rng.random(n) < 0.6
    published = rng.random(n) < 0.97
    shared_email = rng.random(n) < 0.05
    n_orgs = rng.integers(1, 5, n)
    rows: list[ActionRow] = []
    for k in range(n):
        name, state = METROS[metro[k]][0], METROS[metro[k]][1]
        ttype = TYPES[types[k]]
        target = _target(ttype, name, state, rng, pools) if rng.random() > 0.08 else ""
        if target and rng.random() < 0.15:
            target = _typo(target, rng)
        orgs = []
        for _ in range(int(n_orgs[k])):
            if rng.random() < 0.3:
                orgs.append(str(rng.choice(NATIONAL_ORGS)))
            else:
                template = LOCAL_ORG_TEMPLATES[int(rng.integers(0, len(LOCAL_ORG_TEMPLATES)))]
                orgs.append(template.format(m=name))
        email = (
            f"organizer{int(rng.integers(0, 50))}@{name.lower().replace(' ', '')}.example.org"
            if shared_email[k]
            else f"action{k + 1}@example.org"
        )
        rows.append(
            ActionRow(
                id=k + 1,
                latitude=None if missing[k] else float(lat[k]),
                longitude=None if missing[k] else float(lon[k]),
                date=datetime.date.fromordinal(int(day[k])),
                target_type=ttype,
                target=target,
                organizations=tuple(dict.fromkeys(orgs)),
                contact_email=email.upper() if rng.random() < 0.02 else email,
                intro_region=bool(intro_region[k]),
                intro_target=bool(intro_target[k]),
                published=bool(published[k]),
                title=f"Action {k + 1}",
                place=f"{name}, {state}",
            )
        )
    return rows

"""Alias resolution measured on the seed's own list of organizations: the demo actions
(matcher/demo/actions.csv, from the call to action) and the call's endorsers
(../shared/seed/call-to-action.txt, copied below), with the groups written down by hand.

Every spelling in a group must resolve to one entry, and no two groups may share one.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from matcher.formats.organization_names import group_names, name_keys, same_organization

DEMO = Path(__file__).resolve().parents[2] / "matcher" / "demo" / "actions.csv"

# "Endorsed by" in the call to action (the national endorsers).
ENDORSERS = [
    "American Federation of Teachers Guild (Local 1931)",
    "Coalition to Close the Concentration Camps",
    "Democratic Socialists of America",
    "The Red Nation",
    "United Teachers Los Angeles",
]
# Spellings organizers also write for organizations of the seed (the issue names the first two).
VARIANTS = [
    "DSA Los Angeles",
    "Democratic Socialists of America - Los Angeles",
    "Los Angeles DSA",
    "Union del Barrio",
    "UNIÓN DEL BARRIO",
    "Jewish Voice for Peace",
    "Party for Socialism and Liberation",
    "Minnesota Immigrant Rights Action Committee",
    "SIRAG",
    "Clergy and Laity United for Economic Justice",
    "CTUL",
    "UAW 2865",
    "Coalition to Close the Concentration Camps San Antonio",
    "Red Nation",
    "Black Lives Matter LA",
    "Community Cave Chicago",
]
# Names that look alike but are other organizations: each must stay its own entry.
LOOKALIKES = [
    "DSA San Diego",
    "San Diego DSA",
    "Never Again Action: NY",
    "Mutual Aid and Defense Maine",
]

# The groups, by hand: each list is one organization. Every other name is its own group.
GROUPS = [
    [
        "DSA-LA",
        "DSA Los Angeles",
        "Democratic Socialists of America - Los Angeles",
        "Los Angeles DSA",
    ],
    ["MIRAC", "Minnesota Immigrant Rights Action Committee (MIRAC)"],
    ["Minnesota Immigrant Rights Action Committee", "MIRAC"],
    ["Twin Cities DSA", "Twin Cities Democratic Socialists of America"],
    ["North NJ Democratic Socialists of America", "NNJ DSA"],
    ["DSA", "Democratic Socialists of America"],
    ["PSL", "Party of Socialism and Liberation", "Party for Socialism and Liberation"],
    ["AFT 1931", "American Federation of Teachers Guild (Local 1931)"],
    [
        "San Antonio Coalition to Close the Concentration Camps",
        "Coalition to Close the Concentration Camps – San Antonio",
        "Coalition to Close the Concentration Camps San Antonio",
    ],
    ["The Red Nation", "Red Nation"],
    ["Unión del Barrio", "Union del Barrio", "UNIÓN DEL BARRIO"],
    ["Jewish Voices for Peace", "Jewish Voice for Peace"],
    ["Seattle Immigrant Rights Action Group (SIRAG)", "SIRAG"],
    [
        "Clergy & Laity United for Economic Justice (CLUE)",
        "Clergy and Laity United for Economic Justice",
    ],
    ["Centro de Trabajadores Unidos en la Lucha (CTUL)", "CTUL"],
    ["University of California Student-Worker Union (UAW 2865)", "UAW 2865"],
    ["Black Live Matter – LA", "Black Lives Matter LA"],
    ["CommunityCave Chicago", "Community Cave Chicago"],
    ["DSA San Diego", "San Diego DSA"],
]


def seed_names() -> list[str]:
    """Every organization name of the demo actions, in file order, then the endorsers."""
    with DEMO.open(encoding="utf-8") as handle:
        names = [
            name.strip()
            for row in csv.DictReader(handle)
            for name in row["organizations"].split(";")
            if name.strip()
        ]
    return [*names, *ENDORSERS]


def _expected() -> dict[str, int]:
    """Each name's group number, merging the hand-written groups that share a name."""
    names = [*seed_names(), *VARIANTS, *LOOKALIKES]
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for group in GROUPS:
        for name in group[1:]:
            parent[root(name)] = root(group[0])
    roots = sorted({root(name) for name in names})
    return {name: roots.index(root(name)) for name in names}


def test_every_hand_written_name_is_in_the_seed_or_the_variants():
    known = set(seed_names()) | set(VARIANTS) | set(LOOKALIKES)
    assert [name for group in GROUPS for name in group if name not in known] == []


def test_the_seed_resolves_to_exactly_the_hand_written_groups():
    names = [*seed_names(), *VARIANTS, *LOOKALIKES]
    expected = _expected()
    found = group_names(names)
    # every spelling of one organization resolves to one entry
    for group in GROUPS:
        assert len({found[name] for name in group}) == 1, group
    # and no two organizations merge: the entries are the groups, one to one
    pairs = {(expected[name], found[name]) for name in names}
    merged = [e for e in {f for _, f in pairs} if len({x for x, f in pairs if f == e}) > 1]
    split = [x for x in {x for x, _ in pairs} if len({f for y, f in pairs if y == x}) > 1]
    assert merged == [] and split == []
    assert len(set(found.values())) == len(set(expected.values()))


def test_the_seed_has_the_organizations_the_issue_counts():
    # 150+ organizations across the 27 demo actions (several in more than one action)
    assert len(set(group_names(seed_names()).values())) >= 150


def test_the_order_of_reading_does_not_change_the_groups():
    names = [*seed_names(), *VARIANTS, *LOOKALIKES]
    forward, backward = group_names(names), group_names(list(reversed(names)))
    for a in names:
        for b in names:
            assert (forward[a] == forward[b]) == (backward[a] == backward[b]), (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Seattle Democratic Socialists of America", "Chicago Democratic Socialists of America"),
        ("Mutual Aid and Defense NEK (MADNEK)", "Mutual Aid and Defense Vermont (MADVT)"),
        ("Women’s March MN", "Women’s March Vermont"),
        ("Extinction Rebellion", "Extinction Rebellion Atlanta"),
        ("Never Again Action", "Never Again Action: CT"),
        ("Indivisible NY24", "Indivisible NY25"),
        ("No Cages MN", "No Cages Coalition"),
        ("Showing Up for Racial Justice", "Standing Up for Racial Justice (SURJ) MN"),
        ("Movimiento Cosecha New Jersey", "Cosecha"),
        ("Al Otro Lado", "Alabama Otro Lado"),
    ],
)
def test_different_organizations_stay_apart(a, b):
    assert len(set(group_names([a, b]).values())) == 2


def test_keys_fold_accents_case_abbreviations_and_word_order():
    assert name_keys("DSA-LA").canonical == name_keys("Los Angeles DSA").canonical
    assert name_keys("Minnesota Immigrant Rights Action Committee (MIRAC)").acronym == "mirac"
    assert name_keys("Standing Up for Racial Justice (SURJ) MN").acronym == "minnesota surj"
    assert name_keys("SoCal American Indian Movement (AIM)").acronym == "aim socal"
    assert same_organization("jewish peace voice", "jewish peace voices")
    assert not same_organization("1931 aft", "1932 aft")

"""The cheap tests and kept work of the reading (speed, not answers): each must give exactly
what the slower test or scan it stands for gives."""

from __future__ import annotations

import random
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from matcher.geocoding import get_gazetteer
from matcher.geocoding.addresses import _NUMBER, looks_like_address
from matcher.geocoding.fuzzy_index import _COUNTED_WINDOW, FuzzyIndex
from matcher.geocoding.nearby_towns import REFERENCE_WORDS, may_refer
from matcher.geocoding.normalize import _NON_KEY, key_of_folded
from matcher.geocoding.phrases import _IN, _WHERE_IN, after_last_in, place_candidates
from matcher.geocoding.states import _WORD, _words_of
from matcher.geocoding.venue_names import INTERSECTION_HINTS, _may_give_an_intersection

_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " ,/-#()'.éñ\t", max_size=40)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_words_are_those_of_the_pattern(text: str) -> None:
    assert _words_of(text) == _WORD.findall(text)
    assert _words_of(text.lower()) == _WORD.findall(text.lower())


@given(st.text(alphabet="abcdefghijklmnoprstuvwyz ,-0123456789", max_size=40))
@settings(max_examples=300, deadline=None)
def test_hints_are_the_patterns_words(text: str) -> None:
    reference = re.compile("|".join(re.escape(w) for w in REFERENCE_WORDS))
    assert may_refer(text) == (reference.search(text) is not None)
    corner = re.compile("|".join(INTERSECTION_HINTS))
    assert _may_give_an_intersection(text) == (corner.search(text) is not None)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_key_words_are_those_of_the_pattern(text: str) -> None:
    words = _NON_KEY.sub(" ", text).split()
    assert key_of_folded(text).split() == [
        {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "mtn": "mountain"}.get(
            w, "point" if w == "pt" else w
        )
        for w in words
    ]


_PHRASE = st.lists(
    st.sampled_from(
        ["in", "en", "de", "del", "near", "cerca", "outside", "of", "rally", "tucson", "x,"]
    )
    | st.sampled_from([" ", "\t", "  ", "in\u00a0", "ñ"]),
    max_size=8,
).map(" ".join)


@given(_PHRASE)
@settings(max_examples=400, deadline=None)
def test_where_words_are_tested_before_the_patterns(text: str) -> None:
    matches = list(_WHERE_IN.finditer(text))
    expected = text[matches[-1].end() :].strip(" ,-/") if matches else None
    assert after_last_in(text) == expected
    ins = [text[m.end() :].strip(" ,-/") for m in _IN.finditer(text)]
    found = place_candidates(text)
    assert all(part in found for part in ins if part)


def test_hints_find_each_word() -> None:
    for word in REFERENCE_WORDS:
        assert may_refer(f"x {word} y")
    for word in INTERSECTION_HINTS:
        assert _may_give_an_intersection(f"the {word} of")
    assert not may_refer("rally in tucson") and not _may_give_an_intersection("tucson")


def test_an_address_needs_a_digit() -> None:
    assert looks_like_address("101 jefferson st, lafayette")
    assert not looks_like_address("jefferson st, lafayette")  # no house number
    assert _NUMBER.search("١٢ main st") is not None  # a digit of another script still counts
    assert looks_like_address("١٢ main st")


def _window_index(rng: random.Random) -> FuzzyIndex:
    """An index whose length windows are long enough to be counted (numpy)."""
    letters = "aeinorstlcdmh -"
    keys = [
        "".join(rng.choice(letters) for _ in range(rng.randint(7, 11))).strip() or "x"
        for _ in range(3 * _COUNTED_WINDOW)
    ]
    keys += ["aaaaaaaaa", "mississippi", "eeeeeee eee"]
    return FuzzyIndex(keys, list(range(len(keys))))


def test_within_reach_keeps_every_key_that_can_match_in_order() -> None:
    rng = random.Random(13)
    index = _window_index(rng)
    queries = [*rng.sample(index.keys, 40), "aaaaaaaaaa", "mississipi", "ssssssssss", "x" * 300]
    for query in queries:
        for cutoff in (74.0, 78.0, 85.0, 88.0):
            window_keys, window_rows = index.of_length_for(query, cutoff)
            keys, rows = index.within_reach(query, cutoff)
            assert rows == sorted(rows) and set(rows) <= set(window_rows)
            matched = {
                window_rows[position]
                for _, _, position in process.extract(
                    query, window_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
                )
            }
            assert matched <= set(rows)  # nothing rapidfuzz would keep is dropped
            assert keys == [index.keys[r] for r in rows]


def test_within_reach_is_the_letter_bound() -> None:
    """Exactly the keys whose common letters can reach the cutoff (min of the counts)."""
    rng = random.Random(7)
    index = _window_index(rng)
    for query in [*rng.sample(index.keys, 30), "aaaaaaaaaa", "sssssssss s"]:
        cutoff = 88.0
        window_keys, _ = index.of_length_for(query, cutoff)
        if len(window_keys) < _COUNTED_WINDOW:
            continue
        expected = [
            k
            for k in window_keys
            if 200.0 * sum(min(k.count(ch), query.count(ch)) for ch in set(query))
            >= (cutoff - 0.01) * (len(k) + len(query))
        ]
        assert index.within_reach(query, cutoff)[0] == expected


def test_the_homonyms_of_a_place_are_kept_per_place() -> None:
    gazetteer = get_gazetteer()
    homonyms = gazetteer.reader.homonyms
    hit = gazetteer.resolver.resolve("Portland, OR")
    assert hit is not None and hit.row is not None
    first = homonyms._namesakes(hit.row, hit.lat, hit.lon)
    assert homonyms._namesakes(hit.row, hit.lat, hit.lon) is first
    rows, rival = first
    states = {gazetteer.data.states[r] for r in rival}
    assert "ME" in states and hit.row not in rows
    assert homonyms.guess(hit, "portland", set()).ambiguous


def test_letters_are_counted_only_on_a_long_scan() -> None:
    """A window's letters are counted (numpy) on its first long scan, never before: the
    fuzzy lookup tests :meth:`FuzzyIndex.counted` to use them only once they exist."""
    index = _window_index(random.Random(3))
    query = index.keys[0]
    assert not index.counted(query, 88.0)
    index.within_reach(query, 88.0)
    assert index.counted(query, 88.0)
    short = FuzzyIndex(["austin", "boston", "dallas"], [0, 1, 2])
    short.within_reach("austn", 88.0)
    assert not short.counted("austn", 88.0)  # a short window is scanned whole

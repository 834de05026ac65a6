"""Target texts as TF-IDF vectors of character n-grams, independent of the corpus.

Generic words ("detention center", "county", "office", ...) are dropped so that two different
facilities do not look alike; what is left is hashed into character 3- and 4-grams (so spelling
variants still share most n-grams), weighted by an IDF fitted once on a fixed reference corpus
(the entity aliases), and L2-normalized. Because neither the hashing nor the IDF depends on the
rows being matched, a text has the same vector in a batch run and in an incremental index.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from matcher.matching.entities import load_entities
from matcher.matching.rows import fold

N_FEATURES = 2**20
GENERIC_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "at",
        "by",
        "de",
        "del",
        "el",
        "for",
        "from",
        "in",
        "la",
        "las",
        "los",
        "of",
        "on",
        "the",
        "to",
        "y",
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "co",
        "corp",
        "corporation",
        "company",
        "companies",
        "group",
        "headquarters",
        "hq",
        "head",
        "office",
        "offices",
        "building",
        "bldg",
        "tower",
        "branch",
        "local",
        "regional",
        "national",
        "main",
        "street",
        "st",
        "ave",
        "avenue",
        "detention",
        "detencion",
        "center",
        "centre",
        "centro",
        "facility",
        "facilities",
        "processing",
        "service",
        "services",
        "contract",
        "correctional",
        "corrections",
        "jail",
        "jails",
        "prison",
        "prisons",
        "camp",
        "camps",
        "shelter",
        "county",
        "cty",
        "city",
        "hall",
        "town",
        "village",
        "department",
        "dept",
        "police",
        "sheriff",
        "sheriffs",
        "s",
        "field",
        "federal",
        "state",
        "us",
        "u",
        "usa",
        "united",
        "states",
        "government",
        "senator",
        "sen",
        "senators",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "congressional",
        "district",
        "governor",
        "governors",
        "mayor",
        "mayors",
        "board",
        "commissioners",
        "council",
        "courthouse",
        "court",
        "immigration",
        "station",
    }
)


def vector_text(target: str) -> str:
    """The folded target without generic words (may be empty)."""
    return " ".join(w for w in fold(target).split() if w not in GENERIC_WORDS)


@cache
def _pipeline() -> tuple[HashingVectorizer, TfidfTransformer]:
    hasher = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 4),
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float64,
    )
    reference = [vector_text(a) for e in load_entities() for a in (e.name, *e.aliases)]
    tfidf = TfidfTransformer(sublinear_tf=True, norm="l2")
    tfidf.fit(hasher.transform([t for t in reference if t]))
    return hasher, tfidf


def vectorize(texts: Sequence[str]) -> sp.csr_matrix:
    """L2-normalized TF-IDF rows for already `vector_text`-ed texts (empty text -> zero row)."""
    hasher, tfidf = _pipeline()
    matrix = tfidf.transform(hasher.transform(list(texts))).tocsr()
    matrix.sort_indices()
    return matrix


def row_dots(left: sp.csr_matrix, right: sp.csr_matrix) -> np.ndarray:
    """Row-wise dot products of two CSR matrices of the same shape (cosines of L2 rows)."""
    if left.shape[0] == 0:
        return np.zeros(0)
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()

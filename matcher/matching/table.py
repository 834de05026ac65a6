"""Columnar, appendable storage of action rows: what the vectorized scoring reads.

`ActionTable` turns `ActionRow`s into NumPy columns (coordinates, unit vectors, metro codes,
consents, email codes, target groups and classes, organization memberships) and can append rows and
drop the most recent ones again, so batch and incremental paths score pairs with the same code.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import date

import numpy as np

from matcher.matching.geometry import unit_vectors
from matcher.matching.metros import default_metros
from matcher.matching.rows import ActionRow, carries_distance, normalize_email, normalize_org
from matcher.matching.targets import TYPE_CODE, TargetModel

OTHER = TYPE_CODE["other"]

ORG_SPACE = np.int64(1) << 31


class _Column:
    """A growable 1-D or 2-D NumPy array (capacity doubling)."""

    def __init__(self, dtype: type | np.dtype, width: int | None = None) -> None:
        self.width = width
        shape = (16,) if width is None else (16, width)
        self.data = np.zeros(shape, dtype=dtype)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self.data):
            cap = max(need, 2 * len(self.data))
            grown = np.zeros((cap, *self.data.shape[1:]), dtype=self.data.dtype)
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n : need] = values
        self.n = need

    def truncate(self, n: int) -> None:
        self.n = min(self.n, n)

    def view(self) -> np.ndarray:
        return self.data[: self.n]


def _splitmix(values: np.ndarray) -> np.ndarray:
    z = values.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return ((z ^ (z >> np.uint64(31))) >> np.uint64(1)).astype(np.int64)


def id_hashes(ids: Sequence[int | str]) -> np.ndarray:
    """Stable 63-bit hashes of ids (the same in every process), used to break score ties."""
    out = np.empty(len(ids), dtype=np.int64)
    is_int = np.array([type(x) is int for x in ids], dtype=bool)
    if is_int.any():
        ints = np.array([x for x in ids if type(x) is int], dtype=object)
        small = np.array([-(2**62) < x < 2**62 for x in ints], dtype=bool)
        hashed = np.zeros(len(ints), dtype=np.int64)
        hashed[small] = _splitmix(ints[small].astype(np.int64))
        hashed[~small] = [_text_hash(f"i:{x}") for x in ints[~small]]
        out[is_int] = hashed
    out[~is_int] = [_text_hash(f"s:{x}") for x, flag in zip(ids, is_int, strict=True) if not flag]
    return out


def _text_hash(text: str) -> int:
    data = text.encode()
    return (zlib.crc32(data) << 31) ^ zlib.crc32(data[::-1] + b"#")


class ActionTable:
    """Columns of all rows, positions 0..n-1 in insertion order."""

    COLUMNS = (
        ("lat", np.float64, None),
        ("lon", np.float64, None),
        ("xyz", np.float64, 3),
        ("has_xy", np.bool_, None),
        ("active", np.bool_, None),
        ("intro_region", np.bool_, None),
        ("intro_target", np.bool_, None),
        ("email", np.int64, None),
        ("ttype", np.int64, None),
        ("group", np.int64, None),
        ("cls", np.int64, None),
        ("hash", np.int64, None),
        ("org_ptr", np.int64, None),
        ("ordinal", np.int64, None),
        ("org_mask", np.int64, None),
        ("metro", np.int64, None),
    )

    def __init__(self, targets: TargetModel, today: date | None) -> None:
        self.targets = targets
        self.today = today
        self.rows: list[ActionRow] = []
        self.pos_of: dict[int | str, int] = {}
        self._cols = {name: _Column(dt, w) for name, dt, w in self.COLUMNS}
        self._org_ptr_end = 0
        self._org_codes = _Column(np.int64)
        self._org_keys = _Column(np.int64)
        self.email_code: dict[str, int] = {}
        self.org_code: dict[str, int] = {}
        self.org_label: dict[int, str] = {}
        self.org_keys: list[str] = []  # normalized name of each org code
        self._org_shown: dict[str, str] = {}  # a name as written -> as shown (spaces folded)
        self._raw_email: dict[str, int] = {}
        self._raw_org: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def col(self, name: str) -> np.ndarray:
        """A column as an array view of length n."""
        return self._cols[name].view()

    def extend(self, rows: Sequence[ActionRow]) -> None:
        """Append rows (ids must be new)."""
        start = len(self.rows)
        for offset, row in enumerate(rows):
            if row.id in self.pos_of:
                raise ValueError(f"duplicate action id {row.id!r}")
            self.pos_of[row.id] = start + offset
        self.rows.extend(rows)
        # a place coarser than a city, or a guess awaiting confirmation, carries no distance:
        # the matcher sees it as not located (no region partner, no distance in a reason)
        lat = np.array([r.latitude if carries_distance(r) else np.nan for r in rows], dtype=float)
        lon = np.array([r.longitude if carries_distance(r) else np.nan for r in rows], dtype=float)
        has_xy = np.isfinite(lat) & np.isfinite(lon)
        lat[~has_xy] = np.nan
        lon[~has_xy] = np.nan
        emails = [self._email(row.contact_email, start + k) for k, row in enumerate(rows)]
        groups, classes = self.targets.encode(
            [r.target_type for r in rows], [r.target or "" for r in rows]
        )
        ptr, codes, masks = self._orgs(rows)
        counts = np.diff(np.append(np.asarray(ptr, dtype=np.int64), self._org_ptr_end + len(codes)))
        positions = np.repeat(np.arange(start, start + len(rows), dtype=np.int64), counts)
        code_arr = np.asarray(codes, dtype=np.int64)
        self._org_codes.extend(code_arr)
        self._org_keys.extend(positions * ORG_SPACE + code_arr)
        self._org_ptr_end += len(codes)
        today = self.today
        values = {
            "lat": lat,
            "lon": lon,
            "xyz": unit_vectors(lat, lon),
            "has_xy": has_xy,
            "active": np.array(
                [bool(r.published) and (today is None or r.date >= today) for r in rows],
                dtype=bool,
            ),
            "intro_region": np.array([bool(r.intro_region) for r in rows], dtype=bool),
            "intro_target": np.array([bool(r.intro_target) for r in rows], dtype=bool),
            "email": np.asarray(emails, dtype=np.int64),
            "ttype": np.array([TYPE_CODE.get(r.target_type, OTHER) for r in rows], dtype=np.int64),
            "group": groups,
            "cls": classes,
            "hash": id_hashes([r.id for r in rows]),
            "org_ptr": np.asarray(ptr, dtype=np.int64),
            "ordinal": np.array([r.date.toordinal() for r in rows], dtype=np.int64),
            "org_mask": np.asarray(masks, dtype=np.int64),
            "metro": default_metros().assign(lat, lon),
        }
        for name, column in self._cols.items():
            column.extend(values[name])

    def _email(self, email: str, pos: int) -> int:
        code = self._raw_email.get(email)
        if code is None:
            key = normalize_email(email)
            code = self.email_code.setdefault(key, len(self.email_code)) if key else -1
            self._raw_email[email] = code
        return code if code >= 0 else -pos - 1  # no email: equal to no other row's

    def _orgs(self, rows: Sequence[ActionRow]) -> tuple[list[int], list[int], list[int]]:
        """CSR pointers, sorted org codes per row and a 63-bit signature per row."""
        ptr, codes, masks = [], [], []
        raw = self._raw_org
        # rows often list the same organizations: their codes and signature once per list
        # (in this call only; a later list's names get their codes as before, in order)
        seen: dict[tuple[str, ...], tuple[list[int], int]] = {}
        for row in rows:
            ptr.append(self._org_ptr_end + len(codes))
            names = row.organizations
            if type(names) is not tuple:
                names = tuple(names)  # a list given in place of the tuple
            known = seen.get(names)
            if known is not None:
                codes.extend(known[0])
                masks.append(known[1])
                continue
            mine = []
            for name in names:
                code = raw.get(name)
                if code is None:
                    key = normalize_org(name)
                    code = self.org_code.setdefault(key, len(self.org_code)) if key else -1
                    if code == len(self.org_keys):
                        self.org_keys.append(key)
                    if code >= 0:
                        self.org_label.setdefault(code, " ".join(name.split()))
                    raw[name] = code
                if code >= 0:
                    mine.append(code)
            if len(mine) > 1:
                mine = sorted(set(mine))
            codes.extend(mine)
            mask = 0
            for code in mine:
                mask |= 1 << (code * 40503 % 63)
            masks.append(mask)
            seen[names] = (mine, mask)
        return ptr, codes, masks

    def truncate(self, n: int) -> None:
        """Drop every row at position >= n (undo of a temporary `extend`)."""
        if n >= len(self.rows):
            return
        new_end = int(self.col("org_ptr")[n])
        for row in self.rows[n:]:
            del self.pos_of[row.id]
        del self.rows[n:]
        for column in self._cols.values():
            column.truncate(n)
        self._org_ptr_end = new_end
        self._org_codes.truncate(new_end)
        self._org_keys.truncate(new_end)

    def org_lists(self, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(owner index into `pos`, org code) for every organization of the given rows."""
        ptr = self.col("org_ptr")
        starts = ptr[pos]
        nxt = pos + 1
        ends = np.where(nxt < len(ptr), ptr[np.minimum(nxt, len(ptr) - 1)], self._org_ptr_end)
        counts = ends - starts
        owner = np.repeat(np.arange(len(pos)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return owner, self._org_codes.view()[np.repeat(starts, counts) + offsets]

    def shared_org_counts(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        """Number of organizations (normalized names) both rows of each pair list."""
        mask = self.col("org_mask")
        result = np.zeros(len(ii), dtype=np.int64)
        maybe = np.flatnonzero((mask[ii] & mask[jj]) != 0)  # a 63-bit signature prefilter
        if maybe.size:
            result[maybe] = self._count_shared(ii[maybe], jj[maybe])
        return result

    def _count_shared(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        owner, codes = self.org_lists(ii)
        if codes.size == 0:
            return np.zeros(len(ii), dtype=np.int64)
        keys = self._org_keys.view()
        probe = jj[owner] * ORG_SPACE + codes
        at = np.minimum(np.searchsorted(keys, probe), len(keys) - 1)
        return np.bincount(owner, weights=keys[at] == probe, minlength=len(ii)).astype(np.int64)

    def shared_org_names(self, i: int, j: int) -> list[str]:
        """Display names (as the first row wrote them) of the organizations two rows share."""
        raw = self._raw_org  # every name of a row in the table has its code here
        mine = {}
        for name in self.rows[i].organizations:
            code = raw[name]
            if code >= 0:
                mine[code] = name
        if not mine:
            return []
        common = mine.keys() & {raw[name] for name in self.rows[j].organizations}
        if not common:
            return []
        shown = self._org_shown
        out = []
        for code in sorted(common, key=self.org_keys.__getitem__):
            name = mine[code]
            text = shown.get(name)
            if text is None:
                text = shown[name] = " ".join(name.split())
            out.append(text)
        return out

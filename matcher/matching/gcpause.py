"""Pausing Python's cyclic garbage collector while many small objects are built.

Building hundreds of thousands of suggestions (or table rows' entries) makes the collector run
over every live object again and again: it is triggered by the number of new containers, not
by cycles, and none of these objects form cycles. Pausing it there changes no result.

When the pause ends, the objects built during it would all still be in the youngest
generation: the next collection (at the first allocation after it) would walk every one of
them, and the next middle-generation one again (at 1M actions, a second or more per walk for
the 2.4M suggestions). They are moved to the oldest generation instead (`gc.freeze` then
`gc.unfreeze`, two list splices), where a full collection still looks at them as it would
have; skipped when the program keeps frozen objects of its own (`gc.get_freeze_count()`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off (as it was before, afterwards); the
    objects it built join the oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()

"""Pausing Python's cyclic garbage collector while many small objects are built.

Building hundreds of thousands of suggestions (or table rows' entries) makes the collector run
over every live object again and again: it is triggered by the number of new containers, not
by cycles, and none of these objects form cycles. Pausing it there changes no result.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off (as it was before, afterwards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""Garbage collection paced for a build.

A build allocates millions of small containers (parsed trees, patched copies, findings) that
live until it ends. With CPython's default threshold (a collection of the youngest generation
every 700 net allocations) the collector walks them some 500 times at 1,000 HelmReleases,
about a tenth of a ``check``. During a build it runs less often, not never: reference cycles
are still freed, a little later. The caller's setting comes back afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

BUILD_THRESHOLD = 10_000


@contextlib.contextmanager
def paced() -> Iterator[None]:
    before = gc.get_threshold()
    if 0 < before[0] < BUILD_THRESHOLD:  # 0: the caller turned collection off
        gc.set_threshold(BUILD_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)

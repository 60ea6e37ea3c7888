"""The garbage collector's full passes between ``mkdocs serve`` rebuilds, not during them.

After the first build of a large site the process holds millions of long-lived objects (the
catalog, the page memo, MkDocs' pages). An edit's rebuild allocates enough that CPython then
collects its oldest generation in one rebuild out of two, walking all of them (0.2-0.6 s at
1,000 components). :class:`IdleCollector` runs that pass a moment after each build instead
(at its end after the first one), while ``serve`` waits for the next edit, and freezes what
survives (``gc.freeze``): the passes during the next rebuild walk only what was allocated
since. The next pause unfreezes and collects everything again, so garbage is kept at most
until then, never for the session.
"""

from __future__ import annotations

import gc
import threading

IDLE_SECONDS = 1.0  # after a build: the browser's reload is served first


class IdleCollector:
    """Collects and freezes the heap ``delay`` seconds after each :meth:`schedule`."""

    def __init__(self, delay: float = IDLE_SECONDS) -> None:
        self._delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.passes = 0  # collections run so far (for tests)

    def schedule(self) -> None:
        """Collect after ``delay`` (a build just ended); a pending pass is put off. After the
        first build, at once: its heap is by far the largest, the pass costs little beside
        that build, and the first edit may come before a pause."""
        if self.passes == 0:
            self.collect()
            return
        with self._lock:
            self._cancel()
            self._timer = threading.Timer(self._delay, self.collect)
            self._timer.daemon = True
            self._timer.start()

    def postpone(self) -> None:
        """A build starts: no pass during it (the next :meth:`schedule` makes one)."""
        with self._lock:
            self._cancel()

    def collect(self) -> None:
        """Unfreeze, collect every generation, freeze the survivors."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.passes += 1

    def close(self) -> None:
        """Stop: no pass pending, nothing left frozen."""
        with self._lock:
            self._cancel()
        gc.unfreeze()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

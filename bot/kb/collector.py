"""Python's cyclic garbage collector, held off while a knowledge base is read and indexed."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pauses = 0  # loads under way, in any thread
_was_enabled = True
_pauses_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a knowledge base is built.

    Building creates millions of small objects that all stay alive, and the collector, run
    every few hundred allocations, would walk them again and again: at 10,000 entries that
    was two thirds of loading from the cache. Nothing built here is garbage. Loads in several
    threads at once share one pause; the collector runs again when the last one ends.
    """
    global _pauses, _was_enabled
    with _pauses_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                # Straight into the oldest generation, where only an occasional full collection
                # looks: left young, the engine's million objects would be walked at once by the
                # first collection of the youngest generation, and again by the middle one's.
                gc.freeze()
                gc.unfreeze()
                gc.enable()

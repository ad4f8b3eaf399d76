""""Did you mean" answers remembered for a few minutes, so a repeated unaccented query is one
Solr request (ranked with the restored spelling at once) instead of two (ranked as typed,
then again with the spelling its best hits show).

Keyed by the caller's visibility scope as well as the typed words: the spelling comes from
the text of records the caller may read, so it is never offered to a caller who may not.
Only spellings are remembered; the search that uses one must confirm it (its best hits
still spell the words that way), otherwise the query is worked out afresh.
"""

from __future__ import annotations

__all__ = ["SuggestionMemory"]

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable


class SuggestionMemory:
    def __init__(self, ttl_seconds: float = 300.0, capacity: int = 4096,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_seconds
        self._capacity = capacity
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def recall(self, key: Hashable) -> str | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if self._clock() - entry[0] > self._ttl:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def remember(self, key: Hashable, spelling: str | None) -> None:
        with self._lock:
            if spelling is None:
                self._entries.pop(key, None)
                return
            self._entries[key] = (self._clock(), spelling)
            self._entries.move_to_end(key)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def forget_all(self) -> None:
        with self._lock:
            self._entries.clear()

"""Merging the portal's search index into few segments.

Each query looks every searched word up once per index segment, so a catalogue that is read
far more than written answers fastest from few segments. Bulk loads (a first harvest of a
member association, `ckan search-index rebuild`) leave many; Solr's background merging keeps
some. `ckan vusta search merge`, run nightly, merges them down (bench/search measures both).
"""

from __future__ import annotations

__all__ = ["MERGE_TIMEOUT_SECONDS", "merge_segments", "segment_count"]

from typing import Any

from ckan.lib.search.common import make_connection

# A merge rewrites the whole index: minutes for a large one, far beyond a search's timeout.
MERGE_TIMEOUT_SECONDS = 3600


def _connection(timeout: float | None = None) -> Any:
    connection = make_connection()
    if timeout:
        connection.timeout = timeout
    return connection


def segment_count() -> int:
    connection = _connection()
    response = connection.get_session().get(f"{connection.url.rstrip('/')}/admin/segments",
                                            params={"wt": "json"}, timeout=connection.timeout)
    response.raise_for_status()
    return len(response.json().get("segments", {}))


def merge_segments(max_segments: int = 1) -> tuple[int, int]:
    """Merges the index down to at most `max_segments`; (segments before, after)."""
    if max_segments < 1:
        raise ValueError("max_segments must be at least 1")
    before = segment_count()
    _connection(MERGE_TIMEOUT_SECONDS).optimize(maxSegments=max_segments, waitSearcher=True)
    return before, segment_count()

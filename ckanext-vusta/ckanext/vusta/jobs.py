"""Background jobs (RQ, queue `ckanext.vusta.jobs.queue`): slow work never runs in a request."""

from __future__ import annotations

__all__ = ["reindex_dataset"]

import logging

from ckan.lib import search

log = logging.getLogger(__name__)


def reindex_dataset(dataset_id: str) -> None:
    """Re-indexes one dataset from PostgreSQL (the source of truth) into Solr."""
    search.rebuild(dataset_id)
    log.info("re-indexed dataset %s", dataset_id)

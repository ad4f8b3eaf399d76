"""Decides which resources need extraction when a dataset changes, and queues them.

The state row is written inside the dataset's transaction; the RQ job is enqueued only after
that transaction commits, so a worker never looks for a resource that is not saved yet.
"""

from __future__ import annotations

__all__ = [
    "discard_after_rollback",
    "enqueue_after_commit",
    "enqueue_extraction",
    "note_dataset_resources",
    "resource_dict",
]

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from rq import Retry

from ckanext.vusta import config
from ckanext.vusta.fulltext import store
from ckanext.vusta.fulltext.eligibility import is_extractable, source_stamp
from ckanext.vusta.fulltext.job import extract_resource_text

PENDING_KEY = "vusta_fulltext_pending"


def resource_dict(resource: model.Resource) -> dict[str, Any]:
    return {"id": resource.id, "url": resource.url, "url_type": resource.url_type,
            "format": resource.format, "mimetype": resource.mimetype,
            "last_modified": resource.last_modified, "size": resource.size}


def note_dataset_resources(package_id: str) -> None:
    """Marks the dataset's new or changed extractable resources as queued."""
    package = model.Package.get(package_id)
    if package is None:
        return
    pending: set[str] = model.Session.info.setdefault(PENDING_KEY, set())
    for resource in package.resources:
        data = resource_dict(resource)
        if not is_extractable(data):
            continue
        stamp = source_stamp(data)
        current = store.state_of(resource.id)
        if current is not None and current.source_stamp == stamp:
            continue
        store.mark_queued(resource.id, package.id, stamp)
        pending.add(resource.id)


def enqueue_extraction(resource_id: str) -> str:
    job = tk.enqueue_job(
        extract_resource_text, [resource_id],
        title=f"vusta: extract text of resource {resource_id}", queue=config.jobs_queue(),
        rq_kwargs={"timeout": config.jobs_timeout(), "retry": Retry(max=2, interval=[60, 600])},
    )
    return str(job.id)


def enqueue_after_commit(session: Any) -> None:
    """SQLAlchemy `after_commit` listener: queue what the committed transaction noted."""
    for resource_id in sorted(session.info.pop(PENDING_KEY, set())):
        enqueue_extraction(resource_id)


def discard_after_rollback(session: Any) -> None:
    """SQLAlchemy `after_rollback` listener: nothing noted in a rolled-back transaction runs."""
    session.info.pop(PENDING_KEY, None)

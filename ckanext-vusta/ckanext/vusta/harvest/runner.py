"""Run one source here and now (CLI, tests, benchmark), or show what a run would change.

The same stages as the queue consumers run, in-process and in order, with a progress callback;
datasets are indexed without a Solr commit each and committed once at the end.
A job-level deadline stops a run that takes too long: what is left is recorded as failed, so
nothing is deleted and the watermark stays where it was.
"""

from __future__ import annotations

__all__ = ["RunSummary", "dry_run", "run_source"]

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.harvest import queue
from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestSource
from ckanext.vusta.harvest import store
from ckanext.vusta.harvest.datasets import commit_search_index
from ckanext.vusta.harvest.listing import Listing, list_source
from ckanext.vusta.harvest.messages import error_text
from ckanext.vusta.harvest.source_config import parse_source_config
from harvesters.plan import Plan, plan_changes

Progress = Callable[[int], None]


@dataclass(frozen=True)
class RunSummary:
    job_id: str
    objects: int
    counts: dict[str, int]
    listing_ok: bool
    errors: tuple[dict[str, str], ...]


def _source(ref: str) -> tuple[Any, str]:
    """The HarvestSource for a name or id, and its kind (oai, ckan, feed, manifest)."""
    package = model.Package.get(ref)
    source = HarvestSource.get(package.id) if package is not None else None
    if source is None:
        raise tk.ObjectNotFound(f"harvest source {ref!r} not found")
    if not str(source.type).startswith("vusta_"):
        raise tk.ValidationError({"source": [f"not a VUSTA source type: {source.type}"]})
    return source, str(source.type).removeprefix("vusta_")


def _site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def run_source(source_ref: str, *, progress: Progress | None = None,
               on_objects: Callable[[int], None] | None = None,
               confirm_deletions: bool = False) -> RunSummary:
    context = _site_context()
    source, kind = _source(source_ref)
    config = parse_source_config(source.config, kind)
    deadline = time.monotonic() + config.job_timeout
    job_dict = tk.get_action("harvest_job_create")(dict(context),
                                                   {"source_id": source.id, "run": False})
    job = HarvestJob.get(job_dict["id"])
    job.status = "Running"
    job.save()
    store.start_run(job.id, source.id, confirm_deletions)
    model.Session.commit()
    harvester = queue.get_harvester(source.type)
    object_ids = queue.gather_stage(harvester, job)
    if not isinstance(object_ids, list):
        object_ids = []
    if on_objects:
        on_objects(len(object_ids))
    for object_id in object_ids:
        obj = HarvestObject.get(object_id)
        if time.monotonic() > deadline:
            _expire(obj, config.job_timeout)
        else:
            queue.fetch_and_import_stages(harvester, obj)
        if progress:
            progress(1)
    commit_search_index()  # the run's records are searchable when it returns
    tk.get_action("harvest_jobs_run")(dict(context), {"source_id": source.id})
    row = store.run_row(job.id)
    counts = {name: int(getattr(row, name)) for name in store.COUNTERS}
    return RunSummary(job.id, len(object_ids), counts, bool(row.listing_ok),
                      tuple(row.errors))


def _expire(obj: Any, seconds: float) -> None:
    vi, en = error_text("job_timeout", seconds=int(seconds))
    obj.state = "ERROR"
    obj.report_status = "errored"
    obj.import_finished = datetime.datetime.utcnow()
    obj.save()
    store.add_error(obj.harvest_job_id, vi, en, obj.guid)
    store.bump(obj.harvest_job_id, "failed")
    model.Session.commit()


def dry_run(source_ref: str) -> tuple[Plan, Listing]:
    """List the source and compare with the portal; change nothing."""
    source, kind = _source(source_ref)
    config = parse_source_config(source.config, kind)
    current, withdrawn = store.hashes_for_source(source.id)
    listing = list_source(kind, source.url, config, source.id,
                          watermark=store.last_complete_start(source.id),
                          known_live=[i for i in current if i not in withdrawn],
                          known_withdrawn=withdrawn)
    plan = plan_changes(current, listing.records, complete=listing.full and listing.ok,
                        withdrawn=withdrawn, max_delete_share=config.max_delete_share)
    return plan, listing

"""The gather, fetch and import stages shared by the four source kinds.

Gather lists the source (``listing``), compares content hashes with what the portal holds
(``harvesters.plan.plan_changes``) and creates harvest objects only for records that change
something. Deletions come only from a complete, error-free listing and stay held when they
exceed the source's share. Every failure is stored as a readable Vietnamese/English message on
the run, which the harvest page shows.
"""

from __future__ import annotations

__all__ = ["fetch", "gather", "import_object", "source_owner"]

import datetime
import json
import logging
from typing import Any

from ckan import model

from ckanext.harvest.model import HarvestGatherError, HarvestObject, HarvestObjectError
from ckanext.vusta.harvest import store
from ckanext.vusta.harvest.datasets import PackageWriter
from ckanext.vusta.harvest.importer import SourceInfo, import_record
from ckanext.vusta.harvest.listing import guarded_session, list_source
from ckanext.vusta.harvest.messages import error_text
from ckanext.vusta.harvest.source_config import SourceConfigError, parse_source_config
from harvesters.errors import HarvestError
from harvesters.feeds import fetch_article
from harvesters.plan import plan_changes
from harvesters.records import Record, record_from_json, record_to_json

log = logging.getLogger(__name__)


def _gather_error(job: Any, vi: str, en: str) -> None:
    HarvestGatherError.create(message=f"{vi} | {en}", job=job)
    store.add_error(job.id, vi, en)


def gather(job: Any, kind: str) -> list[str]:
    source = job.source
    store.start_run(job.id, source.id)
    try:
        config = parse_source_config(source.config, kind)
    except SourceConfigError as error:
        _gather_error(job, error.message("vi"), error.message("en"))
        model.Session.commit()
        return []
    current, withdrawn = store.hashes_for_source(source.id)
    listing = list_source(kind, source.url, config, source.id,
                          watermark=store.last_complete_start(source.id),
                          known_live=[i for i in current if i not in withdrawn],
                          known_withdrawn=withdrawn)
    if listing.error is not None:
        _gather_error(job, listing.error.message("vi"), listing.error.message("en"))
    for row_error in listing.row_errors:
        store.add_error(job.id, row_error.message("vi"), row_error.message("en"))
    plan = plan_changes(current, listing.records, complete=listing.full and listing.ok,
                        withdrawn=withdrawn, max_delete_share=config.max_delete_share)
    confirmed = bool(store.run_row(job.id).confirm_deletions)
    deletions: tuple[str, ...] = ()
    if listing.ok and (not plan.held or confirmed):
        deletions = plan.delete
    elif plan.held and plan.hold_reason is not None and listing.ok:
        store.set_run(job.id, held_deletions=len(plan.delete))
        store.add_error(job.id, plan.hold_reason.message("vi"), plan.hold_reason.message("en"))
    latest = {r.identifier: r for r in listing.records}
    wanted = [*plan.create, *plan.update, *plan.restore]
    records = [latest[i] for i in wanted]
    records += [latest.get(i) or Record(source_id=source.id, identifier=i, deleted=True)
                for i in deletions]
    objects = [HarvestObject(guid=r.identifier, job=job, content=record_to_json(r))
               for r in records]
    objects += [HarvestObject(guid=url, job=job, content=json.dumps({"article_url": url}))
                for url in listing.article_urls]
    model.Session.add_all(objects)
    store.set_run(job.id, listing_ok=listing.ok, full_listing=listing.full,
                  unchanged=len(plan.unchanged))
    model.Session.commit()
    return [o.id for o in objects]


def _job_expired(obj: Any, config_timeout: float) -> bool:
    started = obj.job.gather_started or obj.job.created
    return bool(started) and (datetime.datetime.utcnow() - started).total_seconds() > \
        config_timeout


def _object_failed(obj: Any, stage: str, vi: str, en: str) -> bool:
    model.Session.rollback()
    HarvestObjectError.create(message=f"{vi} | {en}", object=obj, stage=stage)
    store.add_error(obj.harvest_job_id, vi, en, obj.guid)
    store.bump(obj.harvest_job_id, "failed")
    model.Session.commit()
    return False


def fetch(obj: Any, kind: str) -> bool | str:
    payload = json.loads(obj.content or "{}")
    if "article_url" not in payload:
        return True  # the listing already carried the whole record
    config = parse_source_config(obj.source.config, kind)
    try:
        with guarded_session(config) as session:
            record = fetch_article(payload["article_url"], session, obj.source.id)
    except HarvestError as error:
        return _object_failed(obj, "Fetch", error.message("vi"), error.message("en"))
    obj.guid = record.identifier
    obj.content = record_to_json(record)
    obj.save()
    return True


def import_object(obj: Any, kind: str, user: str) -> bool | str:
    source = obj.source
    config = parse_source_config(source.config, kind)
    if _job_expired(obj, config.job_timeout):
        vi, en = error_text("job_timeout", seconds=int(config.job_timeout))
        return _object_failed(obj, "Import", vi, en)
    record = record_from_json(obj.content)
    owner_org = source_owner(source.id)
    writer = PackageWriter(user, owner_org)
    try:
        result = import_record(record, SourceInfo(source.id, owner_org, config), writer)
    except HarvestError as error:
        return _object_failed(obj, "Import", error.message("vi"), error.message("en"))
    except Exception as error:  # an action refused the record: keep going with the others
        log.exception("import of %s failed", obj.guid)
        vi, en = error_text("import_failed", detail=_short(error))
        return _object_failed(obj, "Import", vi, en)
    for name in dict.fromkeys(writer.dropped):
        vi, en = error_text("field_dropped", field=name)
        store.add_error(obj.harvest_job_id, vi, en, record.identifier)
    for file_error in result.file_errors:
        store.add_error(obj.harvest_job_id, file_error.message("vi"), file_error.message("en"),
                        record.identifier)
    store.bump(obj.harvest_job_id, result.outcome)
    if result.package_id:  # saved by the caller with the object's final state
        obj.package_id = result.package_id
        obj.current = result.outcome != "withdrawn"
    return "unchanged" if result.outcome == "unchanged" else True


def source_owner(source_id: str) -> str:
    """The member association a source belongs to (the source dataset's organisation)."""
    package = model.Package.get(source_id)
    return str(package.owner_org) if package is not None and package.owner_org else ""


def _short(error: Exception) -> str:
    text = getattr(error, "error_summary", None) or str(error) or type(error).__name__
    return str(text).replace("\n", " ")[:300]

"""Reads and writes of our harvest tables, always in the caller's session transaction."""

from __future__ import annotations

__all__ = [
    "CopyRow", "add_error", "bump", "claim", "copies_of", "find_duplicate", "hashes_for_source",
    "last_complete_start", "live_copies", "row_for", "run_row", "runs_for_source", "set_run",
    "start_run", "update_copy",
]

import datetime
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from ckan import model
from sqlalchemy.dialects.postgresql import insert

from ckanext.vusta.harvest.tables import harvest_record, harvest_run

COUNTERS = ("created", "updated", "withdrawn", "restored", "linked", "unchanged", "failed",
            "held_deletions")


@dataclass(frozen=True)
class CopyRow:
    source_id: str
    identifier: str
    package_id: str
    is_primary: bool
    content_hash: str
    withdrawn: bool
    original_url: str


def _copy(row: Any) -> CopyRow:
    return CopyRow(row.source_id, row.identifier, row.package_id, row.is_primary,
                   row.content_hash, row.withdrawn, row.original_url)


def claim(values: dict[str, Any]) -> bool:
    """Insert the copy row unless (source, identifier) exists. A concurrent insert of the same
    key waits for the other transaction: True means this transaction owns the new record."""
    statement = (insert(harvest_record).values(**values)
                 .on_conflict_do_nothing(index_elements=["source_id", "identifier"])
                 .returning(harvest_record.c.package_id))
    return model.Session.execute(statement).first() is not None


def row_for(source_id: str, identifier: str, lock: bool = False) -> CopyRow | None:
    query = sa.select(harvest_record).where(harvest_record.c.source_id == source_id,
                                            harvest_record.c.identifier == identifier)
    if lock:
        query = query.with_for_update()
    row = model.Session.execute(query).first()
    return _copy(row) if row else None


def update_copy(source_id: str, identifier: str, **values: Any) -> None:
    values["updated_at"] = datetime.datetime.utcnow()
    model.Session.execute(
        sa.update(harvest_record)
        .where(harvest_record.c.source_id == source_id,
               harvest_record.c.identifier == identifier)
        .values(**values))


def find_duplicate(doi: str, keys: tuple[str, ...], source_id: str) -> str | None:
    """A dataset of another source holding the same publication: same DOI, else same key."""
    base = sa.select(harvest_record.c.package_id).where(
        harvest_record.c.source_id != source_id, harvest_record.c.is_primary.is_(True))
    if doi:
        found = model.Session.execute(base.where(harvest_record.c.doi == doi).limit(1)).first()
        if found:
            return str(found[0])
    if keys:
        clause = harvest_record.c.match_keys.overlap(sa.cast(list(keys),
                                                             harvest_record.c.match_keys.type))
        found = model.Session.execute(base.where(clause).limit(1)).first()
        if found:
            return str(found[0])
    return None


def copies_of(package_id: str) -> list[CopyRow]:
    rows = model.Session.execute(sa.select(harvest_record)
                                 .where(harvest_record.c.package_id == package_id)
                                 .order_by(harvest_record.c.is_primary.desc())).all()
    return [_copy(r) for r in rows]


def live_copies(package_id: str) -> list[CopyRow]:
    return [c for c in copies_of(package_id) if not c.withdrawn]


def hashes_for_source(source_id: str) -> tuple[dict[str, str], frozenset[str]]:
    """(identifier -> content hash, withdrawn identifiers) of one source."""
    rows = model.Session.execute(
        sa.select(harvest_record.c.identifier, harvest_record.c.content_hash,
                  harvest_record.c.withdrawn)
        .where(harvest_record.c.source_id == source_id)).all()
    return ({r[0]: r[1] for r in rows}, frozenset(r[0] for r in rows if r[2]))


def start_run(job_id: str, source_id: str, confirm_deletions: bool = False) -> None:
    statement = insert(harvest_run).values(
        job_id=job_id, source_id=source_id, started_at=datetime.datetime.utcnow(),
        listing_ok=False, full_listing=False, confirm_deletions=confirm_deletions,
        errors=[], **dict.fromkeys(COUNTERS, 0),
    ).on_conflict_do_nothing(index_elements=["job_id"])
    model.Session.execute(statement)


def run_row(job_id: str) -> Any:
    return model.Session.execute(
        sa.select(harvest_run).where(harvest_run.c.job_id == job_id)).first()


def set_run(job_id: str, **values: Any) -> None:
    model.Session.execute(sa.update(harvest_run).where(harvest_run.c.job_id == job_id)
                          .values(**values))


def bump(job_id: str, counter: str, by: int = 1) -> None:
    if counter not in COUNTERS:
        raise ValueError(counter)
    column = harvest_run.c[counter]
    model.Session.execute(sa.update(harvest_run).where(harvest_run.c.job_id == job_id)
                          .values({counter: column + by}))


def add_error(job_id: str, vi: str, en: str, identifier: str = "") -> None:
    entry = [{"identifier": identifier, "vi": vi, "en": en}]
    model.Session.execute(
        sa.update(harvest_run).where(harvest_run.c.job_id == job_id)
        .values(errors=harvest_run.c.errors.op("||")(sa.cast(entry, JSONB_TYPE))))


def runs_for_source(source_id: str, limit: int = 10) -> list[Any]:
    return list(model.Session.execute(
        sa.select(harvest_run).where(harvest_run.c.source_id == source_id)
        .order_by(harvest_run.c.started_at.desc()).limit(limit)).all())


def last_complete_start(source_id: str) -> datetime.datetime | None:
    """The watermark: start of the latest run whose listing finished without error, whose job
    finished, and in which no record failed. Partial or failed runs never move it."""
    job = sa.table("harvest_job", sa.column("id"), sa.column("status"))
    query = (sa.select(sa.func.max(harvest_run.c.started_at))
             .select_from(harvest_run.join(job, job.c.id == harvest_run.c.job_id))
             .where(harvest_run.c.source_id == source_id, harvest_run.c.listing_ok.is_(True),
                    harvest_run.c.failed == 0, job.c.status == "Finished"))
    value = model.Session.execute(query).scalar()
    return value.replace(tzinfo=datetime.timezone.utc) if value else None


JSONB_TYPE = harvest_run.c.errors.type

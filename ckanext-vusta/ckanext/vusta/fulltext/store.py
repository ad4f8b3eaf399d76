"""Reads and writes stored full text in PostgreSQL (the source of truth for the index).

All writes go through CKAN's session; callers decide when to commit.
"""

from __future__ import annotations

__all__ = [
    "PageText", "ResourceTextState", "counts_by_status", "dataset_pages", "file_text_exists",
    "mark_done", "mark_failed", "mark_processing", "mark_queued", "resource_ids_with_status",
    "save_file_text", "state_of",
]

import datetime
import statistics
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from ckan import model
from sqlalchemy.dialects.postgresql import insert

from ckanext.vusta.fulltext.tables import file_text, resource_text
from ocr_pipeline.model import DocumentResult


@dataclass(frozen=True)
class ResourceTextState:
    resource_id: str
    package_id: str
    status: str
    sha256: str | None
    error_code: str | None
    source_stamp: str | None
    attempts: int
    page_count: int | None
    ocr_pages: int | None
    mean_confidence: float | None
    updated_at: datetime.datetime


@dataclass(frozen=True)
class PageText:
    resource_id: str
    number: int
    text: str


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def state_of(resource_id: str) -> ResourceTextState | None:
    row = model.Session.execute(
        sa.select(resource_text, file_text.c.page_count, file_text.c.ocr_pages,
                  file_text.c.mean_confidence)
        .select_from(resource_text.outerjoin(file_text))
        .where(resource_text.c.resource_id == resource_id)
    ).mappings().first()
    if row is None:
        return None
    return ResourceTextState(
        row["resource_id"], row["package_id"], row["status"], row["sha256"], row["error_code"],
        row["source_stamp"], row["attempts"], row["page_count"], row["ocr_pages"],
        row["mean_confidence"], row["updated_at"],
    )


def mark_queued(resource_id: str, package_id: str, stamp: str) -> None:
    values: dict[str, Any] = {"package_id": package_id, "status": "queued", "error_code": None,
                              "error_detail": None, "source_stamp": stamp, "updated_at": _now()}
    model.Session.execute(
        insert(resource_text).values(resource_id=resource_id, attempts=0, **values)
        .on_conflict_do_update(index_elements=[resource_text.c.resource_id], set_=values)
    )


def mark_processing(resource_id: str) -> None:
    model.Session.execute(
        resource_text.update().where(resource_text.c.resource_id == resource_id)
        .values(status="processing", attempts=resource_text.c.attempts + 1, updated_at=_now())
    )


def mark_done(resource_id: str, sha256: str) -> None:
    model.Session.execute(
        resource_text.update().where(resource_text.c.resource_id == resource_id)
        .values(status="done", sha256=sha256, error_code=None, error_detail=None,
                updated_at=_now())
    )


def mark_failed(resource_id: str, code: str, detail: str) -> None:
    model.Session.execute(
        resource_text.update().where(resource_text.c.resource_id == resource_id)
        .values(status="failed", error_code=code, error_detail=detail[:2000], updated_at=_now())
    )


def file_text_exists(sha256: str) -> bool:
    return model.Session.execute(
        sa.select(file_text.c.sha256).where(file_text.c.sha256 == sha256)
    ).first() is not None


def save_file_text(result: DocumentResult) -> None:
    pages = [{"number": p.number, "text": p.text, "method": p.method,
              "confidence": p.confidence, "warnings": list(p.warnings)} for p in result.pages]
    ocr_confidences = [p.confidence for p in result.pages if p.method == "ocr"]
    model.Session.execute(
        insert(file_text).values(
            sha256=result.sha256, kind=result.kind, pages=pages, page_count=len(pages),
            ocr_pages=len(ocr_confidences),
            mean_confidence=statistics.fmean(ocr_confidences) if ocr_confidences else None,
            warnings=list(result.warnings),
        ).on_conflict_do_nothing(index_elements=[file_text.c.sha256])
    )


def dataset_pages(package_id: str) -> list[PageText]:
    """Page texts of every resource of a dataset whose extraction is done."""
    resource = model.resource_table
    rows = model.Session.execute(
        sa.select(resource_text.c.resource_id, file_text.c.pages)
        .select_from(resource_text.join(file_text).join(
            resource, resource.c.id == resource_text.c.resource_id))
        .where(resource_text.c.package_id == package_id, resource_text.c.status == "done",
               resource.c.state == "active")
        .order_by(resource.c.position)
    ).all()
    return [PageText(resource_id, int(page["number"]), str(page["text"]))
            for resource_id, pages in rows for page in pages if page.get("text")]


def counts_by_status() -> dict[str, int]:
    rows = model.Session.execute(
        sa.select(resource_text.c.status, sa.func.count()).group_by(resource_text.c.status)
    ).all()
    return {status: int(count) for status, count in rows}


def resource_ids_with_status(status: str) -> list[str]:
    return [row[0] for row in model.Session.execute(
        sa.select(resource_text.c.resource_id).where(resource_text.c.status == status)
        .order_by(resource_text.c.updated_at)
    ).all()]

"""Import one harvested record into the portal: the decision and its writes.

Unchanged content (same hash) touches nothing. A new (source, identifier) is claimed in our
table *in the same transaction* as the dataset it creates, so a second worker importing the
same record waits on the unique key and then finds it. A publication already held from another
source (same DOI, else same title + year + first author) is linked, not created twice. Deletion
withdraws (private + marked) only once no live copy remains; reappearance restores.
"""

from __future__ import annotations

__all__ = ["ImportResult", "SourceInfo", "import_record"]

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ckan import model

from ckanext.vusta.harvest import store
from ckanext.vusta.harvest.datasets import PackageWriter
from ckanext.vusta.harvest.files import FetchedFile, fetch_files
from ckanext.vusta.harvest.mapping import dataset_name, match_keys, publication_fields
from ckanext.vusta.harvest.source_config import SourceConfig
from harvesters.errors import HarvestError
from harvesters.records import Record


@dataclass(frozen=True)
class SourceInfo:
    id: str
    owner_org: str
    config: SourceConfig


@dataclass(frozen=True)
class ImportResult:
    outcome: str  # created, updated, linked, withdrawn, restored, unchanged
    package_id: str | None
    file_errors: tuple[HarvestError, ...] = field(default_factory=tuple)


def _copy_values(record: Record, package_id: str, primary: bool, content_hash: str) -> dict[str,
                                                                                            Any]:
    return {"source_id": record.source_id, "identifier": record.identifier,
            "package_id": package_id, "is_primary": primary, "content_hash": content_hash,
            "withdrawn": False, "doi": record.doi.lower(), "match_keys": list(match_keys(record)),
            "original_url": record.original_url, "raw": record.raw}


def _stored_hash(record: Record, errors: list[HarvestError]) -> str:
    # A file that failed for a passing reason is retried next run: the hash must not match.
    return "" if any(e.retryable for e in errors) else record.content_hash


class ClaimLostError(Exception):
    """Another worker created the record while this one was retrying a refused field."""


def _write_content(writer: PackageWriter, package_id: str, record: Record, source: SourceInfo,
                   files: list[FetchedFile], again: Callable[[], None] | None = None) -> None:
    """Replace the dataset's metadata with the record's; keep resources whose file is the same."""
    current = writer.show(package_id)
    by_url = {r.get("original_url"): r for r in current.get("resources", [])}
    kept = [by_url[f.url] for f in files if f.url in by_url and by_url[f.url].get("hash") ==
            f.sha256]
    new = [f for f in files if not (f.url in by_url and by_url[f.url].get("hash") == f.sha256)]
    if not files:  # nothing downloaded (or downloads off): leave existing files alone
        kept = list(current.get("resources", []))
    data = writer.package_dict(publication_fields(record, source.id), current["name"],
                               private=False, withdrawn=False)
    writer.update(package_id, writer.with_curation(current, data),
                  writer.resources(kept, new), again)


def _withdraw(record: Record, writer: PackageWriter) -> ImportResult:
    row = store.row_for(record.source_id, record.identifier, lock=True)
    if row is None or row.withdrawn:
        model.Session.commit()
        return ImportResult("unchanged", row.package_id if row else None)
    store.update_copy(record.source_id, record.identifier, withdrawn=True)
    if not store.live_copies(row.package_id):
        writer.set_visibility(row.package_id, withdrawn=True)
    model.Session.commit()
    return ImportResult("withdrawn", row.package_id)


def import_record(record: Record, source: SourceInfo, writer: PackageWriter) -> ImportResult:
    if record.deleted:
        return _withdraw(record, writer)
    known = store.row_for(record.source_id, record.identifier)
    if known and not known.withdrawn and known.content_hash == record.content_hash:
        return ImportResult("unchanged", known.package_id)
    files, errors = fetch_files(record, source.config)  # network: before any lock is held
    content_hash = _stored_hash(record, errors)
    if known is None:
        duplicate = store.find_duplicate(record.doi.lower(), match_keys(record), source.id)
        if duplicate is not None:
            if store.claim(_copy_values(record, duplicate, False, content_hash)):
                model.Session.commit()
                package = model.Package.get(duplicate)
                if package is not None and package.private:  # a live copy makes it visible
                    writer.set_visibility(duplicate, withdrawn=False)
                return ImportResult("linked", duplicate, tuple(errors))
        else:
            package_id = str(uuid.uuid4())
            values = _copy_values(record, package_id, True, content_hash)

            def claim_again() -> None:
                if not store.claim(values):
                    raise ClaimLostError

            if store.claim(values):
                data = writer.package_dict(publication_fields(record, source.id),
                                           dataset_name(record), private=False, withdrawn=False)
                try:  # commits the claim and the dataset together
                    writer.create(package_id, data, claim_again)
                except ClaimLostError:
                    model.Session.rollback()
                    return import_record(record, source, writer)
                if files:
                    _write_content(writer, package_id, record, source, files)
                return ImportResult("created", package_id, tuple(errors))
    row = store.row_for(record.source_id, record.identifier, lock=True)
    if row is None:  # the other worker's transaction rolled back: try again from the top
        model.Session.rollback()
        return import_record(record, source, writer)
    if not row.withdrawn and row.content_hash == record.content_hash:
        model.Session.commit()
        return ImportResult("unchanged", row.package_id)
    def update_row() -> None:
        store.update_copy(record.source_id, record.identifier, withdrawn=False,
                          content_hash=content_hash, doi=record.doi.lower(),
                          match_keys=list(match_keys(record)),
                          original_url=record.original_url, raw=record.raw)

    update_row()
    if row.is_primary:
        _write_content(writer, row.package_id, record, source, files, update_row)  # commits
    else:
        model.Session.commit()
    if row.withdrawn:
        package = model.Package.get(row.package_id)
        if package is not None and package.private:
            writer.set_visibility(row.package_id, withdrawn=False)
        return ImportResult("restored", row.package_id, tuple(errors))
    return ImportResult("updated", row.package_id, tuple(errors))

"""Bulk operations behind `ckan vusta fulltext ...`: progress bar, then a summary."""

from __future__ import annotations

__all__ = ["backfill", "print_status", "retry_failed"]

from collections import Counter
from collections.abc import Iterable

import click
from ckan import model

from ckanext.vusta.fulltext import queue, store
from ckanext.vusta.fulltext.eligibility import is_extractable, source_stamp
from ckanext.vusta.fulltext.job import extract_resource_text


def _active_extractable_resources() -> list[model.Resource]:
    query = (model.Session.query(model.Resource)
             .join(model.Package, model.Package.id == model.Resource.package_id)
             .filter(model.Resource.state == "active", model.Package.state == "active"))
    return [res for res in query if is_extractable(queue.resource_dict(res))]


def _run(resource_ids: Iterable[str], sync: bool, label: str) -> None:
    ids = list(resource_ids)
    with click.progressbar(ids, label=label, show_pos=True) as bar:
        for resource_id in bar:
            if sync:
                try:
                    extract_resource_text(resource_id)
                except Exception as error:  # noqa: BLE001 - a retryable failure, already recorded
                    click.echo(f"\n{resource_id}: {error}", err=True)
            else:
                queue.enqueue_extraction(resource_id)
    states = [store.state_of(rid) for rid in ids]
    outcome = Counter(state.status if state else "none" for state in states)
    click.echo(f"{len(ids)} resources {'processed' if sync else 'queued'}: "
               + ", ".join(f"{status} {count}" for status, count in sorted(outcome.items())))


def backfill(sync: bool) -> None:
    todo: list[str] = []
    for resource in _active_extractable_resources():
        state = store.state_of(resource.id)
        if state is not None and state.status == "done":
            continue
        store.mark_queued(resource.id, resource.package_id,
                          source_stamp(queue.resource_dict(resource)))
        todo.append(resource.id)
    model.Session.commit()
    _run(todo, sync, "Trích xuất văn bản / extracting text")


def retry_failed(sync: bool) -> None:
    todo = store.resource_ids_with_status("failed")
    for resource_id in todo:
        state = store.state_of(resource_id)
        if state is not None:
            store.mark_queued(resource_id, state.package_id, state.source_stamp or "")
    model.Session.commit()
    _run(todo, sync, "Thử lại / retrying")


def print_status() -> None:
    counts = store.counts_by_status()
    total = sum(counts.values())
    click.echo(f"{total} resources tracked: "
               + ", ".join(f"{status} {count}" for status, count in sorted(counts.items())))

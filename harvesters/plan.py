"""What a harvest run would change in the portal: the pure core of idempotent sync and dry-run.

Given the portal's current content hashes for a source and the incoming records, decide what to
create, update, withdraw, restore and leave alone. Deletions come only from tombstones or, for a
*complete* listing, from absence; a run that would withdraw more than a set share of the source
is held for a librarian instead of applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from harvesters.errors import HarvestError
from harvesters.records import Record

__all__ = ["Plan", "plan_changes"]


@dataclass(frozen=True)
class Plan:
    create: tuple[str, ...]
    update: tuple[str, ...]
    delete: tuple[str, ...]  # withdraw: kept, marked, hidden from search
    restore: tuple[str, ...]  # withdrawn earlier, back at the source
    unchanged: tuple[str, ...]
    held: bool = False  # True: deletions must not be applied without a librarian
    hold_reason: HarvestError | None = None

    @property
    def deletions_allowed(self) -> bool:
        return not self.held

    def summary(self) -> dict[str, int]:
        return {
            "create": len(self.create),
            "update": len(self.update),
            "delete": len(self.delete),
            "restore": len(self.restore),
            "unchanged": len(self.unchanged),
        }


def plan_changes(
    current: Mapping[str, str],
    incoming: Iterable[Record],
    *,
    complete: bool = False,
    withdrawn: frozenset[str] = frozenset(),
    max_delete_share: float = 0.2,
) -> Plan:
    """Compare ``current`` (identifier -> content hash, withdrawn ones included) with ``incoming``.

    ``complete`` says the incoming listing covers the whole source (a full, error-free run);
    only then is a record missing from it withdrawn. ``max_delete_share`` is the share of the
    source's live records above which deletions are held.
    """
    latest: dict[str, Record] = {}
    for record in incoming:
        latest[record.identifier] = record  # a record listed twice: the later copy wins
    create: list[str] = []
    update: list[str] = []
    delete: list[str] = []
    restore: list[str] = []
    unchanged: list[str] = []
    for identifier, record in latest.items():
        known = identifier in current
        if record.deleted:
            if known and identifier not in withdrawn:
                delete.append(identifier)
            continue
        if not known:
            create.append(identifier)
        elif identifier in withdrawn:
            restore.append(identifier)
        elif current[identifier] != record.content_hash:
            update.append(identifier)
        else:
            unchanged.append(identifier)
    if complete:
        delete.extend(
            identifier
            for identifier in current
            if identifier not in latest and identifier not in withdrawn
        )
    live = len([i for i in current if i not in withdrawn])
    held = bool(delete) and live > 0 and len(delete) > max_delete_share * live
    reason = (
        HarvestError("mass_deletion", count=len(delete), total=live, share=max_delete_share)
        if held
        else None
    )
    return Plan(
        create=tuple(create),
        update=tuple(update),
        delete=tuple(delete),
        restore=tuple(restore),
        unchanged=tuple(unchanged),
        held=held,
        hold_reason=reason,
    )

"""plan_changes: idempotence, tombstones, complete-listing deletions, mass-deletion guard."""

from __future__ import annotations

from harvesters.plan import plan_changes
from harvesters.records import LangText, Record


def rec(number: int, title: str = "", deleted: bool = False) -> Record:
    return Record(
        source_id="s",
        identifier=f"id-{number}",
        deleted=deleted,
        title=LangText(vi=title or f"Bài {number}"),
    )


def hashes(records: list[Record]) -> dict[str, str]:
    return {r.identifier: r.content_hash for r in records}


def test_unchanged_source_changes_nothing() -> None:
    records = [rec(n) for n in range(10)]
    plan = plan_changes(hashes(records), records, complete=True)
    assert plan.summary() == {"create": 0, "update": 0, "delete": 0, "restore": 0, "unchanged": 10}


def test_new_changed_and_tombstoned_records() -> None:
    current = hashes([rec(n) for n in range(10)])
    incoming = [rec(1, "Đã sửa"), rec(2, deleted=True), rec(3), rec(42)]
    plan = plan_changes(current, incoming)
    assert plan.create == ("id-42",)
    assert plan.update == ("id-1",)
    assert plan.delete == ("id-2",)
    assert plan.unchanged == ("id-3",)
    assert not plan.held


def test_absence_deletes_only_after_a_complete_listing() -> None:
    current = hashes([rec(n) for n in range(10)])
    partial = [rec(n) for n in range(9)]
    assert plan_changes(current, partial).delete == ()
    assert plan_changes(current, partial, complete=True).delete == ("id-9",)


def test_tombstone_for_unknown_record_is_ignored() -> None:
    assert plan_changes({}, [rec(5, deleted=True)]).delete == ()


def test_withdrawn_record_that_reappears_is_restored_not_created() -> None:
    current = hashes([rec(n) for n in range(5)])
    plan = plan_changes(current, [rec(3)], withdrawn=frozenset({"id-3"}))
    assert plan.restore == ("id-3",) and plan.create == ()
    again = plan_changes(current, [rec(3, deleted=True)], withdrawn=frozenset({"id-3"}))
    assert again.delete == ()


def test_mass_deletion_is_held_with_a_clear_reason() -> None:
    current = hashes([rec(n) for n in range(100)])
    plan = plan_changes(current, [rec(n) for n in range(50)], complete=True, max_delete_share=0.2)
    assert plan.held and not plan.deletions_allowed
    assert len(plan.delete) == 50
    assert plan.hold_reason is not None and "50/100" in plan.hold_reason.message("en")
    small = plan_changes(current, [rec(n) for n in range(85)], complete=True)
    assert not small.held and len(small.delete) == 15


def test_duplicate_incoming_identifier_uses_the_last_copy() -> None:
    current = hashes([rec(1)])
    plan = plan_changes(current, [rec(1, "Khác"), rec(1)])
    assert plan.unchanged == ("id-1",)

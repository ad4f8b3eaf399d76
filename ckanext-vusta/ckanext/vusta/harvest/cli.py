"""`ckan vusta harvest run|dry-run SOURCE`: a run with a progress bar, or its plan only."""

from __future__ import annotations

__all__ = ["harvest"]

import contextlib
from typing import Any

import click

from ckanext.vusta.harvest.messages import ui_text


@click.group()
def harvest() -> None:
    """Harvest member associations' sources (OAI-PMH, CKAN, feeds, manifests)."""


@harvest.command("run")
@click.argument("source")
@click.option("--confirm-deletions", is_flag=True,
              help="Apply deletions held by the mass-deletion guard (a librarian's decision)")
def harvest_run(source: str, confirm_deletions: bool) -> None:
    """Runs SOURCE (name or id) now, in this process."""
    from ckanext.vusta.harvest.runner import run_source

    with contextlib.ExitStack() as stack:
        bars: list[Any] = []  # opened once gather knows how many records will be imported

        def start(total: int) -> None:
            bar = click.progressbar(length=max(total, 1), label="Thu hoạch / harvest")
            bars.append(stack.enter_context(bar))

        summary = run_source(source, progress=lambda n: bars[0].update(n), on_objects=start,
                             confirm_deletions=confirm_deletions)
    counts = ", ".join(f"{ui_text(k, 'vi')}: {v}" for k, v in summary.counts.items())
    state = ui_text("complete" if summary.listing_ok else "incomplete", "vi")
    click.echo(f"{state}. {counts}")
    for error in summary.errors:
        click.echo(f"  {error.get('identifier') or '-'}: {error['vi']} | {error['en']}")


@harvest.command("dry-run")
@click.argument("source")
def harvest_dry_run(source: str) -> None:
    """Shows what a run of SOURCE would create, update and withdraw; changes nothing."""
    from ckanext.vusta.harvest.runner import dry_run

    plan, listing = dry_run(source)
    for key, ids in (("create", plan.create), ("update", plan.update),
                     ("delete", plan.delete), ("restore", plan.restore)):
        click.echo(f"{key}: {len(ids)}")
        for identifier in ids[:20]:
            click.echo(f"  {identifier}")
    click.echo(f"unchanged: {len(plan.unchanged)}")
    if plan.held and plan.hold_reason is not None:
        click.echo(f"{plan.hold_reason.message('vi')} | {plan.hold_reason.message('en')}")
    if listing.error is not None:
        click.echo(f"{listing.error.message('vi')} | {listing.error.message('en')}")

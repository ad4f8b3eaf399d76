"""`ckan vusta ...` commands."""

from __future__ import annotations

__all__ = ["vusta"]

import ckan.plugins.toolkit as tk
import click


@click.group(short_help="VUSTA portal commands")
def vusta() -> None:
    """VUSTA portal commands."""


@vusta.group()
def demo() -> None:
    """Demo content of the local stack."""


@demo.command("load")
@click.option("--user", default="admin", show_default=True, help="Sysadmin who creates it")
@click.option("--source-dir", required=True, type=click.Path(file_okay=False),
              help="Folder the demo source server serves (its files are written here)")
@click.option("--source-url", required=True, help="URL of that server, http://127.0.0.1:PORT")
def demo_load(user: str, source_dir: str, source_url: str) -> None:
    """Creates the associations and collection, harvests the publications from the bundled
    source, adds the rest (skips what exists)."""
    from pathlib import Path

    from ckanext.vusta.demo.loader import DemoLoadError, DemoSource, load_demo_content

    try:
        created = load_demo_content(user, click.echo, DemoSource(Path(source_dir), source_url))
    except DemoLoadError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"demo content ready ({created} new items) at {tk.config.get('ckan.site_url')}")


@vusta.group()
def embargo() -> None:
    """Embargoed records."""


@embargo.command("lift")
def embargo_lift() -> None:
    """Opens records whose embargo date has passed (run daily, e.g. from cron)."""
    import datetime as dt

    from ckanext.vusta.catalogue.embargo import lift_ended_embargoes

    lifted = lift_ended_embargoes(dt.date.today(), click.echo)
    click.echo(f"{lifted} embargo(es) lifted")


@vusta.group()
def search() -> None:
    """The search index."""


@search.command("merge")
@click.option("--segments", default=1, show_default=True, type=click.IntRange(min=1),
              help="Merge down to at most this many index segments")
def search_merge(segments: int) -> None:
    """Merges the search index into few segments (run nightly, e.g. from cron)."""
    from ckanext.vusta.search.index_maintenance import merge_segments

    before, after = merge_segments(segments)
    click.echo(f"search index: {before} segment(s) before, {after} after")


@vusta.group()
def fulltext() -> None:
    """Full text of PDFs and images: backfill, status, retries."""


@fulltext.command("backfill")
@click.option("--sync", is_flag=True, help="Extract here and now instead of queueing jobs")
def fulltext_backfill(sync: bool) -> None:
    """Queues (or runs) extraction for every PDF/image resource without stored text."""
    from ckanext.vusta.fulltext import maintenance

    maintenance.backfill(sync=sync)


@fulltext.command("status")
def fulltext_status() -> None:
    """Counts resources by extraction status."""
    from ckanext.vusta.fulltext import maintenance

    maintenance.print_status()


@fulltext.command("retry-failed")
@click.option("--sync", is_flag=True, help="Extract here and now instead of queueing jobs")
def fulltext_retry_failed(sync: bool) -> None:
    """Queues (or runs) extraction again for every resource whose extraction failed."""
    from ckanext.vusta.fulltext import maintenance

    maintenance.retry_failed(sync=sync)


from ckanext.vusta.harvest.cli import harvest  # noqa: E402  # its own module, registered here

vusta.add_command(harvest)

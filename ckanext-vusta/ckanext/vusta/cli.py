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
def demo_load(user: str) -> None:
    """Creates the bundled demo content (skips what exists)."""
    from ckanext.vusta.demo.loader import load_demo_content

    created = load_demo_content(user, click.echo)
    site_user = tk.config.get("ckan.site_url")
    click.echo(f"demo content ready ({created} new items) at {site_user}")

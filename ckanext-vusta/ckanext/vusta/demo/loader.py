"""Loads the bundled demo content the way a real portal gets it.

Member associations and the collection are created directly (a portal administrator's job).
The publications arrive by a real harvest: each association's spreadsheet (our manifest
template) and PDFs are built into a folder served over loopback, a `vusta_manifest` source
owned by the association and allowed to reach exactly that host:port is created, and our runner
harvests it. A librarian then files them in the collection. The research dataset and the
project are entered directly, as an association's editor would in the forms: the harvest
pipeline maps publications only (their creators, coverage, methodology, budget and outputs have
no place in a publication manifest).

Idempotent: what exists is left alone and a re-harvest of the unchanged source changes nothing.
"""

from __future__ import annotations

__all__ = ["DemoLoadError", "DemoSource", "demo_content", "load_demo_content"]

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from ckan import model
from werkzeug.datastructures import FileStorage

from ckanext.harvest.model import HarvestSource
from ckanext.vusta import config
from ckanext.vusta.demo.source import SourceFile, build_source, is_harvested
from ckanext.vusta.harvest import store
from ckanext.vusta.harvest.runner import run_source

Report = Callable[[str], None]
LINK_FIELDS = ("outputs", "related_publications")


class DemoLoadError(Exception):
    """The demo harvest did not complete; the message says what failed."""


@dataclass(frozen=True)
class DemoSource:
    """Where the bundled source is written and the URL its local server answers on."""

    folder: Path
    base_url: str

    @property
    def host_port(self) -> str:
        return urlsplit(self.base_url).netloc


def demo_content() -> dict[str, Any]:
    text = resources.files("ckanext.vusta.demo").joinpath("content.json").read_text("utf-8")
    return dict(json.loads(unicodedata.normalize("NFC", text)))


def _exists(action: str, name: str, context: dict[str, Any]) -> bool:
    try:
        tk.get_action(action)(dict(context), {"id": name})
    except tk.ObjectNotFound:
        return False
    return True


def _ensure_harvest_source(source: SourceFile, demo: DemoSource,
                           context: dict[str, Any]) -> tuple[str, bool]:
    """The association's manifest source, allowed to reach the demo server and nothing else
    on loopback; (its id, whether it was created now)."""
    wanted = {"url": source.url, "config": json.dumps({"allow_hosts": [demo.host_port]})}
    package = model.Package.get(source.name)
    current = HarvestSource.get(package.id) if package is not None else None
    if current is None:
        created = tk.get_action("harvest_source_create")(dict(context), {
            "name": source.name, "title": source.title, "source_type": "vusta_manifest",
            "owner_org": source.owner_org, "frequency": "MANUAL", **wanted})
        return str(created["id"]), True
    if (current.url, current.config) != (wanted["url"], wanted["config"]):  # the port moved
        tk.get_action("harvest_source_patch")(dict(context), {"id": current.id, **wanted})
    return str(current.id), False


def _harvest(source: SourceFile, demo: DemoSource, context: dict[str, Any],
             report: Report) -> tuple[str, int]:
    source_id, new_source = _ensure_harvest_source(source, demo, context)
    summary = run_source(source_id)
    counts = ", ".join(f"{key} {value}" for key, value in summary.counts.items() if value)
    report(f"harvested {source.name}: {counts or 'nothing to do'}")
    problems = [f"{e.get('identifier') or '-'}: {e['en']}" for e in summary.errors]
    if not summary.listing_ok or summary.counts["failed"] or problems:
        raise DemoLoadError(f"harvest of {source.url} failed: {'; '.join(problems)[:500]}")
    return source_id, int(new_source) + summary.counts["created"]


def _harvested_names(content: dict[str, Any], sources: dict[str, str]) -> dict[str, str]:
    """Demo key -> dataset name of each harvested publication (names come from the harvest)."""
    names = {}
    for record in filter(is_harvested, content["records"]):
        row = store.row_for(sources[record["fields"]["owner_org"]], record["identifier"])
        package = model.Package.get(row.package_id) if row else None
        if package is None:
            raise DemoLoadError(f"{record['identifier']} was not harvested")
        names[record["key"]] = str(package.name)
    return names


def _file_in_collections(record: dict[str, Any], name: str, context: dict[str, Any]) -> None:
    """A librarian's step: collections are curated in the portal, not sent by associations."""
    package = model.Package.get(name)
    held = {group.name for group in package.get_groups()} if package else set()
    for group in record.get("groups", []):
        if group not in held:
            tk.get_action("member_create")(dict(context), {
                "id": group, "object": name, "object_type": "package", "capacity": "public"})


def _csv_upload(record: dict[str, Any]) -> FileStorage:
    out = io.StringIO()
    csv.writer(out).writerows(record["file"]["rows"])
    return FileStorage(io.BytesIO(out.getvalue().encode("utf-8")),
                       filename=f"{record['fields']['name']}.csv", content_type="text/csv")


def _create_direct(record: dict[str, Any], names: dict[str, str],
                   context: dict[str, Any]) -> None:
    fields = dict(record["fields"])
    for key in LINK_FIELDS:  # links to harvested publications use the names they got
        if key in fields:
            fields[key] = [names.get(link, link) for link in fields[key]]
    fields["tags"] = [{"name": tag} for tag in fields.get("tags", [])]
    fields["groups"] = [{"name": group} for group in record.get("groups", [])]
    dataset = tk.get_action("package_create")(dict(context), fields)
    if record.get("file"):
        tk.get_action("resource_create")(dict(context), {
            "package_id": dataset["id"], "name": f"{fields['title']} (CSV)", "format": "CSV",
            "mimetype": "text/csv", "upload": _csv_upload(record), "url": ""})


def load_demo_content(user: str, report: Report, demo: DemoSource) -> int:
    """Creates what is missing and harvests the publications; returns how many items are new."""
    context: dict[str, Any] = {"user": user, "ignore_auth": False}
    content = demo_content()
    created = 0
    for action, items in (("organization", content["organizations"]),
                          ("group", content["groups"])):
        for item in items:
            if not _exists(f"{action}_show", item["name"], context):
                tk.get_action(f"{action}_create")(dict(context), dict(item))
                created += 1
    sources: dict[str, str] = {}
    for source in build_source(content, demo.folder, demo.base_url, config.demo_pdf_font()):
        sources[source.owner_org], new = _harvest(source, demo, context, report)
        created += new
    names = _harvested_names(content, sources)
    for record in filter(is_harvested, content["records"]):
        _file_in_collections(record, names[record["key"]], context)
    for record in content["records"]:
        if is_harvested(record) or _exists("package_show", record["fields"]["name"], context):
            continue
        _create_direct(record, names, context)
        created += 1
        report(f"created {record['fields']['name']}")
    return created

"""Loads the bundled demo content through CKAN's actions (so everything is indexed).

Idempotent: what already exists is left alone, so `make run` can run again.
"""

from __future__ import annotations

__all__ = ["load_demo_content"]

import io
import json
import unicodedata
from collections.abc import Callable
from importlib import resources
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ckanext.vusta import config
from ckanext.vusta.demo.pdf import render_pdf, render_scanned_pdf


def _content() -> dict[str, Any]:
    text = resources.files("ckanext.vusta.demo").joinpath("content.json").read_text("utf-8")
    return dict(json.loads(unicodedata.normalize("NFC", text)))


def _exists(action: str, name: str, context: dict[str, Any]) -> bool:
    try:
        tk.get_action(action)(dict(context), {"id": name})
    except tk.ObjectNotFound:
        return False
    return True


def load_demo_content(user: str, report: Callable[[str], None]) -> int:
    """Creates missing demo organisations, groups and datasets; returns how many were new."""
    context: dict[str, Any] = {"user": user, "ignore_auth": False}
    content = _content()
    created = 0
    for org in content["organizations"]:
        if not _exists("organization_show", org["name"], context):
            tk.get_action("organization_create")(dict(context), dict(org))
            created += 1
    for group in content["groups"]:
        if not _exists("group_show", group["name"], context):
            tk.get_action("group_create")(dict(context), dict(group))
            created += 1
    for record in content["datasets"]:
        if _exists("package_show", record["name"], context):
            continue
        pages = record["pages"]
        dataset = tk.get_action("package_create")(dict(context), {
            "name": record["name"], "title": record["title"], "notes": record["notes"],
            "author": record["author"], "owner_org": record["owner_org"],
            "license_id": record["license_id"],
            "tags": [{"name": tag} for tag in record["tags"]],
            "groups": [{"name": group} for group in record["groups"]],
        })
        pdf = (render_scanned_pdf(pages, config.demo_pdf_font()) if record.get("scanned")
               else render_pdf(record["title"], pages, config.demo_pdf_font()))
        upload = FileStorage(io.BytesIO(pdf), filename=f"{record['name']}.pdf",
                             content_type="application/pdf")
        tk.get_action("resource_create")(dict(context), {
            "package_id": dataset["id"], "name": f"{record['title']} (PDF)",
            "format": "PDF", "mimetype": "application/pdf", "upload": upload, "url": "",
        })
        created += 1
        report(f"created {record['name']}")
    return created

"""Loads the bundled demo content through CKAN's actions (so everything is validated by the
scheming schemas and indexed): two member associations, one collection, publications, a
research dataset and a project.

Idempotent: what already exists is left alone, so `make run` can run again.
"""

from __future__ import annotations

__all__ = ["load_demo_content"]

import csv
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


def _upload(record: dict[str, Any]) -> tuple[FileStorage, str, str] | None:
    """The record's file as an upload, with its format and mimetype."""
    spec, fields = record.get("file"), record["fields"]
    if not spec:
        return None
    if spec["kind"] == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(spec["rows"])
        data = out.getvalue().encode("utf-8")
        return (FileStorage(io.BytesIO(data), filename=f"{fields['name']}.csv",
                            content_type="text/csv"), "CSV", "text/csv")
    pdf = (render_scanned_pdf(spec["pages"], config.demo_pdf_font()) if spec.get("scanned")
           else render_pdf(fields["title"], spec["pages"], config.demo_pdf_font()))
    return (FileStorage(io.BytesIO(pdf), filename=f"{fields['name']}.pdf",
                        content_type="application/pdf"), "PDF", "application/pdf")


def _create_record(record: dict[str, Any], context: dict[str, Any]) -> None:
    fields = dict(record["fields"])
    fields["tags"] = [{"name": tag} for tag in fields.get("tags", [])]
    fields["groups"] = [{"name": group} for group in record.get("groups", [])]
    dataset = tk.get_action("package_create")(dict(context), fields)
    upload = _upload(record)
    if upload is None:
        return
    storage, file_format, mimetype = upload
    tk.get_action("resource_create")(dict(context), {
        "package_id": dataset["id"], "name": f"{fields['title']} ({file_format})",
        "format": file_format, "mimetype": mimetype, "upload": storage, "url": "",
    })


def load_demo_content(user: str, report: Callable[[str], None]) -> int:
    """Creates missing demo organisations, groups and records; returns how many were new."""
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
    for record in content["records"]:
        name = record["fields"]["name"]
        if _exists("package_show", name, context):
            continue
        _create_record(record, context)
        created += 1
        report(f"created {name}")
    return created

"""Writes harvested publications through CKAN's actions (so indexing and the full-text queue
follow), in the shape the running catalogue expects.

When the catalogue's ``publication`` schema is registered (ckanext-scheming), contract fields go
to the top level of a ``publication``; until then a plain ``dataset`` keeps them as extras under
the same names.
"""

from __future__ import annotations

__all__ = ["PackageWriter", "publication_schema_fields"]

import io
import json
from collections.abc import Iterable
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ckanext.vusta.harvest.files import FetchedFile

CORE = frozenset({"name", "title", "notes", "tags", "license_id", "owner_org", "private",
                  "type", "id"})


def publication_schema_fields() -> frozenset[str] | None:
    """Field names of the ``publication`` schema, or None while it is not registered."""
    try:
        schema = tk.get_action("scheming_dataset_schema_show")(
            {"ignore_auth": True}, {"type": "publication"})
    except (KeyError, tk.ObjectNotFound):
        return None
    return frozenset(str(f["field_name"]) for f in schema.get("dataset_fields", []))


class PackageWriter:
    """Creates and updates the datasets of one harvest run as the harvest user."""

    def __init__(self, user: str, owner_org: str) -> None:
        self.user = user
        self.owner_org = owner_org
        self.schema_fields = publication_schema_fields()

    def _context(self, **extra: Any) -> dict[str, Any]:
        return {"user": self.user, "ignore_auth": True, **extra}

    def package_dict(self, fields: dict[str, Any], name: str, *, private: bool,
                     withdrawn: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"name": name, "owner_org": self.owner_org, "private": private}
        values = dict(fields, withdrawn="true" if withdrawn else "")
        if self.schema_fields is not None:
            data["type"] = "publication"
            for key, value in values.items():
                if key in CORE or key in self.schema_fields:
                    data[key] = value
            return data
        data["type"] = "dataset"
        extras = []
        for key, value in values.items():
            if key in CORE:
                data[key] = value
            elif value:
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                extras.append({"key": key, "value": text})
        data["extras"] = extras
        return data

    @staticmethod
    def resources(kept: Iterable[dict[str, Any]], new: Iterable[FetchedFile]) -> list[Any]:
        out: list[Any] = [{"id": r["id"]} | {k: v for k, v in r.items() if k != "id"}
                          for r in kept]
        for file in new:
            upload = FileStorage(stream=io.BytesIO(file.body), filename=file.filename,
                                 content_type="application/pdf")
            out.append({"name": file.filename, "url": file.filename, "upload": upload,
                        "format": "PDF", "mimetype": "application/pdf", "hash": file.sha256,
                        "original_url": file.url, "size": len(file.body)})
        return out

    def create(self, package_id: str, data: dict[str, Any]) -> None:
        """Creates the dataset (committing the caller's transaction with it)."""
        tk.get_action("package_create")(self._context(), dict(data, id=package_id))

    def show(self, package_id: str) -> dict[str, Any]:
        return dict(tk.get_action("package_show")(self._context(for_update=True),
                                                  {"id": package_id}))

    def update(self, package_id: str, data: dict[str, Any], resources: list[Any]) -> None:
        tk.get_action("package_update")(self._context(),
                                        dict(data, id=package_id, resources=resources))

    def set_visibility(self, package_id: str, *, withdrawn: bool) -> None:
        """Withdrawn: private (hidden from search, kept for the association's editors) and
        marked; restored: public again. Other fields and resources are left as they are."""
        current = self.show(package_id)
        patch: dict[str, Any] = {"id": package_id, "private": withdrawn}
        marker = "true" if withdrawn else ""
        if self.schema_fields is not None:
            if "withdrawn" in self.schema_fields:
                patch["withdrawn"] = marker
        else:
            extras = [e for e in current.get("extras", []) if e.get("key") != "withdrawn"]
            if withdrawn:
                extras.append({"key": "withdrawn", "value": marker})
            patch["extras"] = extras
        tk.get_action("package_patch")(self._context(), patch)

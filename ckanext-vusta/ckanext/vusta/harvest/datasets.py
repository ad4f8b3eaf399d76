"""Writes harvested publications through CKAN's actions (so validation, plugins, indexing and
the full-text queue follow), in the shape the running catalogue expects.

When the catalogue's ``publication`` schema is registered (ckanext-scheming), contract fields go
to the top level of a ``publication``; until then a plain ``dataset`` keeps them as extras under
the same names.

Bulk speed: a plain ``package_create`` asks Solr for a hard commit (a new searcher) per dataset,
about half of a harvest's write time. Ours runs the action with ``defer_commit`` (CKAN then
neither indexes nor commits), indexes the dataset itself without a Solr commit, and commits the
database, in CKAN's own order. A run ends with one Solr commit (``commit_search_index``); in
between, the configset's autoSoftCommit makes records visible within about a second.
"""

from __future__ import annotations

__all__ = ["PackageWriter", "commit_search_index", "publication_schema",
           "publication_schema_fields"]

import io
import json
from collections.abc import Callable, Iterable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import logic, model
from ckan.lib.search.common import make_connection
from werkzeug.datastructures import FileStorage

from ckanext.vusta.harvest.files import FetchedFile

CORE = frozenset({"name", "title", "notes", "tags", "license_id", "owner_org", "private",
                  "type", "id"})


CURATED = ("groups", "subject", "funding", "related_project", "embargo_until")
# Never dropped to get a record past validation: without them it is not a publication.
ESSENTIAL = frozenset({"title", "name", "owner_org", "type", "publication_type", "id"})


def publication_schema() -> dict[str, Any] | None:
    """The ``publication`` scheming schema, or None while it is not registered."""
    try:
        return dict(tk.get_action("scheming_dataset_schema_show")(
            {"ignore_auth": True}, {"type": "publication"}))
    except (KeyError, tk.ObjectNotFound):
        return None


def publication_schema_fields() -> frozenset[str] | None:
    schema = publication_schema()
    if schema is None:
        return None
    return frozenset(str(f["field_name"]) for f in schema.get("dataset_fields", []))


def _choices(schema: dict[str, Any] | None) -> dict[str, frozenset[str]]:
    if schema is None:
        return {}
    return {str(f["field_name"]): frozenset(str(c["value"]) for c in f["choices"])
            for f in schema.get("dataset_fields", []) if f.get("choices")}


class PackageWriter:
    """Creates and updates the datasets of one harvest run as the harvest user."""

    def __init__(self, user: str, owner_org: str) -> None:
        self.user = user
        self.owner_org = owner_org
        schema = publication_schema()
        self.schema_fields = (None if schema is None else frozenset(
            str(f["field_name"]) for f in schema.get("dataset_fields", [])))
        self.choices = _choices(schema)
        self.dropped: list[str] = []  # fields left out because the catalogue refused them

    def _context(self, **extra: Any) -> dict[str, Any]:
        return {"user": self.user, "ignore_auth": True, **extra}

    def package_dict(self, fields: dict[str, Any], name: str, *, private: bool,
                     withdrawn: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"name": name, "owner_org": self.owner_org, "private": private}
        values = dict(fields, withdrawn="true" if withdrawn else "")
        if self.schema_fields is not None:
            data["type"] = "publication"
            if "tag_string" in self.schema_fields:
                values["tag_string"] = ",".join(t["name"] for t in values.pop("tags", []))
            for key, value in values.items():
                allowed = self.choices.get(key)
                if allowed is not None and value not in allowed:
                    value = "other" if "other" in allowed and key in ESSENTIAL else ""
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
    def with_curation(current: dict[str, Any], harvested: dict[str, Any]) -> dict[str, Any]:
        """What librarians add and sources never send (FOS subjects, collections, funding,
        embargo) survives a harvest update, which otherwise replaces the whole dataset."""
        kept = {key: current[key] for key in CURATED if current.get(key)}
        return {**kept, **harvested}

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

    def _save(self, action: str, data: dict[str, Any]) -> None:
        """``action`` without its per-dataset Solr commit: index, then commit the database.
        (``return_id_only`` must come with ``defer_commit``: without it CKAN 2.12's
        package_update rolls the deferred change back.)"""
        package_id = tk.get_action(action)(
            self._context(defer_commit=True, return_id_only=True), data)
        logic.index_update_package({"ignore_auth": True}, package_id, defer_commit=True)
        model.repo.commit()

    def _write(self, action: str, data: dict[str, Any],
               again: Callable[[], None] | None = None) -> None:
        """Run ``action``; if the catalogue refuses optional fields (an ORCID with a bad check
        digit, an odd ISSN), leave those out, note them, and write the rest. The refusal rolled
        the transaction back, so ``again`` redoes the caller's own writes first."""
        try:
            self._save(action, data)
            return
        except tk.ValidationError as error:
            refused = set(error.error_dict) - ESSENTIAL
            if not refused or refused - set(data):
                raise
        self.dropped.extend(sorted(refused))
        if again is not None:
            again()
        self._save(action, {k: v for k, v in data.items() if k not in refused})

    def create(self, package_id: str, data: dict[str, Any],
               again: Callable[[], None] | None = None) -> None:
        """Creates the dataset (committing the caller's transaction with it)."""
        self._write("package_create", dict(data, id=package_id), again)

    def show(self, package_id: str) -> dict[str, Any]:
        return dict(tk.get_action("package_show")(self._context(for_update=True),
                                                  {"id": package_id}))

    def update(self, package_id: str, data: dict[str, Any], resources: list[Any],
               again: Callable[[], None] | None = None) -> None:
        self._write("package_update", dict(data, id=package_id, resources=resources), again)

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


def commit_search_index() -> None:
    """One Solr commit for everything a run indexed; returns once it is searchable."""
    make_connection().commit(waitSearcher=True)

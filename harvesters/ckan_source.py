"""Harvest another CKAN portal through its Action API.

Incremental by ``metadata_modified`` (sorted ascending, so a failed run can resume from the
last complete page), optionally limited to one organisation. Removal or privatisation at the
source is invisible in an incremental listing, so a full id listing is compared with the
previous run's ids; the difference becomes tombstones.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from harvesters.errors import HarvestError
from harvesters.http import GuardedSession
from harvesters.profiles import Profile, apply_profiles, lang_text
from harvesters.records import Author, FileLink, Record
from harvesters.sniff import require_kind
from harvesters.text import normalise_language

__all__ = ["CKAN_PROFILES", "CkanSource", "map_ckan_dataset", "removed_tombstones"]

Dataset = Mapping[str, Any]


class CkanSource:
    def __init__(
        self,
        base_url: str,
        session: GuardedSession,
        organization: str | None = None,
        rows: int = 100,
        max_pages: int = 10_000,
    ) -> None:
        self.api = base_url.rstrip("/") + "/api/3/action/package_search"
        self.session = session
        self.organization = organization
        self.rows = rows
        self.max_pages = max_pages

    def _search(self, fq: str, start: int, fields: str | None = None) -> tuple[int, list[Dataset]]:
        params = {"q": "*:*", "rows": str(self.rows), "start": str(start)}
        params["sort"] = "metadata_modified asc, id asc"
        if fq:
            params["fq"] = fq
        if fields:
            params["fl"] = fields
        result = self.session.fetch(self.api, params, accept="application/json")
        require_kind(result.body, "json", result.url)
        try:
            data = json.loads(result.body)
            payload = data["result"]
            count, results = int(payload["count"]), list(payload["results"])
        except (ValueError, KeyError, TypeError) as error:
            raise HarvestError(
                "bad_response", url=result.url, detail=type(error).__name__
            ) from error
        if data.get("success") is not True:
            raise HarvestError("bad_response", url=result.url, detail="success=false")
        return count, results

    def _filter(self, since: str | None) -> str:
        clauses = []
        if self.organization:
            clauses.append(f'organization:"{self.organization}"')
        if since:
            clauses.append(f"metadata_modified:[{since} TO *]")
        return " AND ".join(clauses)

    def _pages(self, fq: str, fields: str | None = None) -> Iterator[Dataset]:
        start = 0
        for _page in range(self.max_pages):
            count, results = self._search(fq, start, fields)
            yield from results
            start += len(results)
            if not results or start >= count:
                return
        raise HarvestError("resumption_loop", detail=f"more than {self.max_pages} pages")

    def modified_since(self, since: str | None) -> Iterator[Dataset]:
        """Datasets modified at or after ``since`` (ISO, UTC), oldest first."""
        yield from self._pages(self._filter(since))

    def all_ids(self) -> frozenset[str]:
        """Every public dataset id of the source (or organisation) right now."""
        return frozenset(str(d["id"]) for d in self._pages(self._filter(None), "id"))


def removed_tombstones(
    source_id: str, previous_ids: Iterable[str], current_ids: frozenset[str]
) -> list[Record]:
    """Tombstones for datasets deleted or made private since the previous complete listing."""
    return [
        Record(source_id=source_id, identifier=identifier, deleted=True)
        for identifier in sorted(set(previous_ids) - current_ids)
    ]


def _extras(dataset: Dataset) -> dict[str, str]:
    extras = dataset.get("extras") or []
    return {str(e.get("key")): str(e.get("value") or "") for e in extras if isinstance(e, dict)}


def ckan_base(record: Record, dataset: Dataset) -> Record:
    extras = _extras(dataset)
    language = normalise_language(str(dataset.get("language") or extras.get("language", "")))
    titles = dataset.get("title_translated")
    title_pairs = (
        [(str(v), str(k)) for k, v in titles.items()]
        if isinstance(titles, dict)
        else [(str(dataset.get("title") or ""), "")]
    )
    authors = [a.strip() for a in str(dataset.get("author") or "").split(";") if a.strip()]
    files = []
    for resource in dataset.get("resources") or []:
        url = str(resource.get("url") or "")
        if not url:
            continue
        mime = str(resource.get("mimetype") or "")
        is_pdf = str(resource.get("format") or "").lower() == "pdf" or mime == "application/pdf"
        files.append(
            FileLink(url=url, mime=mime or ("application/pdf" if is_pdf else ""), is_pdf=is_pdf)
        )
    year = extras.get("year", "")
    organization = dataset.get("organization") or {}
    return dataclasses.replace(
        record,
        title=lang_text(title_pairs, language),
        abstract=lang_text([(str(dataset.get("notes") or ""), "")], language),
        authors=tuple(Author(name=name) for name in authors),
        keywords=tuple(str(t.get("name")) for t in dataset.get("tags") or [] if t.get("name")),
        language=language,
        licence=str(dataset.get("license_title") or dataset.get("license_id") or ""),
        doi=extras.get("doi", "").lower(),
        year=int(year) if year.isdigit() else None,
        files=tuple(files),
        original_url=str(dataset.get("url") or ""),
        publisher=str(organization.get("title") or organization.get("name") or ""),
        publication_type=str(dataset.get("type") or "dataset"),
    )


CKAN_PROFILES: Mapping[str, Profile[Dataset]] = {"ckan": ckan_base}


def map_ckan_dataset(
    dataset: Dataset, source_id: str, profiles: Sequence[str] = ("ckan",)
) -> Record:
    base = Record(
        source_id=source_id,
        identifier=str(dataset["id"]),
        datestamp=str(dataset.get("metadata_modified") or ""),
        raw=json.dumps(dataset, ensure_ascii=False, sort_keys=True),
    )
    return apply_profiles(base, dataset, profiles, CKAN_PROFILES)

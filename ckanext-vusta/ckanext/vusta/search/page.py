"""What the search page shows, computed from a vusta_search result: facet filters from the
request (whitelisted fields, quoted values), result rows with snippet links to the file at the
page (`#page=N` for PDFs), paging. Pure: the view passes request arguments in."""

from __future__ import annotations

__all__ = ["FACET_FIELDS", "PAGE_ROWS", "facet_filter", "page_rows", "snippet_link", "with_args"]

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

FACET_FIELDS = ("organization", "dataset_type", "publication_type", "year", "language",
                "tags", "res_format", "license_id")
PAGE_ROWS = 20


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', "") + '"'


def facet_filter(args: Mapping[str, Sequence[str]]) -> str:
    """`fq` for the chosen facet values; only our facet fields, values always quoted."""
    return " ".join(f"+{name}:{_quoted(value)}" for name in FACET_FIELDS
                    for value in args.get(name, ()) if value)


def snippet_link(dataset: dict[str, Any], resource_id: str, page: int,
                 site_url: str = "") -> str | None:
    """The file at that page; our own uploads as a site-relative path (works on any host)."""
    for resource in dataset.get("resources") or []:
        if resource.get("id") == resource_id and resource.get("url"):
            url = str(resource["url"])
            if site_url and url.startswith(site_url.rstrip("/") + "/"):
                url = url[len(site_url.rstrip("/")):]
            is_pdf = (str(resource.get("format") or "").lower() == "pdf"
                      or url.lower().split("?")[0].endswith(".pdf"))
            return f"{url}#page={page}" if is_pdf else url
    return None


def page_rows(result: dict[str, Any], site_url: str = "") -> list[dict[str, Any]]:
    rows = []
    for dataset in result.get("results", []):
        rows.append({
            "dataset": dataset,
            "snippets": [{**h, "url": snippet_link(dataset, h["resource_id"], h["page"],
                                                   site_url)}
                         for h in dataset.get("highlights", [])],
        })
    return rows


def with_args(args: Mapping[str, Sequence[str]], **changes: Any) -> str:
    """Query string of the current search with some arguments changed (None removes)."""
    merged: dict[str, list[str]] = {k: list(v) for k, v in args.items()}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = [str(value)]
    return "?" + urlencode([(k, v) for k, values in merged.items() for v in values])

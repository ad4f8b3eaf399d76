"""Two Solr cores on the running Solr for relevance tests and the benchmark: ours (the repo's
configset) and CKAN 2.12's stock schema, fed straight through Solr's update API, and searched
the way vusta_search (ours) and package_search (stock) search them."""

from __future__ import annotations

__all__ = ["OursBackend", "StockBackend", "ensure_cores", "ours_doc", "post_docs", "stock_doc"]

import datetime
import hashlib
import json
import shutil
import urllib.parse
import urllib.request
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from ckanext.vusta.search.document import search_fields
from ckanext.vusta.search.highlight import (
    DatasetHighlights,
    highlight_request,
    parse_highlighting,
)
from ckanext.vusta.search.rerank import RANK_SORT, Ranked, parse_ranked, ranked_request
from devstack.layout import current_layout
from tests.relevance.corpus import Record

SITE_ID = "relevance"
TIMEOUT = 120
STOCK_SCHEMA = Path(str(__import__("ckan").__file__)).parent / "config" / "solr" / "schema.xml"
STOCK_QUERY_FIELDS = "name^4 title^4 tags^2 groups^2 text"  # ckan.lib.search.query
STOCK_MM = "2<-1 5<80%"
PYSOLR_GET_LIMIT = 1024  # pysolr.Solr._select


def _solr(url: str, data: bytes | None = None) -> dict[str, Any]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return dict(json.load(response))


def _stock_conf(target: Path) -> None:
    """Stock schema.xml, our solrconfig.xml, the word lists."""
    ours = current_layout().configset / "conf"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(STOCK_SCHEMA, target / "schema.xml")
    for name in ("synonyms.txt", "protwords.txt", "stopwords.txt"):
        shutil.copy(ours / name, target / name)
    # Our solrconfig has no ranking defaults (ranking is in the requests), so stock can use it.
    shutil.copy(ours / "solrconfig.xml", target / "solrconfig.xml")


def ensure_cores(ours: str, stock: str) -> tuple[str, str]:
    """Creates (or reloads with the current configuration, and empties) the two cores;
    returns their URLs."""
    layout = current_layout()
    base = f"http://127.0.0.1:{layout.solr_port}/solr"
    status = _solr(f"{base}/admin/cores?action=STATUS&wt=json")["status"]
    _stock_conf(layout.solr_home / stock / "conf")
    if status.get(stock):
        _solr(f"{base}/admin/cores?action=RELOAD&core={stock}&wt=json")
    else:
        _solr(f"{base}/admin/cores?action=CREATE&name={stock}&instanceDir={stock}&wt=json")
    if status.get(ours):
        _solr(f"{base}/admin/cores?action=RELOAD&core={ours}&wt=json")
    else:
        _solr(f"{base}/admin/cores?action=CREATE&name={ours}&instanceDir={ours}"
              f"&configSet={layout.configset.name}&wt=json")
    urls = (f"{base}/{ours}", f"{base}/{stock}")
    for url in urls:
        _solr(f"{url}/update?commit=true", json.dumps({"delete": {"query": "*:*"}}).encode())
    return urls


def post_docs(core_url: str, docs: Iterable[dict[str, Any]], commit: bool = True) -> None:
    body = json.dumps(list(docs), ensure_ascii=False).encode()
    _solr(f"{core_url}/update?commit={'true' if commit else 'false'}&wt=json", body)


@dataclass(frozen=True)
class _Page:
    resource_id: str
    number: int
    text: str


def _common(record: Record) -> dict[str, Any]:
    return {
        "id": record.id, "site_id": SITE_ID, "name": record.id,
        "index_id": hashlib.md5(f"{record.id}{SITE_ID}".encode()).hexdigest(),  # noqa: S324
        "title": record.title, "notes": record.notes, "tags": list(record.tags),
        "author": "; ".join(record.authors), "state": "active", "capacity": "public",
        "permission_labels": ["public"], "dataset_type": "dataset", "entity_type": "package",
        "metadata_modified": f"{record.year}-01-01T00:00:00Z",
    }


def ours_doc(record: Record) -> dict[str, Any]:
    source = {"title": record.title, "notes": record.notes, "tags": list(record.tags),
              "author": "; ".join(record.authors), "language": record.language,
              "title_en": record.title_en, "notes_en": record.notes_en}
    pages = [_Page(f"{record.id}-file", n, text) for n, text in enumerate(record.pages, 1)]
    return {**_common(record), **search_fields(source, pages, datetime.date(2026, 1, 1))}


def stock_doc(record: Record) -> dict[str, Any]:
    """What stock CKAN would hold, generously: page texts and English fields are searchable."""
    doc = _common(record)
    for key, value in (("title_en", record.title_en), ("notes_en", record.notes_en),
                       ("fulltext", " ".join(record.pages))):
        if value:
            doc[f"extras_{key}"] = value
    return doc


def _filters(site_id: str = SITE_ID) -> list[str]:
    # As vusta_search and package_search add them for an anonymous user (with the harvest
    # plugin, which hides harvest sources).
    return ["+capacity:public", "+state:(active)", f'+site_id:"{site_id}"',
            '+permission_labels:("public")', "-dataset_type:harvest"]


def _select(session: requests.Session, core_url: str, params: dict[str, Any]) -> dict[str, Any]:
    """As pysolr sends a search from the portal (CKAN's connection): one keep-alive session,
    a GET for short parameter lists, a form POST for long ones."""
    encoded = urllib.parse.urlencode(params, doseq=True)
    if len(encoded) < PYSOLR_GET_LIMIT:
        response = session.get(f"{core_url}/select/?{encoded}", timeout=TIMEOUT)
    else:
        response = session.post(f"{core_url}/select/", data=encoded, timeout=TIMEOUT, headers={
            "Content-type": "application/x-www-form-urlencoded; charset=utf-8"})
    response.raise_for_status()
    return dict(response.json())


def _id_filter(dataset_ids: Sequence[str]) -> str:
    return "+id:(" + " OR ".join(f'"{i}"' for i in dataset_ids) + ")"


@dataclass(frozen=True)
class OursBackend:
    """vusta_search's requests, sent to Solr directly with the filters it adds for an
    anonymous user (as package_search adds them)."""

    core_url: str
    site_id: str = SITE_ID
    session: requests.Session = field(default_factory=requests.Session, compare=False)

    def search(self, params: dict[str, Any]) -> dict[str, Any]:
        rows = int(params.get("rows", 10))
        query = {"q.op": "AND", "df": "text", "wt": "json", "sort": RANK_SORT,
                 **{k: v for k, v in params.items() if k not in ("facet", "fl", "fq")},
                 "fl": " ".join(params.get("fl") or ["id"]), "rows": rows + 1,
                 "fq": _filters(self.site_id) + ([params["fq"]] if params.get("fq") else [])}
        if query.get("q") in ("", None):
            query["q"] = "*:*"
        result = _select(self.session, self.core_url, query)
        return {"count": result["response"]["numFound"],
                "results": result["response"]["docs"][:rows]}

    def ranked(self, q: str, spelling: str | None, start: int, rows: int, per_dataset: int,
               window: int, with_facets: bool) -> Ranked:
        # The stored fields stand in for the dataset dict the portal reads here; no facets
        # (the stock request has none either).
        params = ranked_request(q, spelling, _filters(self.site_id), start, rows, per_dataset,
                                window, fields=("title", "notes", "tags"))
        result = _select(self.session, self.core_url, params)
        return parse_ranked(result["response"]["docs"], result.get("highlighting", {}),
                            per_dataset, count=result["response"]["numFound"])

    def as_result(self, ranked: Ranked) -> dict[str, Any]:
        return {"count": ranked.count, "results": ranked.docs}

    @property
    def scope_key(self) -> Hashable:
        return (self.core_url, *_filters(self.site_id))

    def highlights(self, q: str, dataset_ids: Sequence[str],
                   per_dataset: int) -> dict[str, DatasetHighlights]:
        if not dataset_ids:
            return {}
        params = highlight_request(q, [f'+site_id:"{self.site_id}"', _id_filter(dataset_ids)],
                                   len(dataset_ids), per_dataset)
        result = _select(self.session, self.core_url, params)
        return parse_highlighting(result["response"]["docs"], result.get("highlighting", {}),
                                  per_dataset)


@dataclass(frozen=True)
class StockBackend:
    """package_search's request for free text on CKAN's stock schema (dismax, stock qf)."""

    core_url: str
    session: requests.Session = field(default_factory=requests.Session, compare=False)

    def search(self, q: str, rows: int = 10) -> list[str]:
        query = {"q": q or "*:*", "fl": "id", "wt": "json", "q.op": "AND", "df": "text",
                 "defType": "dismax", "qf": STOCK_QUERY_FIELDS, "mm": STOCK_MM, "tie": "0.1",
                 "rows": rows + 1, "fq": _filters(), "sort": RANK_SORT}
        result = _select(self.session, self.core_url, query)
        return [doc["id"] for doc in result["response"]["docs"]][:rows]

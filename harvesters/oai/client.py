"""OAI-PMH 2.0 verbs: Identify, ListSets, ListRecords with resumption tokens.

Every page goes through the guarded session (deadline, byte cap, egress guard), must really be
XML (not a login page), is parsed strictly, and OAI errors become HarvestErrors. Resumption
loops (a token seen twice, or more pages than a source could sensibly have) stop the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from lxml import etree

from harvesters.errors import HarvestError
from harvesters.http import GuardedSession
from harvesters.sniff import require_kind
from harvesters.xmlsafe import parse_xml

__all__ = ["OAI_NS", "Identify", "OaiClient", "OaiHeader", "OaiRecord", "OaiSet"]

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_NS = {"o": OAI_NS}


@dataclass(frozen=True)
class Identify:
    repository_name: str
    base_url: str
    granularity: str
    earliest_datestamp: str
    deleted_record: str


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


@dataclass(frozen=True)
class OaiHeader:
    identifier: str
    datestamp: str
    deleted: bool
    set_specs: tuple[str, ...]


@dataclass(frozen=True)
class OaiRecord:
    header: OaiHeader
    metadata: etree._Element | None  # the element inside <metadata>, None for deletions
    raw: str  # the <record> element as XML text, kept for provenance


class OaiClient:
    """One repository. ``max_pages`` bounds a listing even if tokens keep changing."""

    def __init__(self, base_url: str, session: GuardedSession, max_pages: int = 5000) -> None:
        self.base_url = base_url
        self.session = session
        self.max_pages = max_pages
        self.pages_fetched = 0

    def _request(self, params: Mapping[str, str]) -> etree._Element:
        result = self.session.fetch(self.base_url, params, accept="text/xml, application/xml")
        self.pages_fetched += 1
        require_kind(result.body, "xml", result.url)
        root = parse_xml(result.body)
        if root.tag != f"{{{OAI_NS}}}OAI-PMH":
            raise HarvestError("bad_response", url=result.url, detail=f"root element {root.tag}")
        return root

    @staticmethod
    def _raise_errors(root: etree._Element, allow_no_records: bool) -> bool:
        """Raise for OAI errors; return True when the answer is ``noRecordsMatch``."""
        errors = root.findall("o:error", _NS)
        if not errors:
            return False
        codes = [error.get("code", "") for error in errors]
        if allow_no_records and codes == ["noRecordsMatch"]:
            return True
        if "badResumptionToken" in codes:
            raise HarvestError("oai_bad_resumption_token")
        detail = "; ".join((error.text or "").strip() for error in errors)
        raise HarvestError("oai_error", oai_code=", ".join(codes), detail=detail or "-")

    def identify(self) -> Identify:
        root = self._request({"verb": "Identify"})
        self._raise_errors(root, allow_no_records=False)
        node = root.find("o:Identify", _NS)
        if node is None:
            raise HarvestError("bad_response", url=self.base_url, detail="no Identify element")

        def text(name: str) -> str:
            return (node.findtext(f"o:{name}", default="", namespaces=_NS) or "").strip()

        return Identify(
            repository_name=text("repositoryName"),
            base_url=text("baseURL"),
            granularity=text("granularity") or "YYYY-MM-DD",
            earliest_datestamp=text("earliestDatestamp"),
            deleted_record=text("deletedRecord"),
        )

    def list_sets(self) -> list[OaiSet]:
        sets = []
        for container in self._pages("ListSets", {}):
            for node in container.findall("o:set", _NS):
                spec = node.findtext("o:setSpec", default="", namespaces=_NS) or ""
                name = node.findtext("o:setName", default="", namespaces=_NS) or ""
                sets.append(OaiSet(spec.strip(), name.strip()))
        return sets

    def list_records(
        self,
        metadata_prefix: str = "oai_dc",
        from_: str | None = None,
        until: str | None = None,
        set_spec: str | None = None,
    ) -> Iterator[OaiRecord]:
        """Yield every record page by page; an error on any page raises (nothing is lost:
        the caller treats the run as incomplete and keeps its watermark)."""
        params = {"metadataPrefix": metadata_prefix}
        for key, value in (("from", from_), ("until", until), ("set", set_spec)):
            if value:
                params[key] = value
        for container in self._pages("ListRecords", params):
            for node in container.findall("o:record", _NS):
                yield _record(node)

    def _pages(self, verb: str, params: Mapping[str, str]) -> Iterator[etree._Element]:
        """Yield each page's container; the next page is fetched while the caller maps this
        one (one request in flight at most, so politeness limits still hold)."""
        request = {"verb": verb, **params}
        seen_tokens: set[str] = set()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="oai-prefetch") as pool:
            pending = pool.submit(self._request, request)
            for _page in range(self.max_pages):
                root = pending.result()
                if self._raise_errors(root, allow_no_records=verb != "ListSets"):
                    return
                container = root.find(f"o:{verb}", _NS)
                if container is None:
                    raise HarvestError(
                        "bad_response", url=self.base_url, detail=f"no {verb} element"
                    )
                token = (
                    container.findtext("o:resumptionToken", default="", namespaces=_NS)
                ).strip()
                if token:
                    if token in seen_tokens:
                        raise HarvestError(
                            "resumption_loop", detail=f"token {token[:40]!r} repeated"
                        )
                    seen_tokens.add(token)
                    pending = pool.submit(self._request, {"verb": verb, "resumptionToken": token})
                yield container
                if not token:
                    return
        raise HarvestError("resumption_loop", detail=f"more than {self.max_pages} pages")


def _record(node: etree._Element) -> OaiRecord:
    header_node = node.find("o:header", _NS)
    if header_node is None:
        raise HarvestError("bad_response", url="", detail="record without header")
    header = OaiHeader(
        identifier=(header_node.findtext("o:identifier", default="", namespaces=_NS)).strip(),
        datestamp=(header_node.findtext("o:datestamp", default="", namespaces=_NS)).strip(),
        deleted=header_node.get("status") == "deleted",
        set_specs=tuple(
            (spec.text or "").strip() for spec in header_node.findall("o:setSpec", _NS)
        ),
    )
    if not header.identifier:
        raise HarvestError("bad_response", url="", detail="record without identifier")
    metadata = None
    if not header.deleted:
        container = node.find("o:metadata", _NS)
        if container is not None and len(container):
            metadata = container[0]
    raw = etree.tostring(node, encoding="unicode")
    return OaiRecord(header=header, metadata=metadata, raw=raw)

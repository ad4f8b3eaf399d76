"""What a source holds right now: the listing half of the gather stage, CKAN-free.

Each kind calls ``harvesters`` with a guarded session built from the source configuration.
A listing that fails part-way keeps the records it already has but says it is incomplete, so
the caller imports them and neither deletes anything nor moves the watermark.
"""

from __future__ import annotations

__all__ = ["Listing", "guarded_session", "list_source"]

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from ckanext.vusta.harvest.source_config import SourceConfig
from harvesters.ckan_source import CkanSource, map_ckan_dataset, removed_tombstones
from harvesters.egress import EgressPolicy
from harvesters.errors import HarvestError
from harvesters.feeds import article_urls_from_sitemap, parse_feed, wordpress_post_urls
from harvesters.http import GuardedSession, HttpConfig
from harvesters.manifest import RowError, parse_manifest, read_rows
from harvesters.oai.client import OaiClient
from harvesters.oai.mapping import map_oai_record
from harvesters.oai.window import incremental_from
from harvesters.records import Record

OVERLAP = timedelta(minutes=10)


@dataclass(frozen=True)
class Listing:
    records: tuple[Record, ...]
    article_urls: tuple[str, ...]  # feed pages still to fetch (fetch stage)
    full: bool  # the listing covers the whole source: absence means deletion
    error: HarvestError | None  # the listing stopped here; nothing may be deleted
    row_errors: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def guarded_session(config: SourceConfig, max_bytes: int | None = None) -> GuardedSession:
    http = HttpConfig(min_interval=config.min_interval, deadline=config.request_deadline,
                      retries=config.retries)
    if max_bytes is not None:
        http = HttpConfig(min_interval=config.min_interval, deadline=config.request_deadline,
                          max_bytes=max_bytes, retries=min(config.retries, 1))
    return GuardedSession(http, EgressPolicy.allowing(*config.allow_hosts))


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds
        self.seconds = seconds

    def check(self, url: str) -> None:
        if time.monotonic() > self.until:
            raise HarvestError("deadline_exceeded", url=url, seconds=int(self.seconds))


def _oai(url: str, config: SourceConfig, session: GuardedSession, source_id: str,
         watermark: datetime | None, deadline: _Deadline) -> Iterator[Record]:
    client = OaiClient(url, session)
    since = config.from_date
    if watermark is not None:
        since = incremental_from(watermark, client.identify().granularity)
    profiles = config.profile_chain("oai")
    for set_spec in config.sets or (None,):
        for oai in client.list_records(config.metadata_prefix, since, None, set_spec):
            deadline.check(url)
            yield map_oai_record(oai, source_id, profiles)


def _collect(records: Iterable[Record], into: list[Record]) -> HarvestError | None:
    try:
        for record in records:
            into.append(record)
    except HarvestError as error:
        return error
    return None


def _ckan_changes(ckan: CkanSource, source_id: str, profiles: tuple[str, ...],
                  known_live: Iterable[str], known_withdrawn: Iterable[str],
                  already: list[Record]) -> Iterator[Record]:
    """Tombstones for datasets gone from the source, and the full record of any withdrawn one
    that is back (its metadata_modified may be older than the watermark)."""
    current = ckan.all_ids()
    yield from removed_tombstones(source_id, known_live, current)
    listed = {r.identifier for r in already}
    back = (set(known_withdrawn) & current) - listed
    if back:
        for dataset in ckan.modified_since(None):
            if str(dataset["id"]) in back:
                yield map_ckan_dataset(dataset, source_id, profiles)


def list_source(kind: str, url: str, config: SourceConfig, source_id: str, *,
                watermark: datetime | None, known_live: Iterable[str] = (),
                known_withdrawn: Iterable[str] = (),
                session: GuardedSession | None = None) -> Listing:
    """List ``url`` as ``kind``; ``watermark`` is the start of the last complete run."""
    own = session is None
    session = session or guarded_session(config)
    deadline = _Deadline(config.job_timeout)
    records: list[Record] = []
    try:
        if kind == "oai":
            incremental = watermark is not None or config.from_date is not None
            error = _collect(_oai(url, config, session, source_id, watermark, deadline), records)
            return Listing(tuple(records), (), not incremental, error)
        if kind == "ckan":
            ckan = CkanSource(url, session, organization=config.organization)
            # Overlap covers clock skew between the two portals; re-seen records are no-ops.
            since = ((watermark - OVERLAP).strftime("%Y-%m-%dT%H:%M:%SZ") if watermark
                     else config.from_date)
            profiles = config.profile_chain("ckan")
            error = _collect((map_ckan_dataset(d, source_id, profiles)
                              for d in ckan.modified_since(since)), records)
            if error is None:  # removals and reappearances show only in a full id listing
                error = _collect(_ckan_changes(ckan, source_id, profiles, known_live,
                                               known_withdrawn, records), records)
            return Listing(tuple(records), (), False, error)
        if kind == "feed":
            if config.mode == "auto":
                try:
                    records.extend(parse_feed(session.fetch(url).body, source_id))
                except HarvestError as error:
                    return Listing((), (), False, error)
                return Listing(tuple(records), (), False, None)
            urls: list[str] = []
            try:
                found = (wordpress_post_urls(url, session) if config.mode == "wordpress"
                         else article_urls_from_sitemap(url, session))
                urls.extend(found)
            except HarvestError as error:
                return Listing((), tuple(urls), False, error)
            return Listing((), tuple(urls), False, None)
        if kind == "manifest":
            try:
                body = session.fetch(url).body
                kind_of_file = "xlsx" if url.lower().split("?")[0].endswith(".xlsx") else "csv"
                result = parse_manifest(read_rows(body, kind_of_file), source_id)
            except HarvestError as error:
                return Listing((), (), False, error)
            return Listing(result.records, (), True, None, result.errors)
        raise ValueError(f"unknown source kind {kind!r}")
    finally:
        if own:
            session.close()

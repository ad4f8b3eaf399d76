"""``python -m harvesters``: try a source without a portal, one JSON record per line.

Output goes to ``OUT.partial`` and is renamed to ``OUT`` only when the whole listing succeeded,
so a failed run never looks like a complete one. Loopback and private sources are refused
unless allowlisted with ``--allow-host``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from harvesters.ckan_source import CkanSource, map_ckan_dataset, removed_tombstones
from harvesters.egress import EgressPolicy
from harvesters.errors import HarvestError
from harvesters.feeds import (
    article_urls_from_sitemap,
    fetch_article,
    parse_feed,
    wordpress_post_urls,
)
from harvesters.http import GuardedSession, HttpConfig
from harvesters.manifest import parse_manifest, read_rows, write_templates
from harvesters.oai.client import OaiClient
from harvesters.oai.mapping import map_oai_record
from harvesters.records import Record, record_to_json

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harvesters", description=__doc__)
    parser.add_argument("kind", choices=["oai", "ckan", "feed", "manifest", "template"])
    parser.add_argument("source", help="URL of the source (or a file path for manifest)")
    parser.add_argument("--out", required=True, help="records.jsonl (a folder for template)")
    parser.add_argument("--from", dest="from_", help="only records changed since DATE")
    parser.add_argument("--until", help="OAI-PMH: only records changed until DATE")
    parser.add_argument("--set", dest="set_spec", help="OAI-PMH set spec")
    parser.add_argument("--metadata-prefix", default="oai_dc")
    parser.add_argument("--profile", action="append", help="mapping profile (repeatable)")
    parser.add_argument("--organization", help="CKAN: only this organisation")
    parser.add_argument("--previous-ids", help="CKAN: file of ids from the last full run")
    parser.add_argument("--ids-out", help="CKAN: write the current full id list here")
    parser.add_argument(
        "--mode",
        choices=["auto", "wordpress", "sitemap"],
        default="auto",
        help="feed: a feed URL, a WordPress site, or a sitemap URL",
    )
    parser.add_argument("--source-id", default="", help="source name stored in records")
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        help="HOST[:PORT] allowed even on a loopback/private address",
    )
    parser.add_argument(
        "--min-interval", type=float, default=0.0, help="seconds between two requests to the source"
    )
    parser.add_argument("--deadline", type=float, default=120.0)
    return parser


def _records(
    args: argparse.Namespace, session: GuardedSession, errors: list[str]
) -> Iterator[Record]:
    source_id = args.source_id or args.source
    if args.kind == "oai":
        client = OaiClient(args.source, session)
        profiles = tuple(args.profile or ("oai_dc",))
        for oai in client.list_records(args.metadata_prefix, args.from_, args.until, args.set_spec):
            yield map_oai_record(oai, source_id, profiles)
    elif args.kind == "ckan":
        ckan = CkanSource(args.source, session, organization=args.organization)
        for dataset in ckan.modified_since(args.from_):
            yield map_ckan_dataset(dataset, source_id, tuple(args.profile or ("ckan",)))
        if args.previous_ids or args.ids_out:
            current = ckan.all_ids()
            if args.ids_out:
                Path(args.ids_out).write_text("\n".join(sorted(current)) + "\n", encoding="utf-8")
            if args.previous_ids:
                previous = Path(args.previous_ids).read_text(encoding="utf-8").split()
                yield from removed_tombstones(source_id, previous, current)
    elif args.kind == "feed":
        if args.mode == "auto":
            yield from parse_feed(session.fetch(args.source).body, source_id)
            return
        urls: Iterable[str] = (
            wordpress_post_urls(args.source, session)
            if args.mode == "wordpress"
            else article_urls_from_sitemap(args.source, session)
        )
        for url in urls:
            yield fetch_article(url, session, source_id)
    elif args.kind == "manifest":
        kind = "xlsx" if args.source.lower().endswith(".xlsx") else "csv"
        if args.source.startswith(("http://", "https://")):
            body = session.fetch(args.source).body
        else:
            body = Path(args.source).read_bytes()
        result = parse_manifest(read_rows(body, kind), source_id)
        errors.extend(f"{e.message('vi')} | {e.message('en')}" for e in result.errors)
        yield from result.records


def run(args: argparse.Namespace, stderr: TextIO) -> int:
    if args.kind == "template":
        Path(args.out).mkdir(parents=True, exist_ok=True)
        write_templates(Path(args.out))
        print(f"Đã ghi mẫu / templates written: {args.out}", file=stderr)
        return 0
    config = HttpConfig(min_interval=args.min_interval, deadline=args.deadline)
    policy = EgressPolicy.allowing(*args.allow_host)
    out = Path(args.out)
    partial = out.with_name(out.name + ".partial")
    started = time.monotonic()
    count = deleted = warned = 0
    row_errors: list[str] = []
    try:
        with GuardedSession(config, policy) as session, partial.open("w", encoding="utf-8") as sink:
            for record in _records(args, session, row_errors):
                sink.write(record_to_json(record) + "\n")
                count += 1
                deleted += record.deleted
                warned += bool(record.warnings)
                if count % 100 == 0:
                    print(f"\r{count} bản ghi / records…", end="", file=stderr, flush=True)
    except HarvestError as error:
        print(f"\nLỗi: {error.message('vi')}\nError: {error.message('en')}", file=stderr)
        print(
            f"Chưa hoàn tất, đã giữ {count} bản ghi trong {partial} / incomplete, "
            f"{count} records kept in {partial}",
            file=stderr,
        )
        return 1
    partial.replace(out)
    for line in row_errors:
        print(line, file=stderr)
    elapsed = time.monotonic() - started
    print(
        f"\nXong: {count} bản ghi ({deleted} đã xoá, {warned} có cảnh báo, "
        f"{len(row_errors)} dòng lỗi) trong {elapsed:.1f} giây\n"
        f"Done: {count} records ({deleted} deleted, {warned} with warnings, "
        f"{len(row_errors)} row errors) in {elapsed:.1f} s -> {out}",
        file=stderr,
    )
    return 2 if row_errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return run(args, sys.stderr)

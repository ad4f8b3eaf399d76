"""Helpers for the harvest stack tests: a loopback server whose files a test can change between
runs (manifests that lose rows, hostile titles, file links to private addresses), and short
ways to create and run a harvest source of a member association."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories, helpers

from ckanext.vusta.harvest.runner import RunSummary, run_source
from ckanext.vusta.harvest.tables import harvest_record
from tests.fixture_server.pdf import make_pdf

HARVEST_PLUGINS = ("vusta harvest vusta_oai_harvester vusta_ckan_harvester vusta_feed_harvester "
                   "vusta_manifest_harvester")
SCHEMING_MARKS = [
    pytest.mark.ckan_config("ckan.plugins",
                            f"{HARVEST_PLUGINS} scheming_datasets scheming_organizations dcat"),
    pytest.mark.ckan_config("scheming.dataset_schemas", " ".join(
        f"ckanext.vusta:schemas/{name}.yaml"
        for name in ("publication", "research_dataset", "project"))),
    pytest.mark.ckan_config("scheming.organization_schemas",
                            "ckanext.vusta:schemas/member_association.yaml"),
    pytest.mark.ckan_config("scheming.presets",
                            "ckanext.scheming:presets.json ckanext.dcat.schemas:presets.yaml "
                            "ckanext.vusta:schemas/presets.yaml"),
]
HARVEST_MARKS = [
    pytest.mark.stack, *SCHEMING_MARKS,
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues"),
]

MANIFEST_HEADINGS = ("Mã định danh", "Tiêu đề (tiếng Việt)", "Tác giả", "Năm", "DOI",
                     "Tên tạp chí", "Liên kết tệp")


class FileServer:
    """Serves ``files[path] = (status, body, content type)`` on a random loopback port."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, bytes, str]] = {}
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, body, kind = files.get(self.path.split("?")[0], (404, b"", "text/plain"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    def serve_manifest(self, path: str, rows: Sequence[Sequence[str]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(MANIFEST_HEADINGS)
        writer.writerows(rows)
        self.files[path] = (200, out.getvalue().encode("utf-8"), "text/csv; charset=utf-8")
        return self.base_url + path

    def serve_pdf(self, path: str, text: str) -> str:
        self.files[path] = (200, make_pdf(text), "application/pdf")
        return self.base_url + path

    def __enter__(self) -> FileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def manifest_rows(count: int, prefix: str = "ms") -> list[list[str]]:
    return [[f"{prefix}-{n}", f"Nghiên cứu thử nghiệm số {n} về đất phèn", "Nguyễn Văn An",
             "2020", "", "Tạp chí Khoa học Đất", ""] for n in range(1, count + 1)]


def create_source(kind: str, url: str, config: str = "", org: dict[str, Any] | None = None,
                  name: str | None = None) -> dict[str, Any]:
    sysadmin = factories.Sysadmin()
    org = org or factories.Organization(title="Hội Khoa học Đất Việt Nam")
    return dict(helpers.call_action(
        "harvest_source_create", context={"user": sysadmin["name"]},
        name=name or f"nguon-{kind}", url=url, source_type=f"vusta_{kind}",
        title=f"Nguồn {kind}", owner_org=org["id"], frequency="MANUAL", config=config))


def run(source: dict[str, Any], **kwargs: Any) -> RunSummary:
    summary = run_source(source["id"], **kwargs)
    model.Session.remove()
    return summary


def harvested(source_id: str) -> list[dict[str, Any]]:
    """Datasets holding a copy from a source (withdrawn ones included), by original identifier."""
    rows = model.Session.execute(
        sa.select(harvest_record.c.identifier, harvest_record.c.package_id)
        .where(harvest_record.c.source_id == source_id)
        .order_by(harvest_record.c.identifier)).all()
    return [dict(helpers.call_action("package_show", id=package_id), _identifier=identifier)
            for identifier, package_id in rows]


def extras(dataset: dict[str, Any]) -> dict[str, str]:
    values = {e["key"]: e["value"] for e in dataset.get("extras", [])}
    for key, value in dataset.items():
        if isinstance(value, str) and key not in values:
            values[key] = value
    return values


def public_count(q: str = "*:*", fq: str = "") -> int:
    context = {"user": "", "ignore_auth": False}
    return int(helpers.call_action("package_search", context=context, q=q, fq=fq)["count"])


def lines(errors: Iterator[dict[str, str]] | Sequence[dict[str, str]]) -> str:
    return "\n".join(f"{e.get('identifier', '')}: {e['vi']} | {e['en']}" for e in errors)

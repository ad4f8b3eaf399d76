"""A threaded HTTP server on a random 127.0.0.1 port serving every harvest fixture.

It only ever binds the loopback address. Redirect faults *point at* private or metadata
addresses to prove the client refuses them; nothing here ever connects anywhere.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.fixture_server import web
from tests.fixture_server.content import Publication, publications
from tests.fixture_server.oai import OAI_FAULTS, oai_reply
from tests.fixture_server.pdf import make_pdf

__all__ = ["FixtureConfig", "FixtureServer"]

LOGIN_PAGE = b"<!DOCTYPE html><html><body><form>Dang nhap</form></body></html>"
PRIVATE_TARGETS = {
    "private": "http://10.0.0.1/oai",
    "metadata": "http://169.254.169.254/latest/meta-data/",
    "loopback-name": "http://localhost/",
    "file": "file:///etc/passwd",
}


@dataclass(frozen=True)
class FixtureConfig:
    records: int = 250
    page_size: int = 100
    latency: float = 0.0  # seconds added to every OAI page
    drip_interval: float = 0.5
    drip_bytes: int = 40  # a drip stops by itself after this many bytes


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: FixtureConfig) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.config = config
        self.publications: tuple[Publication, ...] = publications(config.records)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.scheme = "http"

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}"

    def count_hit(self, key: str) -> int:
        with self.lock:
            self.hits[key] += 1
            return self.hits[key]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            return  # the client hung up (a refused or aborted download): expected in tests

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/plain",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        path = parts.path
        srv = self.server
        srv.count_hit(f"path:{path}")
        try:
            if path == "/oai" or path.startswith("/oai/fault/"):
                self._oai(path.removeprefix("/oai").removeprefix("/fault/"), params)
            elif path.startswith(("/ckan/api/3/action/", "/ckan-after-removal/api/3/action/")):
                status, body = web.ckan_action(
                    srv.publications[:30],
                    path.rsplit("/", 1)[1],
                    params,
                    srv.base_url,
                    path.startswith("/ckan-after-removal/"),
                )
                self._send(status, body, "application/json")
            elif path.startswith("/ckan-login-wall/"):
                self._send(200, LOGIN_PAGE, "application/json")
            elif path.startswith("/fault/"):
                self._generic_fault(path.removeprefix("/fault/"), params)
            else:
                self._content(path, params)
        except ConnectionError:
            return

    def _oai(self, fault: str, params: dict[str, str]) -> None:
        srv = self.server
        if fault and fault not in OAI_FAULTS:
            self._send(404, b"unknown fault")
            return
        if srv.config.latency:
            time.sleep(srv.config.latency)
        if fault.startswith("redirect-"):
            target = PRIVATE_TARGETS["private" if fault == "redirect-private" else "metadata"]
            self._send(302, b"", headers={"Location": target})
            return
        if fault == "retry-429" and srv.count_hit(f"429:{sorted(params.items())}") == 1:
            self._send(429, b"slow down", headers={"Retry-After": "1"})
            return
        base = f"{srv.base_url}/oai" + (f"/fault/{fault}" if fault else "")
        reply = oai_reply(srv.publications, params, fault, srv.config.page_size, base)
        self._send(reply.status, reply.body, reply.headers.get("Content-Type", "text/xml"))

    def _generic_fault(self, name: str, params: dict[str, str]) -> None:
        srv = self.server
        if name == "status-500":
            self._send(500, b"boom")
        elif name in ("retry-429", "retry-503-date"):
            hits = srv.count_hit(f"{name}:{params.get('key', '')}")
            if hits <= int(params.get("fail", "1")):
                if name == "retry-429":
                    after = params.get("after", "1")
                else:
                    after = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 2))
                self._send(
                    429 if name == "retry-429" else 503, b"busy", headers={"Retry-After": after}
                )
            else:
                self._send(200, f"ok after {hits}".encode())
        elif name == "drip":
            self._drip()
        elif name == "big":
            self._send(200, b"<x>" + b"a" * int(params.get("size", "100000")) + b"</x>", "text/xml")
        elif name == "big-undeclared":
            self._big_chunked(int(params.get("size", "100000")))
        elif name.startswith("redirect-"):
            target = PRIVATE_TARGETS.get(name.removeprefix("redirect-"))
            if name == "redirect-loop":
                target = f"{srv.base_url}/fault/redirect-loop"
            if name == "redirect-local":
                target = f"{srv.base_url}/fault/echo"
            self._send(302 if target else 404, b"", headers={"Location": target or ""})
        elif name == "echo":
            lines = [f"{k}: {v}" for k, v in self.headers.items()]
            self._send(200, "\n".join(lines).encode())
        elif name == "login-wall.pdf":
            self._send(200, LOGIN_PAGE, "application/pdf")
        else:
            self._send(404, b"unknown fault")

    def _drip(self) -> None:
        cfg = self.server.config
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(cfg.drip_bytes))
        self.end_headers()
        for _ in range(cfg.drip_bytes):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(cfg.drip_interval)

    def _big_chunked(self, size: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"a" * 8192
        sent = 0
        while sent < size:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        self.wfile.write(b"0\r\n\r\n")

    def _content(self, path: str, params: dict[str, str]) -> None:
        srv = self.server
        pubs, base = srv.publications, srv.base_url
        feed_pubs = pubs[:12]
        if path == "/feed/rss.xml":
            self._send(200, web.rss_feed(feed_pubs, base), "application/rss+xml")
        elif path == "/feed/atom.xml":
            self._send(200, web.atom_feed(feed_pubs, base), "application/atom+xml")
        elif path == "/wp/wp-json/wp/v2/posts":
            status, headers, body = web.wp_posts(feed_pubs, params, base)
            self._send(status, body, "application/json", headers)
        elif path == "/wp/sitemap.xml":
            self._send(200, web.sitemap(feed_pubs, base), "application/xml")
        elif path.startswith("/wp/article/") and path.strip("/").split("/")[-1].isdigit():
            number = int(path.strip("/").split("/")[-1])
            if not 1 <= number <= len(pubs):
                self._send(404, b"not found")
                return
            self._send(200, web.article_page(pubs[number - 1], base), "text/html; charset=utf-8")
        elif path in ("/manifest/manifest.csv", "/manifest/broken.csv"):
            body = web.manifest_csv(pubs[:10], base, broken=path.endswith("broken.csv"))
            self._send(200, body, "text/csv; charset=utf-8")
        elif path.startswith("/files/article-") and path.endswith(".pdf"):
            label = path.removeprefix("/files/article-").removesuffix(".pdf")
            self._send(200, make_pdf(f"Article {label}"), "application/pdf")
        else:
            self._send(404, b"not found")


class FixtureServer:
    """Start with ``with FixtureServer() as server: server.base_url``; stops on exit."""

    def __init__(
        self, config: FixtureConfig | None = None, tls: ssl.SSLContext | None = None
    ) -> None:
        self._server = _Server(config or FixtureConfig())
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self._server.scheme = "https"
        self._thread = threading.Thread(
            target=self._server.serve_forever, daemon=True, name="fixture-server"
        )

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def host_port(self) -> str:
        """The ``host:port`` entry a test allowlists (and nothing else)."""
        return f"127.0.0.1:{self._server.server_address[1]}"

    @property
    def publications(self) -> tuple[Publication, ...]:
        return self._server.publications

    def hits(self, key: str) -> int:
        with self._server.lock:
            return self._server.hits[key]

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

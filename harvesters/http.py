"""The one HTTP layer every harvester uses: guarded, bounded, polite.

"Harvest jobs stuck for days" come from requests without timeouts and servers that drip bytes.
Here each request has connect/read timeouts *and* a total deadline checked while the body
streams, a byte cap checked before anything is parsed, retries with exponential backoff,
``Retry-After`` honoured up to a cap, a per-source minimum interval, and manual redirects whose
every hop passes the egress guard. Connections go to the address the guard checked.

Residual risk, documented: the deadline is enforced from the first body byte on; the status line
and headers are bounded by the read timeout per receive and by http.client's header limits.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from harvesters.egress import (
    CheckedTarget,
    EgressPolicy,
    Resolver,
    check_url,
    system_resolver,
)
from harvesters.errors import HarvestError

__all__ = [
    "Clock",
    "FetchResult",
    "GuardedSession",
    "HttpConfig",
    "SystemClock",
    "make_session",
    "parse_retry_after",
]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_USER_AGENT = "VUSTA-harvester/0.1 (+digital library of VUSTA member associations)"


class Clock(Protocol):
    """Time source; tests and the CLI use the system clock, a scheduler may share one."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


@dataclass(frozen=True)
class HttpConfig:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 120.0  # total seconds for one attempt, body included
    max_bytes: int = 64 * 1024 * 1024
    retries: int = 3  # extra attempts after the first
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    retry_after_cap: float = 120.0
    min_interval: float = 0.0  # politeness: seconds between two requests to this source
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    ca_bundle: str | None = None  # extra trust (an intranet CA, a test CA); None: system store
    retry_statuses: frozenset[int] = field(
        default_factory=lambda: frozenset({429, 500, 502, 503, 504})
    )


@dataclass(frozen=True)
class FetchResult:
    url: str  # final URL after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class _PinnedAddressAdapter(HTTPAdapter):
    """Sends to the checked IP while TLS still verifies the certificate of the real host name."""

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> Any:
        host_params, base_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        pool_kwargs: dict[str, Any] = dict(base_kwargs)
        server_name = request.headers.get("Host")
        if host_params.get("scheme") == "https" and server_name:
            hostname = urlsplit(f"//{server_name}").hostname or server_name
            pool_kwargs["server_hostname"] = hostname
            pool_kwargs["assert_hostname"] = hostname
        return host_params, pool_kwargs


def make_session(config: HttpConfig) -> requests.Session:
    """The single session factory: no env proxies or netrc, no cookies kept, our User-Agent."""
    session = requests.Session()
    session.trust_env = False  # an env proxy would bypass the address pinning
    session.headers["User-Agent"] = config.user_agent
    session.headers["Accept-Encoding"] = "gzip, deflate"
    session.verify = config.ca_bundle or True
    adapter = _PinnedAddressAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class GuardedSession:
    """Fetches URLs for one source. Keeps only per-source state (last request time)."""

    def __init__(
        self,
        config: HttpConfig | None = None,
        policy: EgressPolicy | None = None,
        clock: Clock | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.config = config or HttpConfig()
        self.policy = policy or EgressPolicy()
        self.clock: Clock = clock or SystemClock()
        self.resolver = resolver
        self._session = make_session(self.config)
        self._last_request_at: float | None = None
        self.requests_sent = 0

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> GuardedSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self, url: str, params: Mapping[str, str] | None = None, accept: str | None = None
    ) -> FetchResult:
        """GET ``url`` with retries; return a 2xx result or raise HarvestError."""
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(dict(params))}"
        attempt = 0
        while True:
            try:
                return self._fetch_following_redirects(url, accept)
            except HarvestError as error:
                if not error.retryable or attempt >= self.config.retries:
                    raise
                wait = self._retry_wait(error, attempt)
                attempt += 1
                self.clock.sleep(wait)

    def _retry_wait(self, error: HarvestError, attempt: int) -> float:
        backoff = min(self.config.backoff_cap, self.config.backoff_base * (2.0**attempt))
        retry_after = error.params.get("retry_after")
        if isinstance(retry_after, float):
            if retry_after > self.config.retry_after_cap:
                raise HarvestError(
                    "retry_after_too_long",
                    retryable=True,
                    url=error.params.get("url", ""),
                    seconds=int(retry_after),
                    cap=int(self.config.retry_after_cap),
                ) from error
            return max(backoff, retry_after)
        return backoff

    def _fetch_following_redirects(self, url: str, accept: str | None) -> FetchResult:
        for _hop in range(self.config.max_redirects + 1):
            target = check_url(url, self.policy, self.resolver)
            result = self._fetch_once(target, accept)
            if result.status in REDIRECT_STATUSES and "location" in result.headers:
                url = urljoin(url, result.headers["location"])
                continue
            if 200 <= result.status < 300:
                return result
            retryable = result.status in self.config.retry_statuses
            raise HarvestError(
                "http_status",
                retryable=retryable,
                status=result.status,
                url=url,
                retry_after=parse_retry_after(result.headers.get("retry-after")),
            )
        raise HarvestError("too_many_redirects", url=url)

    def _respect_min_interval(self) -> None:
        if self._last_request_at is not None and self.config.min_interval > 0:
            wait = self._last_request_at + self.config.min_interval - self.clock.monotonic()
            if wait > 0:
                self.clock.sleep(wait)
        self._last_request_at = self.clock.monotonic()

    def _fetch_once(self, target: CheckedTarget, accept: str | None) -> FetchResult:
        self._respect_min_interval()
        config = self.config
        started = self.clock.monotonic()
        headers = {"Host": _host_header(target)}
        if accept:
            headers["Accept"] = accept
        request = requests.Request("GET", _pinned_url(target), headers=headers)
        prepared = self._session.prepare_request(request)
        read_timeout = min(config.read_timeout, config.deadline)
        self.requests_sent += 1
        try:
            response = self._session.send(
                prepared,
                stream=True,
                allow_redirects=False,
                timeout=(config.connect_timeout, read_timeout),
            )
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
            raise HarvestError(
                "network_error", retryable=True, url=target.url, detail=type(error).__name__
            ) from error
        try:
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            body = b""
            if 200 <= response.status_code < 300:
                body = self._read_body(response, target.url, started)
            return FetchResult(target.url, response.status_code, response_headers, body)
        finally:
            response.close()

    def _read_body(self, response: requests.Response, url: str, started: float) -> bytes:
        config = self.config
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > config.max_bytes:
            raise HarvestError("too_large", url=url, limit=config.max_bytes)
        chunks: list[bytes] = []
        total = 0
        try:
            while True:
                if self.clock.monotonic() - started > config.deadline:
                    raise HarvestError("deadline_exceeded", url=url, seconds=config.deadline)
                chunk = response.raw.read1(65536, decode_content=True)
                if not chunk:
                    break
                total += len(chunk)
                if total > config.max_bytes:
                    raise HarvestError("too_large", url=url, limit=config.max_bytes)
                chunks.append(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
            raise HarvestError(
                "network_error", retryable=True, url=url, detail=type(error).__name__
            ) from error
        return b"".join(chunks)


def _host_header(target: CheckedTarget) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _pinned_url(target: CheckedTarget) -> str:
    parts = urlsplit(target.url)
    address = f"[{target.address}]" if ":" in target.address else target.address
    netloc = f"{address}:{target.port}"
    return urlunsplit((target.scheme, netloc, parts.path or "/", parts.query, ""))

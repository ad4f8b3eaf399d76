"""Egress guard: decide, before any connection, whether a URL may be fetched.

Harvest sources, file links and every redirect hop are attacker-controlled URLs. Fetching them
blindly lets a hostile source make the portal read cloud metadata or intranet services (SSRF).
The guard resolves the host once, refuses non-public addresses unless the exact ``host[:port]``
was allowlisted, and returns the checked address so the caller connects to *that* address
(no second DNS lookup, hence no DNS-rebinding window).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from harvesters.errors import HarvestError

__all__ = [
    "ALLOWED_SCHEMES",
    "CheckedTarget",
    "EgressPolicy",
    "Resolver",
    "check_url",
    "forbidden_reason",
    "system_resolver",
]

ALLOWED_SCHEMES = frozenset({"http", "https"})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Cloud metadata endpoints, refused even if some future ipaddress release calls them global.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> Sequence[str]:
    """Resolve ``host`` to every address the system would try (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class EgressPolicy:
    """Which destinations are reachable.

    ``allow_hosts`` holds lower-case ``host`` or ``host:port`` entries that may resolve to
    loopback or private addresses (a test fixture server, an intranet repository). Metadata
    addresses stay refused even then.
    """

    allow_hosts: frozenset[str] = frozenset()

    @classmethod
    def allowing(cls, *entries: str) -> EgressPolicy:
        return cls(allow_hosts=frozenset(entry.strip().lower() for entry in entries if entry))

    def is_allowlisted(self, host: str, port: int) -> bool:
        host = host.lower()
        return host in self.allow_hosts or f"{_bracket(host)}:{port}" in self.allow_hosts


@dataclass(frozen=True)
class CheckedTarget:
    """A URL that passed the guard, with the address the connection must use."""

    url: str
    scheme: str
    host: str
    port: int
    address: str


def forbidden_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be contacted, or None when it is an ordinary public address."""
    if address in METADATA_ADDRESSES:
        return "metadata"
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return forbidden_reason(mapped)
        if address.teredo is not None:
            return "teredo"
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not-global", not address.is_global),
    )
    for reason, hit in checks:
        if hit:
            return reason
    return None


def check_url(
    url: str, policy: EgressPolicy, resolver: Resolver = system_resolver
) -> CheckedTarget:
    """Validate scheme and destination of ``url``; raise HarvestError when refused.

    Every resolved address must be acceptable (a host answering one public and one private
    address is refused), and the first one is pinned for the connection.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise HarvestError("bad_url", url=url) from error
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise HarvestError("scheme_refused", url=url)
    host = (parts.hostname or "").lower()
    if not host:
        raise HarvestError("bad_url", url=url)
    port = port if port is not None else (443 if scheme == "https" else 80)
    allowlisted = policy.is_allowlisted(host, port)
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolver(host, port)]
        except (OSError, UnicodeError, ValueError) as error:
            raise HarvestError("dns_failed", retryable=True, host=host) from error
    if not addresses:
        raise HarvestError("dns_failed", retryable=True, host=host)
    for address in addresses:
        reason = forbidden_reason(address)
        if reason is None:
            continue
        if allowlisted and reason != "metadata":
            continue
        raise HarvestError("address_refused", host=host, address=str(address))
    return CheckedTarget(url=url, scheme=scheme, host=host, port=port, address=str(addresses[0]))


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host

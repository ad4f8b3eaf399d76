"""Shared fixtures for the harvester tests: one fixture server, and a loopback-only net.

The safety net makes any socket connection to a non-loopback address fail the test loudly:
if the egress guard ever regressed, the test fails here instead of sending traffic outside.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from harvesters.egress import EgressPolicy  # noqa: E402
from harvesters.http import GuardedSession, HttpConfig  # noqa: E402
from tests.fixture_server import FixtureConfig, FixtureServer  # noqa: E402

_real_connect = socket.socket.connect


def _loopback_only_connect(self: socket.socket, address: Any) -> None:
    if isinstance(address, tuple):
        host = str(address[0]).split("%", 1)[0]
        try:
            is_loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            is_loopback = False
        if not is_loopback:
            raise AssertionError(f"test tried to connect outside loopback: {address!r}")
    _real_connect(self, address)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only_connect)


@pytest.fixture(scope="session")
def server() -> Iterator[FixtureServer]:
    with FixtureServer(FixtureConfig(records=250, page_size=100, drip_interval=0.25)) as srv:
        yield srv


@pytest.fixture()
def policy(server: FixtureServer) -> EgressPolicy:
    return EgressPolicy.allowing(server.host_port)


@pytest.fixture()
def fast_config() -> HttpConfig:
    return HttpConfig(
        connect_timeout=2, read_timeout=2, deadline=5, retries=2, backoff_base=0.05, backoff_cap=0.2
    )


@pytest.fixture()
def session(policy: EgressPolicy, fast_config: HttpConfig) -> Iterator[GuardedSession]:
    with GuardedSession(fast_config, policy) as guarded:
        yield guarded

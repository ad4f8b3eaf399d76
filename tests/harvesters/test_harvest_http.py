"""HTTP layer against the fixture server: deadlines, caps, retries, redirects, egress."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from harvesters.egress import EgressPolicy
from harvesters.errors import HarvestError
from harvesters.http import GuardedSession, HttpConfig, parse_retry_after
from tests.fixture_server import FixtureServer


def test_fetch_sends_user_agent_and_real_host(
    session: GuardedSession, server: FixtureServer
) -> None:
    result = session.fetch(f"{server.base_url}/fault/echo")
    headers = result.body.decode()
    assert "User-Agent: VUSTA-harvester/" in headers
    assert f"Host: {server.host_port}" in headers


def test_loopback_source_refused_without_allowlist(server: FixtureServer) -> None:
    before = server.hits("path:/fault/echo")
    guarded = GuardedSession(HttpConfig(retries=0))
    with pytest.raises(HarvestError) as caught:
        guarded.fetch(f"{server.base_url}/fault/echo")
    assert caught.value.code == "address_refused"
    assert guarded.requests_sent == 0
    assert server.hits("path:/fault/echo") == before


def test_allowlist_for_another_port_does_not_open_the_server(server: FixtureServer) -> None:
    guarded = GuardedSession(HttpConfig(retries=0), EgressPolicy.allowing("127.0.0.1:1"))
    with pytest.raises(HarvestError):
        guarded.fetch(f"{server.base_url}/fault/echo")


@pytest.mark.parametrize("target", ["private", "metadata", "loopback-name", "file"])
def test_redirect_to_internal_address_refused_before_connecting(
    session: GuardedSession, server: FixtureServer, target: str
) -> None:
    with pytest.raises(HarvestError) as caught:
        session.fetch(f"{server.base_url}/fault/redirect-{target}")
    assert caught.value.code in ("address_refused", "scheme_refused")
    assert session.requests_sent == 1  # only the hop to the fixture server itself


def test_redirect_within_allowed_host_is_followed(
    session: GuardedSession, server: FixtureServer
) -> None:
    result = session.fetch(f"{server.base_url}/fault/redirect-local")
    assert result.url.endswith("/fault/echo") and b"User-Agent" in result.body


def test_redirect_loop_stops(session: GuardedSession, server: FixtureServer) -> None:
    with pytest.raises(HarvestError) as caught:
        session.fetch(f"{server.base_url}/fault/redirect-loop")
    assert caught.value.code == "too_many_redirects"


def test_slow_drip_is_cut_at_the_deadline(server: FixtureServer, policy: EgressPolicy) -> None:
    # The server sends one byte every 0.25 s: each read succeeds, only the deadline stops it.
    config = HttpConfig(read_timeout=1.0, deadline=1.0, retries=0)
    started = time.monotonic()
    with pytest.raises(HarvestError) as caught:
        GuardedSession(config, policy).fetch(f"{server.base_url}/fault/drip")
    elapsed = time.monotonic() - started
    assert caught.value.code == "deadline_exceeded"
    assert 0.9 < elapsed < 2.5


def test_declared_oversize_body_refused(server: FixtureServer, policy: EgressPolicy) -> None:
    config = HttpConfig(max_bytes=10_000, retries=0)
    with pytest.raises(HarvestError) as caught:
        GuardedSession(config, policy).fetch(f"{server.base_url}/fault/big?size=50000")
    assert caught.value.code == "too_large"


def test_undeclared_oversize_body_cut_while_streaming(
    server: FixtureServer, policy: EgressPolicy
) -> None:
    config = HttpConfig(max_bytes=20_000, retries=0)
    with pytest.raises(HarvestError) as caught:
        GuardedSession(config, policy).fetch(
            f"{server.base_url}/fault/big-undeclared?size=10000000"
        )
    assert caught.value.code == "too_large"


def test_body_under_cap_is_returned_whole(session: GuardedSession, server: FixtureServer) -> None:
    result = session.fetch(f"{server.base_url}/fault/big-undeclared?size=30000")
    assert len(result.body) >= 30000


def test_server_error_retried_then_reported(session: GuardedSession, server: FixtureServer) -> None:
    with pytest.raises(HarvestError) as caught:
        session.fetch(f"{server.base_url}/fault/status-500")
    assert caught.value.code == "http_status" and caught.value.params["status"] == 500
    assert caught.value.retryable
    assert session.requests_sent == 3  # first attempt + 2 retries


def test_retry_after_seconds_is_honoured(session: GuardedSession, server: FixtureServer) -> None:
    started = time.monotonic()
    result = session.fetch(f"{server.base_url}/fault/retry-429?key=seconds&after=1")
    assert result.body == b"ok after 2"
    assert time.monotonic() - started >= 1.0


def test_retry_after_http_date_is_honoured(session: GuardedSession, server: FixtureServer) -> None:
    started = time.monotonic()
    result = session.fetch(f"{server.base_url}/fault/retry-503-date?key=date")
    assert result.body == b"ok after 2"
    assert time.monotonic() - started >= 0.9


def test_retry_after_beyond_cap_gives_up_politely(
    session: GuardedSession, server: FixtureServer
) -> None:
    started = time.monotonic()
    with pytest.raises(HarvestError) as caught:
        session.fetch(f"{server.base_url}/fault/retry-429?key=cap&after=3600&fail=5")
    assert caught.value.code == "retry_after_too_long"
    assert time.monotonic() - started < 1.0


def test_min_interval_spaces_requests(server: FixtureServer, policy: EgressPolicy) -> None:
    guarded = GuardedSession(HttpConfig(min_interval=0.3), policy)
    started = time.monotonic()
    for _ in range(3):
        guarded.fetch(f"{server.base_url}/fault/echo")
    assert time.monotonic() - started >= 0.6


def test_parse_retry_after_forms() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_error_messages_are_bilingual(session: GuardedSession, server: FixtureServer) -> None:
    with pytest.raises(HarvestError) as caught:
        session.fetch(f"{server.base_url}/fault/redirect-private")
    assert "Từ chối kết nối" in str(caught.value)
    assert caught.value.message("en").startswith("Refused to connect")

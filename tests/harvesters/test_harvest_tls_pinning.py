"""HTTPS through the pinned address: the connection goes to the checked IP, yet the certificate
is verified for the real host name (so DNS rebinding cannot swap the server under us)."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from harvesters.egress import EgressPolicy
from harvesters.errors import HarvestError
from harvesters.http import GuardedSession, HttpConfig
from tests.fixture_server import FixtureServer


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FixtureServer, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with FixtureServer(tls=context) as server:
        yield server, cert


def test_https_by_name_is_pinned_and_verified(tls_server: tuple[FixtureServer, Path]) -> None:
    server, cert = tls_server
    port = server.host_port.rsplit(":", 1)[1]
    config = HttpConfig(ca_bundle=str(cert), retries=0)
    guarded = GuardedSession(config, EgressPolicy.allowing(f"localhost:{port}"))
    result = guarded.fetch(f"https://localhost:{port}/fault/echo")
    assert f"Host: localhost:{port}" in result.body.decode()


def test_certificate_for_another_name_is_rejected(tls_server: tuple[FixtureServer, Path]) -> None:
    server, cert = tls_server
    config = HttpConfig(ca_bundle=str(cert), retries=0)
    guarded = GuardedSession(config, EgressPolicy.allowing(server.host_port))
    with pytest.raises(HarvestError) as caught:
        guarded.fetch(f"{server.base_url}/fault/echo")  # https://127.0.0.1: cert says localhost
    assert caught.value.code == "network_error"

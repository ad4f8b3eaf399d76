"""Egress guard: which destinations are refused before any connection."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

import pytest

from harvesters.egress import EgressPolicy, check_url, forbidden_reason
from harvesters.errors import HarvestError


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address to refuse, not to bind
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "::",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "2002:a00:1::",
        "2001:db8::1",
    ],
)
def test_internal_and_reserved_addresses_are_refused(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def resolver_for(mapping: dict[str, Sequence[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> Sequence[str]:
        if host not in mapping:
            raise OSError("no such host")
        return mapping[host]

    return resolve


def test_public_host_is_pinned_to_checked_address() -> None:
    target = check_url(
        "https://journal.example.vn/oai?verb=Identify",
        EgressPolicy(),
        resolver_for({"journal.example.vn": ["93.184.216.34"]}),
    )
    assert (target.address, target.port, target.scheme) == ("93.184.216.34", 443, "https")


def test_host_with_one_private_answer_is_refused() -> None:
    resolve = resolver_for({"rebind.example": ["93.184.216.34", "10.1.2.3"]})
    with pytest.raises(HarvestError) as caught:
        check_url("http://rebind.example/", EgressPolicy(), resolve)
    assert caught.value.code == "address_refused"
    assert "10.1.2.3" in caught.value.message("en")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.vn/x",
        "gopher://example.vn/",
        "javascript:alert(1)",
        "data:text/plain,hi",
    ],
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(HarvestError) as caught:
        check_url(url, EgressPolicy(), resolver_for({}))
    assert caught.value.code == "scheme_refused"


def test_literal_metadata_address_refused_even_when_allowlisted() -> None:
    policy = EgressPolicy.allowing("169.254.169.254")
    with pytest.raises(HarvestError) as caught:
        check_url("http://169.254.169.254/latest/meta-data/", policy, resolver_for({}))
    assert caught.value.code == "address_refused"


def test_allowlist_is_host_and_port_exact() -> None:
    resolve = resolver_for({"intranet.hoi.vn": ["192.168.10.5"]})
    allowed = EgressPolicy.allowing("intranet.hoi.vn:8080")
    assert check_url("http://intranet.hoi.vn:8080/oai", allowed, resolve).address == "192.168.10.5"
    with pytest.raises(HarvestError):
        check_url("http://intranet.hoi.vn:9090/oai", allowed, resolve)
    assert (
        check_url(
            "http://INTRANET.hoi.vn/x", EgressPolicy.allowing("intranet.hoi.vn"), resolve
        ).address
        == "192.168.10.5"
    )


def test_unresolvable_host_is_a_retryable_error() -> None:
    with pytest.raises(HarvestError) as caught:
        check_url("http://nowhere.invalid/", EgressPolicy(), resolver_for({}))
    assert caught.value.code == "dns_failed" and caught.value.retryable


def test_malformed_url_is_refused() -> None:
    with pytest.raises(HarvestError) as caught:
        check_url("http://host:notaport/", EgressPolicy(), resolver_for({}))
    assert caught.value.code == "bad_url"

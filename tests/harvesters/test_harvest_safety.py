"""Safe XML parsing and magic-byte sniffing."""

from __future__ import annotations

import pytest

from harvesters.errors import HarvestError
from harvesters.http import GuardedSession
from harvesters.sniff import require_kind, sniff_kind
from harvesters.xmlsafe import parse_xml
from tests.fixture_server import FixtureServer
from tests.fixture_server.pdf import make_pdf


@pytest.mark.parametrize("fault", ["xxe", "billion-laughs"])
def test_entity_payloads_from_server_are_refused(
    session: GuardedSession, server: FixtureServer, fault: str
) -> None:
    body = session.fetch(f"{server.base_url}/oai/fault/{fault}", {"verb": "Identify"}).body
    with pytest.raises(HarvestError) as caught:
        parse_xml(body)
    assert caught.value.code == "xml_entities"


def test_external_dtd_refused() -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://169.254.169.254/x.dtd"><r/>'
    with pytest.raises(HarvestError) as caught:
        parse_xml(body)
    assert caught.value.code == "xml_entities"


def test_entity_declared_in_utf16_refused() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>'
    with pytest.raises(HarvestError) as caught:
        parse_xml(text.encode("utf-16"))
    assert caught.value.code == "xml_entities"


def test_doctype_without_entities_is_accepted() -> None:
    assert parse_xml(b"<!DOCTYPE r><r><a>1</a></r>").findtext("a") == "1"


def test_truncated_xml_fails_the_page() -> None:
    whole = b'<?xml version="1.0"?><r>' + b"<a>x</a>" * 100 + b"</r>"
    with pytest.raises(HarvestError) as caught:
        parse_xml(whole[: len(whole) // 2])
    assert caught.value.code == "xml_invalid"
    assert "XML" in str(caught.value)


def test_undeclared_entity_is_invalid_not_dropped() -> None:
    with pytest.raises(HarvestError) as caught:
        parse_xml(b"<r>a &nbsp; b</r>")
    assert caught.value.code == "xml_invalid"


def test_xml_declaration_decides_encoding() -> None:
    body = '<?xml version="1.0" encoding="windows-1258"?><r>Vi\u00eat</r>'.encode("cp1258")
    assert parse_xml(body).text == "Vi\u00eat"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (make_pdf("x"), "pdf"),
        (b"<!DOCTYPE html><html><body>login</body></html>", "html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "html"),
        (b"\xef\xbb\xbf<?xml version='1.0'?><OAI-PMH/>", "xml"),
        (b'  {"success": true}', "json"),
        (b"", "empty"),
        (b"PK\x03\x04binary", "unknown"),
    ],
)
def test_sniff_kind(body: bytes, kind: str) -> None:
    assert sniff_kind(body) == kind


def test_pdf_link_serving_login_page_is_detected(
    session: GuardedSession, server: FixtureServer
) -> None:
    result = session.fetch(f"{server.base_url}/fault/login-wall.pdf")
    assert result.content_type == "application/pdf"  # the header lies
    with pytest.raises(HarvestError) as caught:
        require_kind(result.body, "pdf", result.url)
    assert caught.value.code == "unexpected_content" and caught.value.params["actual"] == "html"


def test_real_pdf_passes(session: GuardedSession, server: FixtureServer) -> None:
    result = session.fetch(f"{server.base_url}/files/article-3.pdf")
    require_kind(result.body, "pdf", result.url)

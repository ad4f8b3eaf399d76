"""A librarian creates a publication in headless Chromium (Debian's package, driven by
Playwright) through the scheming form, is told in Vietnamese what is wrong with a bad DOI,
fixes it, and lands on the record's page with its citation and Scholar tags. Screenshots are
kept in test-artifacts/."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ckan.tests import factories, helpers

from tests.conftest import REPO_ROOT
from tests.stack.catalogue_support import CATALOGUE_MARKS
from tests.stack.solr_server import free_port

pytestmark = [*CATALOGUE_MARKS, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
# The test ini's session cookie is bound to test.ckan.net: the browser resolves it to us.
HOST = "test.ckan.net"
ARTIFACTS = REPO_ROOT / "test-artifacts"
PASSWORD = "Thu-vien-so-2026"


def _chromium_args() -> list[str]:
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]


@pytest.fixture
def server(ckan_config: Any) -> Iterator[str]:
    """`ckan run` on a free port with the same test ini (database, Solr core, storage)."""
    ini = Path(ckan_config["__file__"])
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "catalogue_browser_server.log"
    ckan = Path(sys.executable).parent / "ckan"
    process = subprocess.Popen([str(ckan), "-c", str(ini), "run", "--host", "127.0.0.1",
                                "--port", str(port), "--disable-reloader"],
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/3/action/status_show", timeout=5):
                    break
            except OSError:
                assert process.poll() is None, log.read_text()[-2000:]
                assert time.monotonic() < deadline, "CKAN did not start"
                time.sleep(0.5)
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _post_keeping_our_port(route: Any, server: str) -> None:
    """CKAN redirects after a form POST to absolute site_url addresses, which have no port
    here: pass the POST on (to 127.0.0.1, Host kept) and point the redirect at our port."""
    request = route.request
    if request.method != "POST":
        route.continue_()
        return
    local = request.url.replace(f"//{HOST}:", "//127.0.0.1:")
    response = route.fetch(url=local, max_redirects=0,
                           headers={**request.headers, "host": server.split("//")[1]})
    headers = dict(response.headers)
    if "location" in headers:
        headers["location"] = headers["location"].replace(f"http://{HOST}/", f"{server}/")
    route.fulfill(response=response, headers=headers)


def test_librarian_creates_a_publication_in_the_browser(server: str) -> None:
    from playwright.sync_api import sync_playwright

    librarian = factories.User(name="thu-vien-vien", password=PASSWORD)
    helpers.call_action("organization_create", context={"user": factories.Sysadmin()["name"]},
                        name="hoi-thuy-loi", title="Hội Thủy lợi Việt Nam",
                        users=[{"name": librarian["name"], "capacity": "editor"}])

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_chromium_args())
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.route("**/*", lambda route: _post_keeping_our_port(route, server))
            page.goto(f"{server}/user/login")
            page.fill("#field-login", librarian["name"])
            page.fill("#field-password", PASSWORD)
            with page.expect_navigation():
                page.press("#field-password", "Enter")
            page.goto(f"{server}/publication/new")
            page.screenshot(path=str(ARTIFACTS / "catalogue_form.png"), full_page=True)
            assert "Loại ấn phẩm" in page.content(), page.inner_text("body")[:800]
            page.fill("#field-title", "Đánh giá xâm nhập mặn ở Bến Tre")
            page.evaluate("document.querySelector('#field-name').value = 'xam-nhap-man-ben-tre'")
            page.select_option("#field-publication_type", "journal-article")
            page.fill("#field-authors-0-name", "Nguyễn Thị Hương")
            page.fill("#field-authors-0-orcid", "0000-0002-1825-0097")
            page.fill("#field-year", "2023")
            page.fill("#field-journal_title", "Tạp chí Khoa học Thủy lợi")
            page.fill("#field-doi", "doi-sai")
            page.select_option("#field-access", "open")
            page.click("button[name=save]")
            page.wait_for_load_state()
            assert "DOI không hợp lệ" in page.content()
            page.screenshot(path=str(ARTIFACTS / "catalogue_form_error.png"), full_page=True)

            page.fill("#field-doi", "10.1234/tlvn.2023.15")
            page.click("button[name=save]")
            page.wait_for_load_state()
            assert "/resource/new" in page.url, page.url + page.inner_text("body")[:1500]
            page.click("#resource-link-button")
            page.fill("#field-resource-url", "https://files.example.vn/xam-nhap-man.pdf")
            page.fill("#field-name", "Toàn văn")
            page.click("button[name=save][value=go-metadata]")
            page.wait_for_load_state()

            page.goto(f"{server}/publication/xam-nhap-man-ben-tre")
            citation = page.inner_text("blockquote.vusta-citation-text")
            assert citation.startswith("Nguyễn Thị Hương (2023). Đánh giá xâm nhập mặn ở Bến Tre.")
            assert page.get_attribute("meta[name=citation_author]", "content") == (
                "Nguyễn, Thị Hương")
            assert page.get_attribute("meta[name=citation_doi]", "content") == (
                "10.1234/tlvn.2023.15")
            page.screenshot(path=str(ARTIFACTS / "catalogue_landing.png"), full_page=True)
        finally:
            browser.close()

    stored = helpers.call_action("package_show", id="xam-nhap-man-ben-tre")
    assert stored["type"] == "publication"
    assert stored["state"] == "active"
    assert stored["authors"][0]["orcid"] == "0000-0002-1825-0097"

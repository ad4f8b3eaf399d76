"""The search page in headless Chromium (Debian's package, driven by Playwright): an unaccented
query finds the accented record first with a page snippet; its link opens the PDF at that
page. A screenshot is kept in test-artifacts/."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ckan.lib import jobs
from ckan.tests import factories

from ckanext.vusta.demo.pdf import render_pdf
from tests.conftest import REPO_ROOT
from tests.stack.solr_server import free_port

pytestmark = [
    pytest.mark.stack,
    pytest.mark.slow,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                            "with_test_worker"),
]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO_ROOT / "test-artifacts"
Upload = Callable[..., dict[str, Any]]


@pytest.fixture
def server(ckan_config: Any) -> Iterator[str]:
    """The portal on a free port, with the same test ini (database, Solr core, storage)."""
    ini = Path(ckan_config["__file__"])
    port = free_port()
    ckan = Path(sys.executable).parent / "ckan"
    log = (ARTIFACTS / "search_browser_server.log")
    ARTIFACTS.mkdir(exist_ok=True)
    process = subprocess.Popen([str(ckan), "-c", str(ini), "run", "--host", "127.0.0.1",
                                "--port", str(port), "--disable-reloader"],
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/3/action/status_show", timeout=5):
                break
        except OSError:
            assert process.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "CKAN did not start"
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=30)


def test_unaccented_query_in_chromium_finds_accented_page_and_opens_pdf_there(
    create_with_upload: Upload, server: str,
) -> None:
    from playwright.sync_api import sync_playwright

    org = factories.Organization(title="Hội Động vật học Việt Nam")
    target = factories.Dataset(owner_org=org["id"], title="Khảo sát đa dạng sinh học Cúc Phương")
    create_with_upload(render_pdf("Khảo sát", ["Mục lục và lời giới thiệu.",
                                               "Thú linh trưởng ở Cúc Phương.",
                                               "Quần thể voọc mông trắng trên núi đá vôi."], FONT),
                       "khao-sat.pdf", package_id=target["id"], format="PDF")
    factories.Dataset(owner_org=org["id"], title="Vốc mộng trang trí đình làng",
                      notes="Nghề chạm gỗ truyền thống.")
    jobs.Worker(["vusta"]).work(burst=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(accept_downloads=True).new_page()
        page.goto(f"{server}/search", wait_until="domcontentloaded")
        page.fill("#vusta-q", "vooc mong trang")
        page.press("#vusta-q", "Enter")
        page.wait_for_selector(".vusta-result")

        first = page.locator(".vusta-result").first
        assert first.locator(".vusta-result-title").inner_text() == target["title"]
        link = first.locator("a.vusta-page-link").first
        assert link.inner_text() == "trang 3"
        assert "<mark>voọc</mark> <mark>mông</mark> <mark>trắng</mark>" in \
            first.locator(".vusta-snippet-text").first.inner_html()
        href = str(link.get_attribute("href"))
        assert href.endswith("/download/khao-sat.pdf#page=3")
        page.screenshot(path=str(ARTIFACTS / "search_unaccented_query.png"), full_page=True)

        opened: list[Any] = []
        page.on("download", lambda download: opened.append(download))
        link.click()
        deadline = time.monotonic() + 20
        while not opened and "khao-sat.pdf" not in page.url and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        if opened:  # Chromium saved the file instead of showing it
            assert opened[0].url == server + href.split("#")[0]
            assert Path(opened[0].path()).read_bytes().startswith(b"%PDF")
        else:  # shown in the browser, at the page of the snippet
            assert page.url == server + href
            assert page.request.get(page.url).body().startswith(b"%PDF")
        browser.close()

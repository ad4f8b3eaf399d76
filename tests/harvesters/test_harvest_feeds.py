"""RSS/Atom feeds, WordPress REST and sitemap, article-page citation metadata."""

from __future__ import annotations

import pytest

from harvesters.errors import HarvestError
from harvesters.feeds import (
    article_urls_from_sitemap,
    fetch_article,
    parse_feed,
    wordpress_post_urls,
)
from harvesters.htmlmeta import map_article_page
from harvesters.http import GuardedSession
from ocr_pipeline.vietnamese import normalise_text
from tests.fixture_server import FixtureServer


def live_numbers(server: FixtureServer) -> list[int]:
    return [p.number for p in server.publications[:12] if not p.deleted]


def test_rss_feed(server: FixtureServer, session: GuardedSession) -> None:
    body = session.fetch(f"{server.base_url}/feed/rss.xml").body
    records = parse_feed(body, "hoi-rss")
    assert [r.identifier for r in records] == [f"post-{n}" for n in live_numbers(server)]
    first, pub = records[0], server.publications[0]
    assert first.title.vi == normalise_text(pub.title_vi)
    assert first.abstract.vi == normalise_text(pub.abstract_vi)  # <p> stripped
    assert first.language == "vi" and first.year == pub.year
    assert first.files[0].is_pdf and first.original_url.endswith("/wp/article/1/")


def test_atom_feed(server: FixtureServer, session: GuardedSession) -> None:
    records = parse_feed(session.fetch(f"{server.base_url}/feed/atom.xml").body, "hoi-atom")
    assert len(records) == len(live_numbers(server))
    assert records[0].title.en == server.publications[0].title_en
    assert records[0].abstract.en == server.publications[0].abstract_en
    assert records[0].files[0].is_pdf


def test_non_feed_xml_is_refused() -> None:
    with pytest.raises(HarvestError) as caught:
        parse_feed(b"<?xml version='1.0'?><html/>", "x")
    assert caught.value.code == "bad_response"


def test_wordpress_rest_pages_and_article_meta(
    server: FixtureServer, session: GuardedSession
) -> None:
    urls = list(wordpress_post_urls(f"{server.base_url}/wp", session, per_page=4))
    assert len(urls) == len(live_numbers(server))
    record = fetch_article(urls[2], session, "hoi-wp")
    pub = server.publications[live_numbers(server)[2] - 1]
    assert record.title.vi == normalise_text(pub.title_vi)
    assert record.title.en == pub.title_en  # from JSON-LD alternativeHeadline
    assert [a.name for a in record.authors] == [normalise_text(a) for a in pub.authors]
    assert (record.volume, record.issue) == (str(pub.volume), str(pub.issue))
    assert record.pages == f"{pub.first_page}-{pub.last_page}"
    assert record.issn == ("1859-3100",) and record.doi == (pub.doi or "")
    assert record.files[0].url.endswith(f"article-{pub.number}.pdf")
    assert record.abstract.vi == normalise_text(pub.abstract_vi)  # JSON-LD description


def test_sitemap_lists_article_pages(server: FixtureServer, session: GuardedSession) -> None:
    urls = article_urls_from_sitemap(f"{server.base_url}/wp/sitemap.xml", session)
    assert urls == [f"{server.base_url}/wp/article/{n}/" for n in live_numbers(server)]


def test_article_script_is_never_run_or_kept_as_markup() -> None:
    html = (
        '<html lang="vi"><head><meta name="citation_title" content="Tiêu đề &lt;script&gt;x">'
        "<script>alert(1)</script></head></html>"
    )
    record = map_article_page(html, "https://hoi.vn/a", "s")
    assert record.title.vi == "Tiêu đề"  # markup (and script text) stripped from metadata
    assert record.language == "vi"


def test_article_url_serving_a_pdf_is_refused(
    server: FixtureServer, session: GuardedSession
) -> None:
    with pytest.raises(HarvestError) as caught:
        fetch_article(f"{server.base_url}/files/article-1.pdf", session, "s")
    assert caught.value.code == "unexpected_content"

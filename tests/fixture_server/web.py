"""CKAN API, RSS/Atom, WordPress (REST, sitemap, article pages) and manifest fixtures."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape

from tests.fixture_server.content import Publication

__all__ = [
    "MANIFEST_HEADINGS",
    "article_page",
    "atom_feed",
    "ckan_action",
    "manifest_csv",
    "rss_feed",
    "sitemap",
    "wp_posts",
]

CKAN_REMOVED_LATER = frozenset({3, 4})  # deleted / made private in the "after" state
MANIFEST_HEADINGS = (
    "Mã định danh",
    "Tiêu đề (tiếng Việt)",
    "Tiêu đề (tiếng Anh)",
    "Tác giả",
    "Năm",
    "DOI",
    "ISSN",
    "Tên tạp chí",
    "Tập",
    "Số",
    "Trang",
    "Từ khóa",
    "Tóm tắt",
    "Ngôn ngữ",
    "Liên kết tệp",
    "Giấy phép",
)


def _ckan_dataset(pub: Publication, base_url: str) -> dict[str, object]:
    modified = datetime(2022, 1, 1, tzinfo=timezone.utc) + timedelta(days=pub.number)
    return {
        "id": f"00000000-0000-4000-8000-{pub.number:012d}",
        "name": f"bai-bao-{pub.number}",
        "title": pub.title_vi,
        "notes": pub.abstract_vi,
        "metadata_modified": modified.strftime("%Y-%m-%dT%H:%M:%S.%f"),
        "metadata_created": "2022-01-01T00:00:00.000000",
        "organization": {"name": "hoi-tin-hoc" if pub.number % 2 == 0 else "hoi-y-hoc"},
        "author": "; ".join(pub.authors),
        "license_id": "cc-by",
        "language": "vi",
        "url": pub.article_url,
        "tags": [{"name": k.strip()} for k in pub.keywords_vi.split(";")],
        "extras": [{"key": "doi", "value": pub.doi or ""}, {"key": "year", "value": str(pub.year)}],
        "resources": [
            {
                "url": f"{base_url}/files/article-{pub.number}.pdf",
                "format": "PDF",
                "mimetype": "application/pdf",
                "name": "Toàn văn",
            }
        ],
        "private": False,
    }


def ckan_action(
    pubs: tuple[Publication, ...],
    action: str,
    params: Mapping[str, str],
    base_url: str,
    after_removal: bool,
) -> tuple[int, bytes]:
    if action != "package_search":
        return 400, json.dumps({"success": False, "error": {"message": "unknown"}}).encode()
    datasets = [
        _ckan_dataset(p, base_url)
        for p in pubs
        if not (after_removal and p.number in CKAN_REMOVED_LATER)
    ]
    for clause in params.get("fq", "").split(" AND "):
        clause = clause.strip()
        if clause.startswith("organization:"):
            org = clause.split(":", 1)[1].strip('"')
            datasets = [d for d in datasets if d["organization"]["name"] == org]  # type: ignore[index]
        elif clause.startswith("metadata_modified:["):
            low = clause[len("metadata_modified:[") :].split(" TO ", 1)[0].rstrip("Z")
            datasets = [d for d in datasets if str(d["metadata_modified"]) >= low]
    datasets.sort(key=lambda d: (str(d["metadata_modified"]), str(d["id"])))
    start, rows = int(params.get("start", "0")), min(int(params.get("rows", "10")), 1000)
    result = {"count": len(datasets), "results": datasets[start : start + rows]}
    return 200, json.dumps({"success": True, "result": result}, ensure_ascii=False).encode()


def _rfc822(pub: Publication) -> str:
    return format_datetime(datetime(pub.year, 1 + pub.number % 12, 15, 8, 0, tzinfo=timezone.utc))


def rss_feed(pubs: tuple[Publication, ...], base_url: str) -> bytes:
    items = "".join(
        f"<item><title>{escape(p.title_vi)}</title><link>{base_url}/wp/article/{p.number}/</link>"
        f'<guid isPermaLink="false">post-{p.number}</guid><pubDate>{_rfc822(p)}</pubDate>'
        f"<dc:creator>{escape(p.authors[0])}</dc:creator>"
        f"<category>{escape(p.keywords_vi.split(';')[0])}</category>"
        f"<description>{escape('<p>' + p.abstract_vi + '</p>')}</description>"
        f'<enclosure url="{base_url}/files/article-{p.number}.pdf" type="application/pdf" '
        f'length="600"/></item>'
        for p in pubs
        if not p.deleted
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bản tin Hội</title>'
        f"<link>{base_url}/wp/</link><language>vi</language>{items}</channel></rss>"
    ).encode()


def atom_feed(pubs: tuple[Publication, ...], base_url: str) -> bytes:
    entries = "".join(
        f"<entry><id>tag:hoi.example.vn,{p.year}:{p.number}</id>"
        f'<title type="text">{escape(p.title_en)}</title>'
        f'<link rel="alternate" href="{base_url}/wp/article/{p.number}/"/>'
        f'<link rel="enclosure" type="application/pdf" '
        f'href="{base_url}/files/article-{p.number}.pdf"/>'
        f"<updated>{p.year}-03-01T00:00:00Z</updated><published>{p.year}-02-01T00:00:00Z</published>"
        f"<author><name>{escape(p.authors[0])}</name></author>"
        f'<summary type="html">{escape("<p>" + p.abstract_en + "</p>")}</summary></entry>'
        for p in pubs
        if not p.deleted
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="en"><title>Association news</title><id>urn:fixture:feed</id>'
        f"<updated>2024-01-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def wp_posts(
    pubs: tuple[Publication, ...], params: Mapping[str, str], base_url: str
) -> tuple[int, dict[str, str], bytes]:
    live = [p for p in pubs if not p.deleted]
    per_page = min(int(params.get("per_page", "10")), 100)
    page = int(params.get("page", "1"))
    pages = max(1, -(-len(live) // per_page))
    if page > pages:
        body = {"code": "rest_post_invalid_page_number", "message": "invalid page"}
        return 400, {}, json.dumps(body).encode()
    chunk = live[(page - 1) * per_page : page * per_page]
    posts = [
        {
            "id": p.number,
            "date_gmt": f"{p.year}-02-01T00:00:00",
            "modified_gmt": f"{p.year}-03-01T00:00:00",
            "link": f"{base_url}/wp/article/{p.number}/",
            "title": {"rendered": escape(p.title_vi)},
            "excerpt": {"rendered": f"<p>{escape(p.abstract_vi)}</p>"},
        }
        for p in chunk
    ]
    headers = {"X-WP-Total": str(len(live)), "X-WP-TotalPages": str(pages)}
    return 200, headers, json.dumps(posts, ensure_ascii=False).encode()


def sitemap(pubs: tuple[Publication, ...], base_url: str) -> bytes:
    urls = "".join(
        f"<url><loc>{base_url}/wp/article/{p.number}/</loc><lastmod>{p.year}-03-01</lastmod></url>"
        for p in pubs
        if not p.deleted
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def article_page(pub: Publication, base_url: str) -> bytes:
    meta = [
        ("citation_title", pub.title_vi),
        ("citation_language", "vi"),
        ("citation_publication_date", f"{pub.year}/02/01"),
        ("citation_journal_title", "Tạp chí Khoa học và Công nghệ"),
        ("citation_issn", "1859-3100"),
        ("citation_volume", str(pub.volume)),
        ("citation_issue", str(pub.issue)),
        ("citation_firstpage", str(pub.first_page)),
        ("citation_lastpage", str(pub.last_page)),
        ("citation_pdf_url", f"{base_url}/files/article-{pub.number}.pdf"),
        ("citation_keywords", pub.keywords_vi),
    ]
    meta += [("citation_author", a) for a in pub.authors]
    if pub.doi:
        meta.append(("citation_doi", pub.doi))
    tags = "".join(f'<meta name="{n}" content="{escape(v)}">' for n, v in meta)
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "headline": pub.title_vi,
            "inLanguage": "vi",
            "alternativeHeadline": pub.title_en,
            "description": pub.abstract_vi,
            "datePublished": f"{pub.year}-02-01",
            "author": [{"@type": "Person", "name": a} for a in pub.authors],
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{tags}'
        f'<script type="application/ld+json">{ld}</script>'
        f"<title>{escape(pub.title_vi)}</title></head><body><h1>{escape(pub.title_vi)}</h1>"
        "<script>alert('x')</script></body></html>"
    ).encode()


def manifest_csv(pubs: tuple[Publication, ...], base_url: str, broken: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MANIFEST_HEADINGS)
    for p in pubs:
        if p.deleted:
            continue
        year = str(p.year)
        doi = p.doi or ""
        if broken and p.number == 2:
            year = "năm ngoái"
        if broken and p.number == 3:
            doi = "not-a-doi"
        writer.writerow(
            [
                f"ms-{p.number}",
                p.title_vi,
                p.title_en,
                "; ".join(p.authors),
                year,
                doi,
                "1859-3100",
                "Tạp chí Khoa học và Công nghệ",
                p.volume,
                p.issue,
                f"{p.first_page}-{p.last_page}",
                p.keywords_vi,
                p.abstract_vi,
                "Tiếng Việt",
                f"{base_url}/files/article-{p.number}.pdf",
                "CC BY 4.0",
            ]
        )
    return out.getvalue().encode("utf-8-sig")

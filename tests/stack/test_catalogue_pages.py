"""Landing pages and exports through the web app: citation, BibTeX/RIS/CSL-JSON parsed back,
Google Scholar tags, JSON-LD, DCAT, QR codes, facets, and hostile text escaped everywhere."""

from __future__ import annotations

import json
from typing import Any

import bibtexparser
import pytest
import rispy
from ckan.tests import factories, helpers
from lxml import html

from tests.stack.catalogue_support import CATALOGUE_MARKS, create, publication

pytestmark = [*CATALOGUE_MARKS, pytest.mark.usefixtures("clean_queues")]

PDF_URL = "https://files.example.vn/xam-nhap-man.pdf"
SCRIPT = "<script>alert('xss')</script>"


def _record(**overrides: Any) -> dict[str, Any]:
    sysadmin = factories.Sysadmin()
    org = helpers.call_action("organization_create", context={"user": sysadmin["name"]},
                              name="hoi-thuy-loi", title="Hội Thủy lợi Việt Nam")
    pkg = create(sysadmin, publication(org["id"], **overrides))
    helpers.call_action("resource_create", package_id=pkg["id"], url=PDF_URL, format="PDF",
                        name="Toàn văn")
    return pkg


def _meta(page: Any) -> list[tuple[str, str]]:
    return [(m.get("name"), m.get("content")) for m in page.xpath("//meta[@name]")
            if m.get("name", "").startswith("citation_")]


def test_landing_page_citation_meta_tags_and_jsonld(app: Any) -> None:
    pkg = _record()
    response = app.get(f"/publication/{pkg['name']}")
    page = html.fromstring(response.body)
    citation = page.xpath("//blockquote[@class='vusta-citation-text']")[0].text_content()
    assert citation.startswith("Nguyễn Thị Hương, Trần Văn Đức (2023). Đánh giá xâm nhập mặn")
    assert "https://doi.org/10.1234/tlvn.2023.15" in citation
    assert "Trích dẫn" in response.body  # Vietnamese UI by default
    tags = _meta(page)
    assert tags[0] == ("citation_title", pkg["title"])
    assert [v for n, v in tags if n == "citation_author"] == ["Nguyễn, Thị Hương",
                                                               "Trần, Văn Đức"]
    assert ("citation_publication_date", "2023/06/15") in tags
    assert ("citation_pdf_url", PDF_URL) in tags
    scripts = page.xpath("//script[@type='application/ld+json']")
    doc = json.loads(scripts[0].text)
    assert doc["@type"] == "ScholarlyArticle"
    assert doc["author"][0]["name"] == "Nguyễn Thị Hương"
    labels = [th.text_content().strip() for th in page.xpath("//th[@class='dataset-label']")]
    assert "DOI" in labels and "Tác giả" in labels
    assert "ISBN" not in labels  # empty fields are not listed
    assert "Hạn chế đến ngày" not in labels
    links = [a.get("href") for a in page.xpath("//p[@class='vusta-citation-exports']/a")]
    assert links == [f"/dataset/{pkg['name']}/cite?format={f}"
                     for f in ("bibtex", "ris", "csl-json")]


def test_no_pdf_url_for_embargoed_or_private_records(app: Any) -> None:
    import datetime as dt
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    pkg = _record(access="embargoed", embargo_until=future)
    tags = _meta(html.fromstring(app.get(f"/publication/{pkg['name']}").body))
    assert "citation_title" in dict(tags)
    assert "citation_pdf_url" not in dict(tags)


def test_cite_exports_parse_back(app: Any) -> None:
    pkg = _record()
    bib = app.get(f"/dataset/{pkg['name']}/cite?format=bibtex")
    assert bib.headers["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(bib.body)
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.fields_dict["title"].value == pkg["title"]
    assert entry.fields_dict["author"].value == "Nguyễn, Thị Hương and Trần, Văn Đức"
    ris = rispy.loads(app.get(f"/dataset/{pkg['name']}/cite?format=ris").body)
    assert ris[0]["authors"] == ["Nguyễn, Thị Hương", "Trần, Văn Đức"]
    assert ris[0]["doi"] == "10.1234/tlvn.2023.15"
    csl = json.loads(app.get(f"/dataset/{pkg['name']}/cite?format=csl-json").body)
    assert csl[0]["author"][1] == {"family": "Trần", "given": "Văn Đức"}
    app.get(f"/dataset/{pkg['name']}/cite?format=docx", status=400)
    app.get("/dataset/khong-ton-tai/cite?format=ris", status=404)
    shown = helpers.call_action("vusta_citation_show", id=pkg["name"], format="text")
    assert shown["citation"].startswith("Nguyễn Thị Hương, Trần Văn Đức (2023).")


def test_private_record_citation_needs_read_access(app: Any) -> None:
    pkg = _record(private=True)
    app.get(f"/dataset/{pkg['name']}/cite?format=bibtex", status=404)
    app.get(f"/dataset/{pkg['name']}/qr.png", status=404)
    token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
    auth = {"Authorization": token}
    page = app.get(f"/publication/{pkg['name']}", headers=auth, status=200)
    tags = dict(_meta(html.fromstring(page.body)))
    assert tags["citation_title"] == pkg["title"]
    assert "citation_pdf_url" not in tags  # a private record's file is not open
    app.get(f"/dataset/{pkg['name']}/cite?format=ris", headers=auth, status=200)


def test_record_type_names_in_ckan_texts(app: Any) -> None:
    token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
    auth = {"Authorization": token}
    assert "Tạo ấn phẩm" in app.get("/publication/new", headers=auth, status=200).body
    assert "Tạo bộ dữ liệu nghiên cứu" in app.get("/research-dataset/new", headers=auth,
                                                   status=200).body
    assert "Create project" in app.get("/en/project/new", headers=auth, status=200).body


def test_html_in_every_field_is_escaped_on_the_page_and_in_exports(app: Any) -> None:
    pkg = _record(title=f"Nhan đề {SCRIPT}", title_en=f"Title {SCRIPT}",
                  notes=f"Tóm tắt {SCRIPT}", journal_title=f"Tạp chí {SCRIPT}",
                  publisher=f"NXB {SCRIPT}", funding=f"Quỹ {SCRIPT}",
                  authors=[{"name": f"Lê {SCRIPT}", "affiliation": f"Viện {SCRIPT}"}])
    body = app.get(f"/publication/{pkg['name']}").body
    assert SCRIPT not in body
    assert "alert(&#39;xss&#39;)" in body or "alert(\\u0027xss\\u0027)" in body
    page = html.fromstring(body)
    # The JSON-LD script cannot be closed early and still carries the exact text.
    doc = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert doc["name"] == f"Nhan đề {SCRIPT}"
    assert len(page.xpath("//script[contains(., \"alert('xss')\")]")) == 0
    for kind in ("bibtex", "ris", "csl-json"):
        response = app.get(f"/dataset/{pkg['name']}/cite?format={kind}")
        assert not response.headers["Content-Type"].startswith("text/html")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    search = app.get("/dataset/?q=xss").body
    assert SCRIPT not in search


def test_html_in_association_and_collection_fields_is_escaped(app: Any) -> None:
    sysadmin = factories.Sysadmin()
    helpers.call_action("organization_create", context={"user": sysadmin["name"]},
                        name="hoi-doc", title=f"Hội {SCRIPT}", short_name=SCRIPT,
                        description=f"Mô tả {SCRIPT}", province=SCRIPT)
    helpers.call_action("group_create", context={"user": sysadmin["name"]},
                        name="bo-suu-tap-doc", title=f"Bộ sưu tập {SCRIPT}",
                        description=SCRIPT)
    pkg = create(sysadmin, publication("hoi-doc", publisher="",
                                       groups=[{"name": "bo-suu-tap-doc"}]))
    for url in ("/organization/hoi-doc", "/group/bo-suu-tap-doc", "/dataset/",
                f"/publication/{pkg['name']}", "/organization/", "/group/"):
        assert SCRIPT not in app.get(url, status=200).body, url
    bib = app.get(f"/dataset/{pkg['name']}/cite?format=bibtex").body
    assert "publisher = {Hội <script>alert('xss')</script>}" in bib  # plain text, not HTML


def test_qr_codes_for_records_collections_and_associations(app: Any) -> None:
    pkg = _record()
    png = app.get(f"/dataset/{pkg['name']}/qr.png")
    assert png.headers["Content-Type"] == "image/png"
    assert png.data.startswith(b"\x89PNG")
    svg = app.get(f"/dataset/{pkg['name']}/qr.svg")
    assert svg.headers["Content-Type"].startswith("image/svg+xml")
    assert f"/publication/{pkg['name']}" in svg.body
    helpers.call_action("group_create", context={"user": factories.Sysadmin()["name"]},
                        name="chuyen-doi-so", title="Chuyển đổi số")
    group_svg = app.get("/group/chuyen-doi-so/qr.svg").body
    assert "/group/chuyen-doi-so" in group_svg
    assert "/group/chuyen-doi-so/qr.png" in app.get("/group/chuyen-doi-so").body
    assert "/organization/hoi-thuy-loi/qr.svg" in app.get("/organization/hoi-thuy-loi").body
    app.get("/dataset/khong-co/qr.png", status=404)
    app.get(f"/dataset/{pkg['name']}/qr.gif", status=404)


def test_facets_with_vietnamese_labels(app: Any) -> None:
    pkg = _record()
    helpers.call_action("package_create", type="research-dataset", name="so-lieu-man",
                        title="Số liệu mặn", owner_org=pkg["owner_org"], access="restricted",
                        language="en", year="2024", subject=["1.2"])
    body = app.get("/dataset/").body
    for title in ("Hội thành viên", "Loại bản ghi", "Loại ấn phẩm", "Năm", "Ngôn ngữ",
                  "Lĩnh vực", "Bộ sưu tập", "Quyền truy cập", "Định dạng"):
        assert title in body, title
    for label in ("Bài báo tạp chí", "Bộ dữ liệu nghiên cứu", "Tiếng Việt",
                  "1.5 Khoa học trái đất và môi trường liên quan", "Truy cập mở", "Hạn chế"):
        assert label in body, label
    result = helpers.call_action("package_search", fq='vocab_subject:"1.5"')
    assert [r["name"] for r in result["results"]] == [pkg["name"]]
    result = helpers.call_action("package_search", fq="dataset_type:research-dataset")
    assert result["count"] == 1
    english = app.get("/en/dataset/").body
    assert "Member association" in english and "Journal article" in english


def test_dcat_rdf_of_a_publication(app: Any) -> None:
    pkg = _record()
    turtle = app.get(f"/dataset/{pkg['name']}.ttl").body
    assert "dcat:Dataset" in turtle
    assert pkg["title"] in turtle

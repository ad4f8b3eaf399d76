"""The search page (/search): snippets with page links, did-you-mean, facets, Vietnamese
labels; private text visible to the owner only; hostile input gets a page, not a trace."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from ckan.lib import jobs
from ckan.tests import factories

from ckanext.vusta.demo.pdf import render_pdf

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                            "with_test_worker"),
]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
Upload = Callable[..., dict[str, Any]]


@pytest.fixture
def records(create_with_upload: Upload) -> dict[str, Any]:
    owner = factories.UserWithToken()
    outsider = factories.UserWithToken()
    org = factories.Organization(users=[{"name": owner["name"], "capacity": "editor"}],
                                 title="Hội Động vật học")
    factories.Organization(users=[{"name": outsider["name"], "capacity": "editor"}])
    public = factories.Dataset(owner_org=org["id"], title="Khảo sát đa dạng sinh học Cúc Phương",
                               tags=[{"name": "linh trưởng"}], license_id="cc-by")
    resource = create_with_upload(
        render_pdf("Khảo sát", ["Mục lục.", "Quần thể voọc mông trắng ở núi đá vôi."], FONT),
        "khao-sat.pdf", package_id=public["id"], format="PDF")
    private = factories.Dataset(owner_org=org["id"], private=True, title="Hồ sơ nội bộ")
    create_with_upload(render_pdf("Nội bộ", ["Vị trí tổ chim trĩ sao chưa công bố."], FONT),
                       "noi-bo.pdf", package_id=private["id"], format="PDF")
    jobs.Worker(["vusta"]).work(burst=True)
    return {"owner": owner, "outsider": outsider, "public": public, "resource": resource}


def test_unaccented_query_shows_accented_record_snippet_and_page_link(
    app: Any, records: dict[str, Any],
) -> None:
    body = app.get("/search", query_string={"q": "vooc mong trang"}).get_data(as_text=True)

    assert "Khảo sát đa dạng sinh học Cúc Phương" in body
    assert "<mark>voọc</mark> <mark>mông</mark> <mark>trắng</mark>" in body
    link = (f"\"/dataset/{records['public']['id']}/resource/{records['resource']['id']}"
            "/download/khao-sat.pdf#page=2\"")
    assert link in body
    assert "trang 2" in body
    assert "Có phải bạn muốn tìm" in body and "voọc mông trắng" in html.unescape(body)
    assert "khớp toàn văn" in body


def test_facets_have_vietnamese_titles_and_filter(app: Any, records: dict[str, Any]) -> None:
    body = app.get("/search", query_string={"q": ""}).get_data(as_text=True)
    for title in ("Tổ chức", "Từ khóa", "Định dạng", "Giấy phép"):
        assert title in body
    filtered = app.get("/search", query_string={"q": "", "tags": "linh trưởng"}).get_data(
        as_text=True)
    assert "<strong>1</strong> kết quả" in filtered
    none = app.get("/search", query_string={"q": "", "tags": 'x") OR *:*'}).get_data(
        as_text=True)
    assert "<strong>0</strong> kết quả" in none


def test_private_text_only_for_the_owner_on_the_page(app: Any, records: dict[str, Any]) -> None:
    query = {"q": "chim tri sao"}
    anonymous = app.get("/search", query_string=query).get_data(as_text=True)
    outsider = app.get("/search", query_string=query,
                       headers={"Authorization": records["outsider"]["token"]}).get_data(
        as_text=True)
    app.set_session_user(None)
    owner = app.get("/search", query_string=query,
                    headers={"Authorization": records["owner"]["token"]}).get_data(as_text=True)
    for body in (anonymous, outsider):
        assert "Hồ sơ nội bộ" not in body and "<mark>" not in body
        assert "<strong>0</strong> kết quả" in body
    assert "Hồ sơ nội bộ" in owner and "<mark>trĩ</mark> <mark>sao</mark>" in owner


def test_hostile_input_on_the_page_never_shows_solr(app: Any, records: dict[str, Any]) -> None:
    for q in ("{!lucene}*:*", '_query_:"{!dismax}x"', "((((", "<script>alert(1)</script>"):
        response = app.get("/search", query_string={"q": q, "page": "abc"})
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "org.apache" not in body and "8983" not in body
        assert "<script>alert(1)</script>" not in body

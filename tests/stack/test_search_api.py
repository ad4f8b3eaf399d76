"""vusta_search through the real portal: unaccented queries find accented records first with
page snippets; private and embargoed text never leaks (snippet or count); hostile query syntax
gets the literal words or a clear message, never Solr's own text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from ckan.lib import jobs
from ckan.tests import factories, helpers

from ckanext.vusta.demo.pdf import render_pdf

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                            "with_test_worker"),
]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
Upload = Callable[..., dict[str, Any]]
SECRET = "Kết quả giải trình tự gen loài sao la chưa công bố."
FORBIDDEN_IN_ERRORS = ("solr", "http://", "127.0.0.1", "trace", "exception", "org.apache",
                       "password")


def _run_worker() -> None:
    jobs.Worker(["vusta"]).work(burst=True)


def _search(user: str | None = None, **params: Any) -> dict[str, Any]:
    context = {"user": user or "", "ignore_auth": False}
    return dict(helpers.call_action("vusta_search", context=context, **params))


def _with_pdf(upload: Upload, pages: list[str], **dataset: Any) -> dict[str, Any]:
    owner_org = dataset.pop("owner_org", None) or factories.Organization()["id"]
    created = factories.Dataset(owner_org=owner_org, **dataset)
    resource = upload(render_pdf(created["title"], pages, FONT), "tep.pdf",
                      package_id=created["id"], format="PDF")
    return {"dataset": created, "resource": resource}


@pytest.fixture
def digital(create_with_upload: Upload) -> dict[str, Any]:
    """Records sharing the folded form "chuyen doi so"; most of them mean "chuyển đổi số"."""
    org = factories.Organization()["id"]
    in_title = factories.Dataset(owner_org=org, title="Chuyển đổi số trong hoạt động của hội",
                                 notes="Kinh nghiệm chuyển đổi số của các hội thành viên.")
    in_page = _with_pdf(create_with_upload, [
        "Lời nói đầu của báo cáo thường niên.",
        "Chương hai trình bày chuyển đổi số trong các hội khoa học và công nghệ địa phương.",
    ], title="Báo cáo thường niên các hội thành viên 2023", owner_org=org)
    other = factories.Dataset(owner_org=org, title="Chuyên đề đội sở tại",
                              notes="Tài liệu nội bộ chuyên đội sở.")
    _run_worker()
    return {"in_title": in_title, "in_page": in_page, "other": other}


def test_unaccented_query_finds_accented_records_first_with_page_snippet(
    digital: dict[str, Any],
) -> None:
    result = _search(q="chuyen doi so")

    ids = [d["id"] for d in result["results"]]
    assert ids == [digital["in_title"]["id"], digital["in_page"]["dataset"]["id"],
                   digital["other"]["id"]]
    assert result["did_you_mean"] == "chuyển đổi số"
    assert result["results"][0]["matched_in"] == ["metadata"]
    paged = result["results"][1]
    [highlight] = paged["highlights"]
    assert highlight["page"] == 2
    assert highlight["resource_id"] == digital["in_page"]["resource"]["id"]
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in highlight["snippet"]
    assert paged["matched_in"] == ["fulltext"]


def test_accented_and_nfd_queries_rank_the_exact_spelling_first(digital: dict[str, Any]) -> None:
    import unicodedata

    for q in ("chuyên đội sở", unicodedata.normalize("NFD", "chuyên đội sở")):
        result = _search(q=q)
        assert result["results"][0]["id"] == digital["other"]["id"], q
        assert result["results"][0]["matched_in"] == ["metadata"]
        assert result["did_you_mean"] is None


def test_get_and_post_through_the_api_give_the_same_result(
    app: Any, digital: dict[str, Any],
) -> None:
    got = app.get("/api/3/action/vusta_search", query_string={"q": "chuyen doi so"}).json
    posted = app.post("/api/3/action/vusta_search", json={"q": "chuyen doi so"}).json
    assert got["success"] and posted["success"]
    assert [d["id"] for d in got["result"]["results"]] == \
        [d["id"] for d in posted["result"]["results"]]
    assert got["result"]["results"][1]["highlights"][0]["page"] == 2


def test_highlight_paging(create_with_upload: Upload) -> None:
    record = _with_pdf(create_with_upload, [f"Trang {n}: rừng ngập mặn Cần Giờ." for n in
                                            range(1, 6)], title="Sổ tay rừng")
    _run_worker()
    first = _search(q="ngap man", hl_limit=2)["results"][0]["highlights"]
    second = _search(q="ngap man", hl_limit=2, hl_offset=2)["results"][0]["highlights"]
    assert [h["page"] for h in first] == [1, 2]
    assert [h["page"] for h in second] == [3, 4]
    assert {h["resource_id"] for h in first} == {record["resource"]["id"]}


@pytest.fixture
def secrets(create_with_upload: Upload) -> dict[str, Any]:
    owner = factories.UserWithToken()
    outsider = factories.UserWithToken()
    org = factories.Organization(users=[{"name": owner["name"], "capacity": "editor"}])
    factories.Organization(users=[{"name": outsider["name"], "capacity": "editor"}])
    private = _with_pdf(create_with_upload, ["Mở đầu.", SECRET], title="Hồ sơ nội bộ",
                        owner_org=org["id"], private=True)
    embargoed = _with_pdf(create_with_upload, [SECRET], title="Bài báo đang chờ công bố",
                          owner_org=org["id"],
                          extras=[{"key": "access", "value": "embargoed"},
                                  {"key": "embargo_until", "value": "2099-01-01"}])
    _run_worker()
    return {"owner": owner, "outsider": outsider, "private": private, "embargoed": embargoed}


def test_private_and_embargoed_text_is_hidden_from_anonymous_and_other_orgs(
    secrets: dict[str, Any],
) -> None:
    for user in (None, secrets["outsider"]["name"]):
        for q in ("sao la", "giai trinh tu gen", "Hồ sơ nội bộ"):
            result = _search(user=user, q=q, include_private=True)
            assert result["count"] == 0, (user, q)
            assert result["results"] == []
            assert result["facets"] == {} or all(not v for v in result["facets"].values())
    # The embargoed record itself is public; its text is not searchable by anyone.
    listed = _search(q="cho cong bo")
    assert [d["id"] for d in listed["results"]] == [secrets["embargoed"]["dataset"]["id"]]
    assert listed["results"][0]["highlights"] == []


def test_owner_sees_private_text_with_snippet(secrets: dict[str, Any]) -> None:
    result = _search(user=secrets["owner"]["name"], q="sao la", include_private=True)
    assert [d["id"] for d in result["results"]] == [secrets["private"]["dataset"]["id"]]
    assert result["results"][0]["highlights"][0]["page"] == 2
    assert "<mark>sao</mark> <mark>la</mark>" in result["results"][0]["highlights"][0]["snippet"]


def test_api_tokens_see_only_what_they_may(app: Any, secrets: dict[str, Any]) -> None:
    url = "/api/3/action/vusta_search"
    query = {"q": "sao la", "include_private": "true"}
    anonymous = app.get(url, query_string=query).json["result"]
    outsider = app.get(url, query_string=query,
                       headers={"Authorization": secrets["outsider"]["token"]}).json["result"]
    app.set_session_user(None)
    owner = app.get(url, query_string=query,
                    headers={"Authorization": secrets["owner"]["token"]}).json["result"]
    assert anonymous["count"] == 0 and outsider["count"] == 0
    assert owner["count"] == 1
    assert "sao" not in json.dumps([anonymous["results"], outsider["results"]],
                                   ensure_ascii=False)


HOSTILE = ("{!lucene}*:*", "{!join from=id to=id}sao", "_query_:\"{!dismax}sao\"", "*:*",
           "\"sao la", "sao la)", "[* TO *]", "title:sao", "sao^1000 la~2", "\\", "+-!&&||",
           "((((((((((", "sao\" OR \"*", "id:*", "capacity:private", "sao AND NOT la",
           "sao la " * 200)


def test_hostile_queries_give_literal_words_and_never_leak(secrets: dict[str, Any]) -> None:
    for hostile in HOSTILE:
        for user in (None, secrets["outsider"]["name"]):
            result = _search(user=user, q=hostile, include_private=True)
            assert all(d["id"] != secrets["private"]["dataset"]["id"]
                       for d in result["results"]), hostile
            assert "sao" not in json.dumps([d["highlights"] for d in result["results"]],
                                           ensure_ascii=False), hostile
    # The literal words still search: the owner finds the private record with "sao la)".
    for literal in ("sao la)", "\"sao la", "{!sao la}", "sao:la"):
        owner = _search(user=secrets["owner"]["name"], q=literal, include_private=True)
        assert [d["id"] for d in owner["results"]] == [secrets["private"]["dataset"]["id"]]


def test_match_all_syntax_is_not_a_wildcard(secrets: dict[str, Any]) -> None:
    # "*:*" has no words: the result is the plain listing an empty query gives, never more.
    assert _search(q="*:*")["count"] == _search(q="")["count"] == 1


def test_bad_filters_and_numbers_get_a_clear_message_without_solr_details(
    app: Any, secrets: dict[str, Any],
) -> None:
    url = "/api/3/action/vusta_search"
    for params in ({"q": "sao", "fq": "title:(unbalanced"},
                   {"q": "sao", "fq": "{!frange l=0}id"},
                   {"q": "", "sort": "notes sideways"},
                   {"q": "sao", "rows": "abc"}, {"q": "sao", "hl_limit": "-3"},
                   {"q": "sao", "start": "abc"}, {"q": "sao", "start": "-1"},
                   {"q": "sao", "include_private": "maybe"}):
        response = app.get(url, query_string=params, expect_errors=True)
        assert response.status_code in (400, 409), (params, response.json)
        message = json.dumps(response.json["error"], ensure_ascii=False)
        assert not any(word in message.lower() for word in FORBIDDEN_IN_ERRORS), (params, message)
        assert "hợp lệ" in message or "số nguyên" in message


def test_huge_rows_are_capped(secrets: dict[str, Any]) -> None:
    for index in range(3):
        factories.Dataset(owner_org=factories.Organization()["id"], title=f"Sổ tay {index}")
    result = _search(q="", rows=10**9)
    assert result["count"] == 4
    assert len(result["results"]) == 4

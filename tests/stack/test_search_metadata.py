"""What people type besides titles and abstracts finds the record through vusta_search: the
DOI, the journal, the file's name, the member association (no catch-all field is searched)."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories, helpers

from tests.stack.catalogue_support import CATALOGUE_MARKS, create, publication

pytestmark = [*CATALOGUE_MARKS]


def _found(q: str) -> list[str]:
    result = helpers.call_action("vusta_search", context={"user": "", "ignore_auth": False}, q=q)
    return [d["name"] for d in result["results"]]


@pytest.fixture
def record() -> dict[str, Any]:
    sysadmin = factories.Sysadmin()
    org = helpers.call_action("organization_create", context={"user": sysadmin["name"]},
                              name="hoi-thuy-loi", title="Hội Thủy lợi Việt Nam")
    pkg = create(sysadmin, publication(org["id"]))
    helpers.call_action("resource_create", package_id=pkg["id"], format="PDF",
                        url="https://tapchi.example.vn/bai-15.pdf",
                        name="Phụ lục số liệu quan trắc trạm Mỹ Tho")
    # A look-alike that shares none of those facts.
    create(sysadmin, publication(org["id"], name="khac", doi="", journal_title="",
                                 publisher="", title="Quản lý nước ngầm vùng ven biển"))
    return pkg


@pytest.mark.parametrize("typed", [
    "10.1234/tlvn.2023.15",
    "tap chi khoa hoc thuy loi",
    "phụ lục số liệu quan trắc Mỹ Tho",
    "phu luc so lieu quan trac",
])
def test_identifiers_journal_and_file_names_find_the_record(record: dict[str, Any],
                                                            typed: str) -> None:
    assert _found(typed) == [record["name"]]


def test_the_member_association_finds_its_records(record: dict[str, Any]) -> None:
    assert set(_found("Hội Thủy lợi Việt Nam")) == {record["name"], "khac"}


def test_the_ranking_stage_searches_every_candidate_field() -> None:
    from ckanext.vusta.search.ranking import CANDIDATE_FIELDS, RERANK_FIELDS

    def names(fields: str) -> set[str]:
        return {field.split("^")[0] for field in fields.split()}

    # Otherwise a candidate matched only there would vanish from the ranked page.
    assert names(CANDIDATE_FIELDS) <= names(RERANK_FIELDS)

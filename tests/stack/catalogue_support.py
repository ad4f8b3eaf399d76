"""Shared set-up for the catalogue stack tests: plugins, scheming config and record builders."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories, helpers

SCHEMAS = " ".join(f"ckanext.vusta:schemas/{name}.yaml"
                   for name in ("publication", "research_dataset", "project"))
PLUGINS = "vusta harvest scheming_datasets scheming_organizations dcat vusta_dcat"

CATALOGUE_MARKS = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("scheming.dataset_schemas", SCHEMAS),
    pytest.mark.ckan_config("scheming.organization_schemas",
                            "ckanext.vusta:schemas/member_association.yaml"),
    pytest.mark.ckan_config("scheming.presets",
                            "ckanext.scheming:presets.json ckanext.dcat.schemas:presets.yaml "
                            "ckanext.vusta:schemas/presets.yaml"),
    pytest.mark.ckan_config("ckan.locale_default", "vi"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index"),
]

VALID_ORCID = "0000-0002-1825-0097"


def publication(owner_org: str, **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "publication",
        "name": "xam-nhap-man-dbscl-2023",
        "title": "Đánh giá xâm nhập mặn ở Đồng bằng sông Cửu Long năm 2023",
        "title_en": "Saline intrusion in the Mekong Delta in 2023",
        "publication_type": "journal-article",
        "authors": [{"name": "Nguyễn Thị Hương", "orcid": VALID_ORCID,
                     "affiliation": "Hội Thủy lợi Việt Nam"},
                    {"name": "Trần Văn Đức", "orcid": "", "affiliation": ""}],
        "notes": "Bài báo phân tích số liệu quan trắc độ mặn.",
        "tags": [{"name": "xâm nhập mặn"}],
        "subject": ["1.5", "2.7"],
        "language": "vi",
        "year": "2023",
        "issued": "2023-06-15",
        "doi": "https://doi.org/10.1234/tlvn.2023.15",
        "journal_title": "Tạp chí Khoa học Thủy lợi",
        "issn": "0317-8471",
        "volume": "12",
        "issue": "3",
        "pages": "45-60",
        "publisher": "Hội Thủy lợi Việt Nam",
        "license_id": "cc-by",
        "access": "open",
        "owner_org": owner_org,
    }
    record.update(overrides)
    if record.get("tags") is None:
        record.pop("tags", None)
    return record


def create(user: dict[str, Any] | None, data: dict[str, Any]) -> dict[str, Any]:
    # call_action ignores auth unless told otherwise: these tests are about auth too.
    context = {"user": user["name"], "ignore_auth": False} if user else {"ignore_auth": True}
    return dict(helpers.call_action("package_create", context=context, **data))


def org_with_editor() -> tuple[dict[str, Any], dict[str, Any]]:
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return dict(org), dict(user)

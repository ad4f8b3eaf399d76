"""Package dicts as package_show returns them, built in code for the pure catalogue tests."""

from __future__ import annotations

from typing import Any

from ckanext.vusta.catalogue.record import CitationRecord, citation_record

URL = "https://thuvien.vusta.vn/publication/xam-nhap-man-2023"


def package(**overrides: Any) -> dict[str, Any]:
    pkg: dict[str, Any] = {
        "name": "xam-nhap-man-2023", "type": "publication",
        "publication_type": "journal-article",
        "title": "Đánh giá xâm nhập mặn ở Đồng bằng sông Cửu Long",
        "title_en": "Saline intrusion in the Mekong Delta",
        "notes": "Phân tích số liệu quan trắc độ mặn 2016–2023.",
        "authors": [{"name": "Nguyễn Thị Hương", "orcid": "0000-0002-1825-0097",
                     "affiliation": "Hội Thủy lợi Việt Nam"},
                    {"name": "Trần Văn Đức", "orcid": "", "affiliation": ""},
                    {"name": "Smith, John", "orcid": "", "affiliation": "ANU"}],
        "year": "2023", "issued": "2023-06-15", "doi": "10.1234/tlvn.2023.15",
        "journal_title": "Tạp chí Khoa học Thủy lợi", "issn": "0317-8471",
        "volume": "12", "issue": "3", "pages": "45-60",
        "publisher": "Hội Thủy lợi Việt Nam", "language": "vi",
        "tags": [{"name": "xâm nhập mặn", "display_name": "xâm nhập mặn"},
                 {"name": "Cửu Long", "display_name": "Cửu Long"}],
        "license_title": "Creative Commons Attribution",
        "license_url": "http://www.opendefinition.org/licenses/cc-by",
        "access": "open", "organization": {"title": "Hội Thủy lợi Việt Nam"},
    }
    pkg.update(overrides)
    return pkg


def record(**overrides: Any) -> CitationRecord:
    return citation_record(package(**overrides), URL)

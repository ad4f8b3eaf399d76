"""Search facets of the catalogue: their titles, the fields we add to the Solr document for
them, and the display labels of coded values (publication types, FOS codes, languages)."""

from __future__ import annotations

__all__ = ["FACET_TITLES", "add_index_fields", "facet_item_label", "facet_titles", "index_fields",
           "label_search_facets", "ordered_facets"]

import json
from typing import Any

from ckanext.vusta.catalogue import fos

# Solr field -> (Vietnamese, English); the order is the order in the sidebar.
FACET_TITLES: dict[str, tuple[str, str]] = {
    "organization": ("Hội thành viên", "Member association"),
    "dataset_type": ("Loại bản ghi", "Record type"),
    "publication_type": ("Loại ấn phẩm", "Publication type"),
    "year": ("Năm", "Year"),
    "language": ("Ngôn ngữ", "Language"),
    "vocab_subject": ("Lĩnh vực", "Subject"),
    "groups": ("Bộ sưu tập", "Collection"),
    "access": ("Quyền truy cập", "Access"),
    "res_format": ("Định dạng", "Format"),
    "tags": ("Từ khóa", "Keywords"),
    "license_id": ("Giấy phép", "License"),
}

VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "dataset_type": {"publication": ("Ấn phẩm", "Publication"),
                     "research-dataset": ("Bộ dữ liệu nghiên cứu", "Research dataset"),
                     "project": ("Đề tài, dự án", "Project"),
                     "dataset": ("Tài liệu khác", "Other record")},
    "publication_type": {"journal-article": ("Bài báo tạp chí", "Journal article"),
                         "conference-paper": ("Báo cáo hội thảo", "Conference paper"),
                         "book": ("Sách", "Book"), "book-chapter": ("Chương sách", "Book chapter"),
                         "report": ("Báo cáo", "Report"), "thesis": ("Luận văn, luận án", "Thesis"),
                         "standard": ("Tiêu chuẩn", "Standard"), "other": ("Khác", "Other")},
    "language": {"vi": ("Tiếng Việt", "Vietnamese"), "en": ("Tiếng Anh", "English"),
                 "fr": ("Tiếng Pháp", "French"), "ru": ("Tiếng Nga", "Russian"),
                 "zh": ("Tiếng Trung", "Chinese"), "ja": ("Tiếng Nhật", "Japanese"),
                 "ko": ("Tiếng Hàn", "Korean"), "de": ("Tiếng Đức", "German")},
    "access": {"open": ("Truy cập mở", "Open access"),
               "embargoed": ("Hạn chế có thời hạn", "Embargoed"),
               "restricted": ("Hạn chế", "Restricted")},
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


def facet_titles(lang: str) -> dict[str, str]:
    return {field: _pick(pair, lang) for field, pair in FACET_TITLES.items()}


def facet_item_label(field: str, value: str, lang: str) -> str | None:
    """A label for a coded value, or None to keep what CKAN shows (organisation titles...)."""
    if field == "vocab_subject":
        return fos.fos_label(value, lang)
    pair = VALUE_LABELS.get(field, {}).get(value)
    return _pick(pair, lang) if pair else None


def _codes(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value else []
    return [str(item) for item in value] if isinstance(value, list) else []


def index_fields(validated: dict[str, Any]) -> dict[str, Any]:
    """Facet and search fields for the Solr document, from the validated package dict."""
    fields: dict[str, Any] = {}
    codes = _codes(validated.get("subject"))
    if codes:
        # A second-level code also counts for its field ("1.2" is under "1").
        fields["vocab_subject"] = sorted({*codes, *(code.split(".")[0] for code in codes)})
    year = validated.get("year") or validated.get("start_year")
    if year:
        fields["year"] = str(year)
    for name in ("publication_type", "language", "access"):
        if validated.get(name):
            fields[name] = str(validated[name])
    people = validated.get("authors") or validated.get("creators") or []
    names = [str(p.get("name")) for p in people if isinstance(p, dict) and p.get("name")]
    if validated.get("principal_investigator"):
        names.append(str(validated["principal_investigator"]))
    if names and not validated.get("author"):
        fields["author"] = "; ".join(names)
    return fields


def add_index_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """`before_dataset_index`: adds the facet fields computed from the validated dict."""
    try:
        validated = json.loads(pkg_dict.get("validated_data_dict") or "{}")
    except ValueError:
        return pkg_dict
    if isinstance(validated, dict):
        pkg_dict.update(index_fields(validated))
    return pkg_dict


def ordered_facets(existing: dict[str, Any], lang: str) -> dict[str, Any]:
    """`dataset_facets`: ours first, in our order, then any another plugin added."""
    facets: dict[str, Any] = facet_titles(lang)
    facets.update({key: value for key, value in existing.items() if key not in facets})
    return facets


def label_search_facets(search_results: dict[str, Any], lang: str) -> dict[str, Any]:
    """`after_dataset_search`: coded facet values get their labels (API and pages alike)."""
    for field, facet in (search_results.get("search_facets") or {}).items():
        for item in facet.get("items", []):
            label = facet_item_label(field, str(item.get("name")), lang)
            if label:
                item["display_name"] = label
    return search_results

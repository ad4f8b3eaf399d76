"""Template helpers of the scholarly catalogue: choices, the landing page's citation block,
meta tags and JSON-LD (all computed by `catalogue/`, only arranged here)."""

from __future__ import annotations

__all__ = ["humanize_entity_type", "vusta_catalogue_page", "vusta_fos_choices",
           "vusta_fos_label", "vusta_record_url"]

from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.vusta.catalogue import fos
from ckanext.vusta.catalogue.formats import FORMATS, formatted_citation
from ckanext.vusta.catalogue.jsonld import schema_org
from ckanext.vusta.catalogue.metatags import highwire_tags
from ckanext.vusta.catalogue.record import CitationRecord, citation_record
from ckanext.vusta.helpers import current_lang

# Our record types as CKAN's generic "Create {object_type}" texts name them: (vi, en).
TYPE_NAMES = {"publication": ("ấn phẩm", "publication"),
              "research-dataset": ("bộ dữ liệu nghiên cứu", "research dataset"),
              "project": ("đề tài, dự án", "project")}
VIETNAMESE_PURPOSES = {
    "add link": "Thêm {t}", "create label": "Tạo {t}", "create title": "Tạo {t}",
    "edit label": "Sửa {t}", "update label": "Cập nhật {t}", "save label": "Lưu {t}",
    "view label": "Xem {t}", "form label": "Biểu mẫu {t}", "search placeholder": "Tìm {t}...",
    "breadcrumb": "{T}", "content tab": "{T}", "facet label": "{T}", "main nav": "{T}",
    "page title": "{T}", "no description": "{T} này chưa có mô tả.",
    "delete confirmation": "Bạn có chắc muốn xóa {t} này?", "no any objects": "Chưa có {t} nào.",
    "my label": "{T} của tôi", "name placeholder": "{T} của tôi", "no label": "Không có {t}",
    "description placeholder": "Đôi dòng giới thiệu về {t}...",
}
ENGLISH_PURPOSES = {"create label": "Create {t}", "create title": "Create {t}",
                    "add link": "Add {t}", "edit label": "Edit {t}", "update label": "Update {t}",
                    "save label": "Save {t}", "view label": "View {t}"}


@tk.chained_helper  # type: ignore[untyped-decorator]  # CKAN is untyped here
def humanize_entity_type(next_helper: Callable[..., Any], entity_type: str, object_type: str,
                         purpose: str) -> Any:
    """CKAN capitalises the type's machine name ("Create Research-dataset"), untranslated."""
    names = TYPE_NAMES.get(object_type) if entity_type == "package" else None
    if names is None:
        return next_helper(entity_type, object_type, purpose)
    vi, en = names
    if current_lang().startswith("en"):
        text = ENGLISH_PURPOSES.get(purpose)
        return text.format(t=en) if text else next_helper(entity_type, object_type, purpose)
    text = VIETNAMESE_PURPOSES.get(purpose)
    if text is None:
        return next_helper(entity_type, object_type, purpose)
    return text.format(t=vi, T=vi[:1].upper() + vi[1:])


def vusta_fos_choices(field: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return fos.fos_choices(current_lang())


def vusta_fos_label(code: str) -> str:
    return fos.fos_label(code, current_lang())


def vusta_record_url(pkg: dict[str, Any]) -> str:
    return str(tk.url_for(f"{pkg.get('type') or 'dataset'}.read", id=pkg["name"],
                          _external=True))


def record_of(pkg: dict[str, Any]) -> CitationRecord:
    return citation_record(pkg, vusta_record_url(pkg))


def _open_pdf_urls(pkg: dict[str, Any]) -> list[str]:
    if pkg.get("private") or (pkg.get("access") or "open") != "open":
        return []
    return [str(res["url"]) for res in pkg.get("resources") or []
            if str(res.get("url") or "").startswith(("http://", "https://"))
            and (str(res.get("format") or "").upper() == "PDF"
                 or str(res.get("mimetype") or "") == "application/pdf")]


def vusta_catalogue_page(pkg: dict[str, Any]) -> dict[str, Any]:
    """Everything the landing page adds: citation, exports, Highwire tags, JSON-LD, QR links."""
    record = record_of(pkg)
    return {
        "citation": formatted_citation(record),
        "exports": [{"format": name, "extension": ext,
                     "url": tk.url_for("vusta_catalogue.cite", id=pkg["name"], format=name)}
                    for name, (_, _, ext) in FORMATS.items()],
        "meta_tags": highwire_tags(record, _open_pdf_urls(pkg)),
        "jsonld": schema_org(record),
        "qr": {kind: tk.url_for("vusta_catalogue.dataset_qr", id=pkg["name"], kind=kind)
               for kind in ("png", "svg")},
    }

"""Template helpers of the scholarly catalogue: choices, the landing page's citation block,
meta tags and JSON-LD (all computed by `catalogue/`, only arranged here)."""

from __future__ import annotations

__all__ = ["vusta_catalogue_page", "vusta_fos_choices", "vusta_fos_label",
           "vusta_record_url"]

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.vusta.catalogue import fos
from ckanext.vusta.catalogue.formats import FORMATS, formatted_citation
from ckanext.vusta.catalogue.jsonld import schema_org
from ckanext.vusta.catalogue.metatags import highwire_tags
from ckanext.vusta.catalogue.record import CitationRecord, citation_record
from ckanext.vusta.helpers import current_lang


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

"""`vusta_citation_show`: a record's citation as BibTeX, RIS, CSL-JSON or formatted text."""

from __future__ import annotations

__all__ = ["vusta_citation_show"]

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.vusta.catalogue.formats import FORMATS, formatted_citation
from ckanext.vusta.helpers_catalogue import record_of


@tk.side_effect_free  # type: ignore[untyped-decorator]  # CKAN is untyped here
def vusta_citation_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """:param id: the record's id or name
    :param format: bibtex, ris, csl-json or text (default bibtex)
    :returns: {format, mimetype, filename, citation}"""
    tk.check_access("vusta_citation_show", context, data_dict)
    kind = str(data_dict.get("format") or "bibtex")
    if kind not in (*FORMATS, "text"):
        raise tk.ValidationError({"format": [f"bibtex, ris, csl-json, text: {kind[:40]}"]})
    pkg = tk.get_action("package_show")(dict(context), {"id": data_dict.get("id")})
    record = record_of(pkg)
    if kind == "text":
        return {"format": kind, "mimetype": "text/plain; charset=utf-8",
                "filename": f"{pkg['name']}.txt", "citation": formatted_citation(record)}
    build, mimetype, extension = FORMATS[kind]
    return {"format": kind, "mimetype": mimetype, "filename": f"{pkg['name']}.{extension}",
            "citation": build(record)}

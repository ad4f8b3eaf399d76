"""The search page (/search): vusta_search with snippets, page links, facets, "did you mean"."""

from __future__ import annotations

__all__ = ["blueprint"]

import json
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, request

from ckanext.vusta.helpers import current_lang
from ckanext.vusta.search import messages, page

blueprint = Blueprint("vusta_search", __name__)


def _text(lang: str) -> dict[str, str]:
    return {code: messages.message(code, lang) for code in messages.MESSAGES}


@blueprint.route("/search")
def search() -> Any:
    lang = current_lang()
    args = {key: request.args.getlist(key) for key in request.args}
    q = request.args.get("q", "")
    try:
        number = max(1, int(request.args.get("page", "1")))
    except ValueError:
        number = 1
    params = {"q": q, "rows": page.PAGE_ROWS, "start": (number - 1) * page.PAGE_ROWS,
              "fq": page.facet_filter(args), "facet.field": json.dumps(page.FACET_FIELDS),
              "facet.limit": 10, "include_private": True}
    context = {"user": tk.current_user.name if tk.current_user else ""}
    error = None
    try:
        result = tk.get_action("vusta_search")(context, params)
    except tk.ValidationError as failure:
        error = "; ".join(str(m) for msgs in failure.error_dict.values()
                          for m in (msgs if isinstance(msgs, list) else [msgs]))
        result = {"count": 0, "results": [], "search_facets": {}, "did_you_mean": None}
    chosen = {name: set(args.get(name, [])) for name in page.FACET_FIELDS}
    facets = [
        {"name": name, "title": messages.message(f"facet_{name}", lang),
         "items": [{**item, "active": item["name"] in chosen[name],
                    "href": page.with_args(args, page=None, **{name: item["name"]})}
                   for item in result["search_facets"].get(name, {}).get("items", [])]}
        for name in page.FACET_FIELDS if result["search_facets"].get(name, {}).get("items")
    ]
    return tk.render("vusta/search/page.html", extra_vars={
        "q": q, "result": result, "facets": facets,
        "rows": page.page_rows(result, str(tk.config.get("ckan.site_url") or "")),
        "error": error, "text": _text(lang), "page_number": number,
        "has_next": result["count"] > number * page.PAGE_ROWS,
        "prev_href": page.with_args(args, page=number - 1) if number > 1 else None,
        "next_href": page.with_args(args, page=number + 1),
        "did_you_mean_href": (page.with_args(args, q=result["did_you_mean"], page=None)
                              if result.get("did_you_mean") else None),
    })

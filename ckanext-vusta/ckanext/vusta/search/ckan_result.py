"""package_search's result, built from a direct Solr search: the stored dataset dicts, the
count, and the facets restructured as package_search restructures them (display names of
organisations, groups and licences; items in package_search's order), then passed through the
plugins' after_dataset_search like any dataset search result."""

from __future__ import annotations

__all__ = ["dataset_dicts", "package_search_result"]

import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import ckan.plugins as plugins
from ckan import model

log = logging.getLogger(__name__)


def dataset_dicts(docs: Iterable[Mapping[str, Any]], source: str,
                  for_view: bool = False) -> list[dict[str, Any]]:
    """The dataset dicts stored at indexing time (`source`: validated_data_dict, or data_dict
    with use_default_schema), as package_search returns them."""
    found = []
    for doc in docs:
        try:
            dataset = dict(json.loads(doc[source]))
        except (KeyError, TypeError, ValueError):
            log.error("vusta_search: no stored dataset dict in Solr for %s", doc.get("id"))
            continue
        if for_view:
            for plugin in plugins.PluginImplementations(plugins.IPackageController):
                dataset = plugin.before_dataset_view(dataset)
        found.append(dataset)
    return found


def _display_names(facets: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, str]]:
    groups = [name for field in ("groups", "organization") for name in facets.get(field, {})]
    titles = dict(model.Session.query(model.Group.name, model.Group.title)
                  .filter(model.Group.name.in_(groups)).all()) if groups else {}
    names: dict[str, dict[str, str]] = {}
    for field, values in facets.items():
        for value in values:
            if field in ("groups", "organization"):
                title = titles.get(value) or ""
                shown = title if title.strip() else value
            elif field == "license_id":
                licence = model.Package.get_license_register().get(value)
                shown = licence.title if licence else value
            else:
                shown = value
            names.setdefault(field, {})[value] = shown
    return names


def package_search_result(count: int, solr_facets: Mapping[str, list[Any]] | None,
                          datasets: list[dict[str, Any]], sort: str,
                          plugin_params: dict[str, Any]) -> dict[str, Any]:
    facets = {field: dict(zip(values[0::2], values[1::2], strict=False))
              for field, values in (solr_facets or {}).items()}
    names = _display_names(facets)
    result: dict[str, Any] = {
        "count": count, "facets": facets, "results": datasets, "sort": sort,
        "search_facets": {field: {"title": field, "items": [
            {"name": value, "display_name": names[field][value], "count": n}
            for value, n in values.items()]} for field, values in facets.items()},
    }
    for plugin in plugins.PluginImplementations(plugins.IPackageController):
        result = plugin.after_dataset_search(result, plugin_params)
    for facet in result["search_facets"].values():
        facet["items"] = sorted(facet["items"], key=lambda item: item["display_name"],
                                reverse=True)
    return result

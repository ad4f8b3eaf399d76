"""ckanext-dcat's RDF endpoints with our scheming record types.

dcat 2.4's serializer builds its profiles for type `dataset` whatever the record's type, and
the profile asks scheming for that schema; with scheming on and only our three types defined,
every `/dataset/<id>.ttl` and `/catalog.ttl` failed ("Unknown dataset schema: dataset").
Type `dataset` stays CKAN's plain type (core schema, no scheming fields), so for dcat we answer
that question with an empty field list instead of "not found".
"""

from __future__ import annotations

__all__ = ["scheming_dataset_schema_show"]

from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk

Action = Callable[[dict[str, Any], dict[str, Any]], Any]

PLAIN_DATASET_SCHEMA: dict[str, Any] = {
    "scheming_version": 2, "dataset_type": "dataset",
    "about": "CKAN's core dataset type (no scheming fields)",
    "dataset_fields": [], "resource_fields": [],
}


@tk.chained_action  # type: ignore[untyped-decorator]  # CKAN is untyped here
@tk.side_effect_free  # type: ignore[untyped-decorator]
def scheming_dataset_schema_show(original: Action, context: dict[str, Any],
                                 data_dict: dict[str, Any]) -> Any:
    try:
        return original(context, data_dict)
    except tk.ObjectNotFound:
        if data_dict.get("type") != "dataset":
            raise
        return dict(PLAIN_DATASET_SCHEMA)

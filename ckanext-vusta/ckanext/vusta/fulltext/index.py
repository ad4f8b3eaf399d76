"""What the search index gets of a dataset's stored page texts and metadata: page-level values
(`⟦resource_id#page⟧ text`) and normalised exact/folded metadata copies, all in the dataset's
own Solr document so CKAN's permission labels filter full-text hits like metadata hits. Never
parses files; texts of embargoed or restricted records are left out (search.document)."""

from __future__ import annotations

__all__ = ["merge_stored_text"]

import datetime
import json
from typing import Any

from ckanext.vusta.fulltext import store
from ckanext.vusta.search.document import search_fields


def merge_stored_text(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    pages = store.dataset_pages(pkg_dict["id"])
    try:  # scheming's fields (authors, title_en, access...) as validated
        validated = json.loads(pkg_dict.get("validated_data_dict") or "{}")
    except ValueError:
        validated = {}
    source = {**pkg_dict, **validated} if isinstance(validated, dict) else pkg_dict
    source["tags"] = pkg_dict.get("tags") or []  # plain names, as CKAN indexes them
    pkg_dict.update(search_fields(source, pages, datetime.date.today()))
    return pkg_dict

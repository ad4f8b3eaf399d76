"""What the search index gets of stored text: merged into the dataset's own Solr document, so
CKAN's permission labels filter full-text hits exactly like metadata hits. Never parses files."""

from __future__ import annotations

__all__ = ["merge_stored_text"]

from typing import Any

from ckanext.vusta.fulltext import store

FULLTEXT_FIELD = "vusta_fulltext"


def merge_stored_text(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    pages = store.dataset_pages(pkg_dict["id"])
    if pages:
        pkg_dict[FULLTEXT_FIELD] = [page.text for page in pages]
    return pkg_dict

"""The background job that extracts a resource's text and re-indexes its dataset.

A file already extracted (same sha256) is reused, never processed again. Permanent failures
are recorded and end the job; retryable ones are recorded and re-raised so RQ retries them.
"""

from __future__ import annotations

__all__ = ["extract_resource_text"]

import logging

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search

from ckanext.vusta import config
from ckanext.vusta.fulltext import store
from ckanext.vusta.fulltext.source_file import SourceFileError, local_copy
from ocr_pipeline.api import extract_document, file_sha256
from ocr_pipeline.errors import ExtractionError

log = logging.getLogger(__name__)


def extract_resource_text(resource_id: str) -> None:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    try:
        resource = tk.get_action("resource_show")(context, {"id": resource_id})
    except tk.ObjectNotFound:
        log.info("resource %s is gone; nothing to extract", resource_id)
        return
    store.mark_processing(resource_id)
    model.Session.commit()
    retry_error: Exception | None = None
    try:
        with local_copy(resource) as path:
            sha256 = file_sha256(path)
            if not store.file_text_exists(sha256):
                store.save_file_text(extract_document(path, config.extraction_options()))
            store.mark_done(resource_id, sha256)
    except (ExtractionError, SourceFileError) as error:
        store.mark_failed(resource_id, error.code, error.detail)
        log.warning("text extraction of %s failed: %s %s", resource_id, error.code, error.detail)
        if not error.permanent:
            retry_error = error
    model.Session.commit()
    # The dataset's index entry picks up the stored text (or keeps its metadata on failure).
    search.rebuild(resource["package_id"])
    if retry_error is not None:
        raise retry_error

"""Actions of the VUSTA extension (`vusta_<thing>_<verb>`)."""

from __future__ import annotations

__all__ = ["vusta_dataset_reindex", "vusta_fulltext_retry", "vusta_fulltext_status_show"]

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.vusta import config, helpers, jobs
from ckanext.vusta.fulltext import queue, store
from ckanext.vusta.fulltext.eligibility import is_extractable, source_stamp
from ckanext.vusta.logic import schema


def _validated(data_dict: dict[str, Any], context: Any) -> dict[str, Any]:
    data, errors = tk.navl_validate(data_dict, schema.by_id(), context)
    if errors:
        raise tk.ValidationError(errors)
    return dict(data)


def vusta_dataset_reindex(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Queues a background job that re-indexes one dataset from the database into Solr.

    Used after work done outside an action (such as stored full text changing) and to repair
    a dataset whose index entry was lost while Solr was down.
    """
    data = _validated(data_dict, context)
    tk.check_access("vusta_dataset_reindex", context, data)
    dataset = tk.get_action("package_show")(dict(context), {"id": data["id"]})
    job = tk.enqueue_job(
        jobs.reindex_dataset,
        [dataset["id"]],
        title=f"vusta: re-index {dataset['name']}",
        queue=config.jobs_queue(),
        rq_kwargs={"timeout": config.jobs_timeout()},
    )
    return {"job_id": job.id, "dataset_id": dataset["id"]}


def vusta_fulltext_retry(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Queues text extraction of one resource again (after a failure, or to refresh it)."""
    data = _validated(data_dict, context)
    tk.check_access("vusta_fulltext_retry", context, data)
    resource = tk.get_action("resource_show")(dict(context), {"id": data["id"]})
    if not is_extractable(resource):
        raise tk.ValidationError({"id": [tk._("This resource is not a PDF or image")]})
    store.mark_queued(resource["id"], resource["package_id"], source_stamp(resource))
    model.Session.commit()
    return {"job_id": queue.enqueue_extraction(resource["id"]), "resource_id": resource["id"]}


def vusta_fulltext_status_show(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Extraction status of one resource: pages, OCRed pages, mean confidence or the error."""
    data = _validated(data_dict, context)
    tk.check_access("vusta_fulltext_status_show", context, data)
    tk.get_action("resource_show")(dict(context), {"id": data["id"]})
    summary = helpers.vusta_fulltext_summary(data["id"])
    return summary or {"status": "none"}

"""Actions of the VUSTA extension (`vusta_<thing>_<verb>`)."""

from __future__ import annotations

__all__ = ["vusta_dataset_reindex"]

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.vusta import config, jobs
from ckanext.vusta.logic import schema


def vusta_dataset_reindex(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Queues a background job that re-indexes one dataset from the database into Solr.

    Used after work done outside an action (such as stored full text changing) and to repair
    a dataset whose index entry was lost while Solr was down.
    """
    data, errors = tk.navl_validate(data_dict, schema.dataset_reindex(), context)
    if errors:
        raise tk.ValidationError(errors)
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

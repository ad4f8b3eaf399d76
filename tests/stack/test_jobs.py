"""Background jobs enqueued through CKAN run on a real RQ worker over the test Redis."""

from __future__ import annotations

import pytest
from ckan.lib import jobs, search
from ckan.tests import factories, helpers

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                            "with_test_worker"),
]


def test_reindex_job_restores_a_dataset_missing_from_the_index() -> None:
    sysadmin = factories.Sysadmin()
    dataset = factories.Dataset(owner_org=factories.Organization()["id"],
                                title="Địa chất thủy văn miền Trung")
    search.clear(dataset["name"])
    assert helpers.call_action("package_search", q="thủy văn")["count"] == 0

    result = helpers.call_action("vusta_dataset_reindex", context={"user": sysadmin["name"]},
                                 id=dataset["name"])
    queued = jobs.get_queue("vusta").job_ids
    assert result["job_id"] in queued
    jobs.Worker(["vusta"]).work(burst=True)

    found = helpers.call_action("package_search", q="thủy văn")
    assert found["count"] == 1
    assert found["results"][0]["id"] == dataset["id"]
    assert jobs.get_queue("vusta").job_ids == []


def test_reindex_is_refused_to_users_who_cannot_edit_the_dataset() -> None:
    stranger = factories.User()
    dataset = factories.Dataset(owner_org=factories.Organization()["id"])

    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("vusta_dataset_reindex",
                            context={"user": stranger["name"], "ignore_auth": False},
                            id=dataset["id"])


def test_reindex_of_an_unknown_dataset_is_a_clear_error() -> None:
    sysadmin = factories.Sysadmin()
    with pytest.raises(helpers.logic.NotFound):
        helpers.call_action("vusta_dataset_reindex", context={"user": sysadmin["name"]},
                            id="khong-ton-tai")
    with pytest.raises(helpers.logic.ValidationError):
        helpers.call_action("vusta_dataset_reindex", context={"user": sysadmin["name"]}, id="")

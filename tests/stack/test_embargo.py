"""Embargoes end on their date: `ckan vusta embargo lift` opens the record, and the text of
its files, kept out of the index while embargoed, becomes searchable with page snippets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ckan.model as model
import pytest
from ckan.lib import jobs, search
from ckan.tests import factories, helpers

from ckanext.vusta.catalogue.embargo import ended_embargoes, lift_ended_embargoes
from ckanext.vusta.demo.pdf import render_pdf
from tests.stack.catalogue_support import CATALOGUE_MARKS, create, publication

pytestmark = [*CATALOGUE_MARKS, pytest.mark.usefixtures("clean_queues", "with_test_worker")]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PAGE = "Kết quả đo độ mặn tại cửa sông Hàm Luông mùa khô năm 2024."


def _search(q: str) -> dict[str, Any]:
    return dict(helpers.call_action("vusta_search", context={"user": "", "ignore_auth": False},
                                    q=q))


def _move_embargo_date(package_id: str, date: dt.date) -> None:
    """Time passing: the stored date moves; nothing else about the record changes."""
    _store_embargo_text(package_id, date.isoformat())


def _store_embargo_text(package_id: str, value: str) -> None:
    package = model.Package.get(package_id)
    assert package is not None
    package.extras = {**package.extras, "embargo_until": value}
    model.Session.commit()
    search.rebuild(package_id)  # the index agrees, as if the record had always said so


@pytest.fixture
def embargoed(app: Any, create_with_upload: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    # `app`: an upload's download URL needs the publication type's blueprint, which only an
    # app built with scheming loaded has (an earlier test's app may not).
    org = factories.Organization()
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    record = create(None, publication(org["id"], access="embargoed", embargo_until=future))
    create_with_upload(render_pdf(record["title"], ["Lời nói đầu.", PAGE], FONT), "bao-cao.pdf",
                       package_id=record["id"], format="PDF")
    jobs.Worker(["vusta"]).work(burst=True)
    return record


def test_an_embargo_in_the_future_stays_and_its_text_is_not_searchable(
    embargoed: dict[str, Any],
) -> None:
    assert ended_embargoes(dt.date.today()) == []
    assert lift_ended_embargoes(dt.date.today(), lambda _: None) == 0
    assert _search("ham luong")["count"] == 0
    assert helpers.call_action("package_show", id=embargoed["id"])["access"] == "embargoed"


def test_an_ended_embargo_is_lifted_once_and_its_pages_become_searchable(
    embargoed: dict[str, Any],
) -> None:
    yesterday = dt.date.today() - dt.timedelta(days=1)
    _move_embargo_date(embargoed["id"], yesterday)
    said: list[str] = []

    assert lift_ended_embargoes(dt.date.today(), said.append) == 1
    assert said == [f"{embargoed['id']}: embargo ended, now open access"]
    shown = helpers.call_action("package_show", id=embargoed["id"])
    assert shown["access"] == "open"
    assert shown["embargo_until"] == yesterday.isoformat()  # kept as history

    result = _search("ham luong")
    assert [d["id"] for d in result["results"]] == [embargoed["id"]]
    [highlight] = result["results"][0]["highlights"]
    assert highlight["page"] == 2
    assert "<mark>Hàm</mark> <mark>Luông</mark>" in highlight["snippet"]
    # A second daily run finds nothing left to do.
    assert lift_ended_embargoes(dt.date.today(), said.append) == 0


def test_an_unreadable_embargo_date_keeps_the_embargo(embargoed: dict[str, Any]) -> None:
    _store_embargo_text(embargoed["id"], "sau khi bảo vệ")
    assert ended_embargoes(dt.date.today()) == []
    said: list[str] = []
    assert lift_ended_embargoes(dt.date.today(), said.append) == 0
    assert said == [f"{embargoed['id']}: embargo date unreadable, embargo kept; please correct it"]
    assert helpers.call_action("package_show", id=embargoed["id"])["access"] == "embargoed"

"""Our Solr launcher starts a real Solr 9 server, answers ping, and stops cleanly; when Solr
goes away under a running portal, writes fail clearly, nothing is lost, and a rebuild restores
search once Solr is back."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from ckan import model
from ckan.cli.cli import ckan as ckan_cli
from ckan.lib import search
from ckan.tests import factories, helpers

from tests.stack.solr_server import PrivateSolr

pytestmark = [pytest.mark.stack, pytest.mark.slow]


@pytest.fixture
def private_solr(tmp_path: Path) -> Iterator[PrivateSolr]:
    solr = PrivateSolr(home=tmp_path / "solr-home")
    solr.start()
    yield solr
    if solr.process is not None:
        solr.stop()


def test_launcher_starts_answers_ping_and_stops_cleanly(private_solr: PrivateSolr) -> None:
    assert private_solr.ready_line == f"VUSTA-SOLR READY port={private_solr.port}"
    ping = requests.get(f"{private_solr.core_url}/admin/ping", params={"wt": "json"}, timeout=10)
    assert ping.json()["status"] == "OK"
    # It listens on loopback only.
    assert private_solr.core_url.startswith("http://127.0.0.1:")

    exit_code = private_solr.stop()

    assert exit_code in (0, 143)  # normal exit after the shutdown hook, or SIGTERM's code
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", private_solr.port)) != 0


def test_launcher_on_a_taken_port_exits_with_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        solr = PrivateSolr(home=tmp_path / "solr-home", port=holder.getsockname()[1])
        with pytest.raises(AssertionError, match="Solr exited"):
            solr.start(timeout=90)
        assert solr.process is not None
        assert solr.process.wait(timeout=30) == 1
        log = (tmp_path / "solr-home" / "solr.log").read_text()
        assert f"Solr could not start on port {holder.getsockname()[1]}" in log


def _title_in_database(dataset_id: str) -> str:
    """Reads the committed title through a fresh connection, not the test's session."""
    with model.meta.engine.connect() as connection:
        return str(connection.execute(
            sa.text("SELECT title FROM package WHERE id = :id"), {"id": dataset_id}
        ).scalar_one())


@pytest.mark.ckan_config("ckan.plugins", "vusta harvest")
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_solr_outage_fails_writes_keeps_database_and_rebuild_restores(
    private_solr: PrivateSolr, ckan_config: Any, app: Any, cli: Any
) -> None:
    ckan_config["solr_url"] = private_solr.core_url
    search.clear_all()
    sysadmin = factories.SysadminWithToken()
    dataset = factories.Dataset(owner_org=factories.Organization()["id"],
                                title="Bản đồ địa chất tỷ lệ 1:50.000")
    assert helpers.call_action("package_search", q="địa chất")["count"] == 1

    private_solr.stop()
    response = app.post("/api/3/action/package_patch", headers={"Authorization": sysadmin["token"]},
                        json={"id": dataset["id"], "title": "Tên mới khi Solr tắt"})

    assert response.status_code == 500
    assert response.json["success"] is False
    assert response.json["error"]["__type"] == "Search Index Error"
    assert "Traceback" not in response.get_data(as_text=True)
    # The database keeps its previous state.
    assert _title_in_database(dataset["id"]) == "Bản đồ địa chất tỷ lệ 1:50.000"

    private_solr.start()
    search.clear_all()  # Solr is back with an empty index
    assert helpers.call_action("package_search", q="địa chất")["count"] == 0
    rebuilt = cli.invoke(ckan_cli, ["search-index", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output

    found = helpers.call_action("package_search", q="địa chất")
    assert found["count"] == 1
    assert found["results"][0]["title"] == "Bản đồ địa chất tỷ lệ 1:50.000"

"""A missing prerequisite gives one clear line saying what is wrong and how to fix it."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.layout import current_layout
from devstack.processes import ManagedProcess, StackError, require_free_port
from devstack.services import ensure_database, solr_command
from tests.conftest import REPO_ROOT


def test_taken_port_names_the_port_and_the_variable_to_change() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(StackError) as error:
            require_free_port(port, "Solr", "VUSTA_SOLR_PORT")
    message = str(error.value)
    assert f"port {port}" in message
    assert "VUSTA_SOLR_PORT" in message
    assert "\n" not in message


def test_missing_java_is_reported_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java anywhere on PATH
    with pytest.raises(StackError, match=r"Java is missing.*openjdk-17"):
        solr_command(current_layout(), tmp_path, 8983)


def test_postgresql_down_is_one_line_not_a_trace() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    layout = dataclasses.replace(current_layout(), pg_port=closed_port)
    with pytest.raises(StackError) as error:
        ensure_database(layout, "vusta_test")
    assert "PostgreSQL refused" in str(error.value)
    assert "Traceback" not in str(error.value)


def test_cli_prints_one_error_line_and_exits_non_zero(tmp_path: Path) -> None:
    # An invalid port setting is refused before anything starts.
    result = subprocess.run(
        [sys.executable, "-m", "devstack", "status"], cwd=REPO_ROOT, capture_output=True,
        text=True, env={"PATH": "/usr/bin:/bin", "VUSTA_SOLR_PORT": "99999"}, check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == "VUSTA_SOLR_PORT='99999' is not a TCP port number"


def test_stop_ignores_a_pidfile_whose_pid_belongs_to_another_program(tmp_path: Path) -> None:
    other = subprocess.Popen(["sleep", "30"])
    try:
        pidfile = tmp_path / "solr.pid"
        pidfile.write_text(str(other.pid))
        proc = ManagedProcess("solr", pidfile, "SolrLauncher")
        assert proc.stop() is False
        assert other.poll() is None  # the unrelated program is untouched
    finally:
        other.kill()
        other.wait()

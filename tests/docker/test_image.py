"""Checks the CKAN image's build files and the helper scripts it ships.

No Docker engine runs here, so the Dockerfile is read statically (official CKAN 2.12
base, Debian Tesseract packages, every COPY source present and not excluded by the
dockerignore) and the small scripts run for real where that needs no container,
the worker health check against a real redis-server and RQ's own registration.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"
DOCKERFILE = DOCKER / "ckan" / "Dockerfile"
DOCKERIGNORE = DOCKER / "ckan" / "Dockerfile.dockerignore"
BIN = DOCKER / "ckan" / "bin"


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_dockerfile_builds_on_the_official_ckan_212_base() -> None:
    bases = [args for keyword, args in dockerfile_instructions() if keyword == "FROM"]
    assert len(bases) == 1
    assert re.fullmatch(r"ckan/ckan-base:2\.12(\.\d+)?", bases[0]), bases[0]
    runs = " ".join(args for keyword, args in dockerfile_instructions() if keyword == "RUN")
    for package in ("tesseract-ocr", "tesseract-ocr-vie", "tesseract-ocr-eng"):
        assert re.search(rf"\b{re.escape(package)}\b", runs), package
    assert "apt-get install" in runs  # the base is Debian (python:*-slim-bookworm)


def dockerignore_allows(relative: str) -> bool:
    """Docker semantics, simplified: the last matching pattern wins; a pattern on a
    directory covers everything below it."""
    allowed = True
    for raw in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").rstrip("/")
        if fnmatch.fnmatch(relative, pattern) or relative.startswith(pattern + "/"):
            allowed = negate
    return allowed


def test_dockerfile_copy_sources_exist_in_the_build_context() -> None:
    copies = [args for keyword, args in dockerfile_instructions() if keyword in {"COPY", "ADD"}]
    assert copies
    for args in copies:
        words = [word for word in args.split() if not word.startswith("--")]
        sources = words[:-1]
        matched: list[str] = []
        for source in sources:
            hits = [str(hit.relative_to(REPO)) for hit in REPO.glob(source)]
            if not glob.has_magic(source):
                assert hits, f"COPY source {source} does not exist in the repository"
            matched += hits
        assert matched, f"COPY {args} matches nothing"
        for hit in matched:
            assert dockerignore_allows(hit), f"{hit} is copied but excluded by the dockerignore"


def test_helper_scripts_are_executable_and_parse() -> None:
    for script in [*sorted(BIN.iterdir()), DOCKER / "solr" / "refresh-configset.sh"]:
        assert os.access(script, os.X_OK), f"{script} is not executable"
        first = script.read_text(encoding="utf-8").splitlines()[0]
        if "python" in first:
            ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
        else:
            subprocess.run(["bash", "-n", str(script)], check=True, timeout=30)
    for hook in (DOCKER / "ckan" / "entrypoint.d").iterdir():
        assert hook.suffix == ".sh"  # start_ckan.sh ignores other suffixes
        subprocess.run(["bash", "-n", str(hook)], check=True, timeout=30)


def run_script(name: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / name), *args],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("interval", ["abc", "0", "-5", "15m"])
def test_harvest_scheduler_refuses_a_bad_interval(interval: str) -> None:
    result = run_script("vusta-harvest-scheduler", {"HARVEST_RUN_INTERVAL_SECONDS": interval})
    assert result.returncode == 2
    assert "HARVEST_RUN_INTERVAL_SECONDS" in result.stderr


@pytest.mark.parametrize("hour", ["abc", "24", "-1", "2am", "07:30"])
def test_daily_tasks_refuse_a_bad_hour(hour: str) -> None:
    result = run_script("vusta-daily-tasks", {"DAILY_TASKS_HOUR": hour})
    assert result.returncode == 2
    assert "DAILY_TASKS_HOUR" in result.stderr


def test_ckan_command_wrapper_refuses_an_empty_plugin_list() -> None:
    result = run_script("vusta-ckan-command", {"CKAN__PLUGINS": ""}, "true")
    assert result.returncode == 2
    assert "CKAN__PLUGINS" in result.stderr


def test_worker_health_check_follows_rq_registration(tmp_path: Path) -> None:
    """Runs vusta-healthcheck against a real redis-server and RQ's own worker
    registration, so a change in how RQ records workers breaks this test."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is not installed")
    redis = pytest.importorskip("redis")
    rq = pytest.importorskip("rq")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        env = {
            "CKAN_REDIS_URL": f"redis://127.0.0.1:{port}/1",
        }
        healthcheck = [sys.executable, str(BIN / "vusta-healthcheck")]
        run = functools.partial(subprocess.run, env=env, capture_output=True, text=True, timeout=30)
        assert run([*healthcheck, "redis"]).returncode == 0
        assert run([*healthcheck, "rq-worker"]).returncode == 1
        worker = rq.Worker(["vusta"], connection=redis.Redis(port=port, db=1))
        worker.register_birth()
        assert run([*healthcheck, "rq-worker"]).returncode == 0
        worker.register_death()
        assert run([*healthcheck, "rq-worker"]).returncode == 1
    finally:
        server.terminate()
        server.wait(timeout=10)
    down = run([*healthcheck, "redis"])
    assert down.returncode == 1 and down.stderr.startswith("unhealthy: ")

"""The demo's harvest source: a static HTTP server on loopback for the folder the demo loader
writes (member associations' manifest spreadsheets and PDFs), so `make run`'s publications
arrive through a real harvest. Started and stopped like the other services.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from devstack.layout import Layout
from devstack.processes import ManagedProcess, exited, require_free_port, spawn, wait_until


def demo_source_process(layout: Layout) -> ManagedProcess:
    return ManagedProcess("demo-source", layout.run / "demo-source.pid",
                          f"--directory {layout.demo_source}")


def demo_source_url(layout: Layout) -> str:
    return f"http://127.0.0.1:{layout.demo_source_port}"


def _answers(layout: Layout) -> bool:
    try:
        with urllib.request.urlopen(  # noqa: S310 (our own http URL)
                demo_source_url(layout) + "/", timeout=3) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def ensure_demo_source(layout: Layout) -> None:
    """Serves var/demo-source on 127.0.0.1 only (the standard library's static file server)."""
    proc = demo_source_process(layout)
    layout.demo_source.mkdir(parents=True, exist_ok=True)
    if proc.is_running() and _answers(layout):
        return
    proc.stop()
    require_free_port(layout.demo_source_port, "the demo harvest source",
                      "VUSTA_DEMO_SOURCE_PORT")
    log = layout.logs / "demo-source.log"
    child = spawn(proc, [str(layout.venv_bin / "python"), "-m", "http.server",
                         str(layout.demo_source_port), "--bind", "127.0.0.1",
                         "--directory", str(layout.demo_source)], log)
    wait_until(lambda: _answers(layout), "the demo harvest source", 30, exited(child, log))

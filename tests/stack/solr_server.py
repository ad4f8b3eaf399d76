"""A private Solr server started with our launcher, for tests that must stop and restart Solr
without touching the shared test core."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from devstack.layout import current_layout
from devstack.services import solr_command, write_solr_home


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PrivateSolr:
    home: Path
    port: int = field(default_factory=free_port)
    core: str = "ckan"
    process: subprocess.Popen[str] | None = None
    ready_line: str = ""

    @property
    def core_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/solr/{self.core}"

    def ping(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.core_url}/admin/ping?wt=json", timeout=3) as r:
                return bool(r.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def start(self, timeout: float = 120) -> None:
        layout = current_layout()
        write_solr_home(self.home, layout.configset, (self.core,))
        self.process = subprocess.Popen(
            solr_command(layout, self.home, self.port),
            stdout=subprocess.PIPE, stderr=(self.home / "solr.log").open("a"), text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        self.ready_line = self.process.stdout.readline().strip()
        while not self.ping():
            assert self.process.poll() is None, f"Solr exited: {self.ready_line}"
            assert time.monotonic() < deadline, "Solr did not answer ping in time"
            time.sleep(0.3)

    def stop(self, timeout: float = 60) -> int:
        assert self.process is not None
        self.process.terminate()
        code = self.process.wait(timeout=timeout)
        self.process = None
        return code

"""Where the local stack keeps its state and which ports it uses.

Everything runtime lives under the git-ignored `var/`; ports can be moved with environment
variables when another program already holds one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SystemExit(f"{name}={raw!r} is not a TCP port number")
    return int(raw)


@dataclass(frozen=True)
class Layout:
    root: Path
    pg_port: int
    redis_port: int
    solr_port: int
    ckan_port: int
    demo_source_port: int  # the bundled harvest source of the demo content

    @property
    def var(self) -> Path:
        return self.root / "var"

    @property
    def venv_bin(self) -> Path:
        return self.root / ".venv" / "bin"

    @property
    def logs(self) -> Path:
        return self.var / "log"

    @property
    def run(self) -> Path:
        return self.var / "run"

    @property
    def secrets(self) -> Path:
        return self.var / "secrets"

    @property
    def pg_data(self) -> Path:
        return self.var / "postgres" / "data"

    @property
    def pg_socket_dir(self) -> Path:
        return self.var / "postgres" / "socket"

    @property
    def redis_dir(self) -> Path:
        return self.var / "redis"

    @property
    def solr_home(self) -> Path:
        return self.var / "solr" / "home"

    @property
    def solr_lib(self) -> Path:
        return self.var / "solr" / "lib"

    @property
    def solr_classes(self) -> Path:
        return self.var / "solr" / "classes"

    @property
    def configset(self) -> Path:
        return self.root / "schemas" / "solr"

    @property
    def storage(self) -> Path:
        return self.var / "storage"

    @property
    def ckan_ini(self) -> Path:
        return self.var / "ckan.ini"

    @property
    def test_ini(self) -> Path:
        return self.var / "test.ini"

    @property
    def demo_source(self) -> Path:
        return self.var / "demo-source"

    @property
    def sysadmin_token(self) -> Path:
        return self.var / "sysadmin.token"

    def ckan_cmd(self, ini: Path) -> list[str]:
        return [str(self.venv_bin / "ckan"), "-c", str(ini)]


def current_layout() -> Layout:
    return Layout(
        root=ROOT,
        pg_port=_port("VUSTA_PG_PORT", 54320),
        redis_port=_port("VUSTA_REDIS_PORT", 63790),
        solr_port=_port("VUSTA_SOLR_PORT", 8983),
        ckan_port=_port("VUSTA_CKAN_PORT", 5000),
        demo_source_port=_port("VUSTA_DEMO_SOURCE_PORT", 8770),
    )

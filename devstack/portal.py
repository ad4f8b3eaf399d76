"""The CKAN side of the local stack: config files, database set-up, sysadmin, web and workers.

Two configurations share the same services: var/ckan.ini (the demo portal: database `vusta`,
Solr core `ckan`, Redis db 0) and var/test.ini (database `vusta_test`, core `ckan_test`,
Redis db 1), so `make run` and `make test` can both run on one machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import subprocess
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

from devstack.layout import Layout
from devstack.processes import (
    ManagedProcess,
    StackError,
    exited,
    require_free_port,
    spawn,
    wait_until,
)
from devstack.services import ensure_core, ensure_database, redis_url, secret, solr_url

PLUGINS = ("vusta harvest vusta_oai_harvester vusta_ckan_harvester vusta_feed_harvester "
           "vusta_manifest_harvester scheming_datasets scheming_organizations dcat vusta_dcat")
WORKER_QUEUES = ("vusta", "default")
SCHEMING_DATASET_SCHEMAS = " ".join(
    f"ckanext.vusta:schemas/{name}.yaml" for name in ("publication", "research_dataset", "project"))


def ckan_env(layout: Layout) -> dict[str, str]:
    return dict(os.environ, PATH=f"{layout.venv_bin}:{os.environ.get('PATH', '')}")


def run_ckan(layout: Layout, ini: Path | None, *args: str, what: str) -> str:
    """Runs `ckan [-c ini] args`; a failure becomes one line with CKAN's last words."""
    argv = layout.ckan_cmd(ini) if ini else [str(layout.venv_bin / "ckan")]
    result = subprocess.run([*argv, *args], capture_output=True, text=True,
                            env=ckan_env(layout), check=False)
    if result.returncode != 0:
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        raise StackError(f"{what} failed: {' '.join(last)}")
    return result.stdout


# What decides the contents of a dataset's Solr document besides the dataset itself.
INDEX_INPUTS = ("schemas/solr/conf", "ckanext-vusta/ckanext/vusta/search/document.py",
                "ckanext-vusta/ckanext/vusta/fulltext/index.py")


def _index_inputs_digest(layout: Layout) -> str:
    digest = hashlib.sha256()
    for name in INDEX_INPUTS:
        path = layout.root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(file.relative_to(layout.root).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def refresh_search_index(layout: Layout, ini: Path) -> bool:
    """Rebuilds the portal's search index when the configset or our index code changed since
    the last build (the reloaded core has new fields the old documents lack). True if rebuilt."""
    stamp = layout.var / "stamps" / f"index-{ini.stem}"
    digest = _index_inputs_digest(layout)
    if stamp.exists() and stamp.read_text().strip() == digest:
        return False
    run_ckan(layout, ini, "search-index", "rebuild", what="rebuilding the search index")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n")
    return True


@dataclass(frozen=True)
class Site:
    """One CKAN configuration and the state it owns in the shared services."""

    name: str  # "portal", "test", or "test-<suffix>" for a parallel test site
    database: str
    core: str
    redis_db: int

    @property
    def is_test(self) -> bool:
        return self.name != "portal"

    def ini(self, layout: Layout) -> Path:
        return layout.ckan_ini if self.name == "portal" else layout.var / f"{self.name}.ini"


PORTAL_SITE = Site("portal", "vusta", "ckan", 0)
TEST_SITE = Site("test", "vusta_test", "ckan_test", 1)


def test_site(suffix: str | None) -> Site:
    """The default test site, or a separate one (own database, core, Redis db) per suffix,
    so several test runs can share the services without resetting each other's data."""
    if not suffix:
        return TEST_SITE
    if not re.fullmatch(r"[a-z0-9]{1,20}", suffix):
        raise StackError(f"test site name {suffix!r}: use 1-20 lower-case letters or digits")
    return Site(f"test-{suffix}", f"vusta_test_{suffix}", f"ckan_test_{suffix}",
                2 + zlib.crc32(suffix.encode()) % 14)


def _settings(layout: Layout, site: Site) -> dict[str, str]:
    settings = {
        "sqlalchemy.url": ensure_database(layout, site.database),
        "solr_url": solr_url(layout, site.core),
        "ckan.redis.url": redis_url(layout, site.redis_db),
        "ckan.plugins": PLUGINS,
        "ckan.site_id": site.database,
        "ckan.site_title": "Thư viện số VUSTA",
        "ckan.locale_default": "vi",
        "ckan.locale_order": "vi en",
        "ckan.locales_offered": "vi en",
        # Record types and member associations (ckanext-scheming); dcat's presets must be listed.
        "scheming.dataset_schemas": SCHEMING_DATASET_SCHEMAS,
        "scheming.organization_schemas": "ckanext.vusta:schemas/member_association.yaml",
        "scheming.presets": ("ckanext.scheming:presets.json ckanext.dcat.schemas:presets.yaml "
                             "ckanext.vusta:schemas/presets.yaml"),
        "ckan.storage_path": str(layout.storage / site.name),
        "ckan.max_resource_size": "200",
        "ckan.auth.create_user_via_web": "false",
        "ckan.devserver.host": "127.0.0.1",
        "ckan.devserver.port": str(layout.ckan_port),
        "ckan.devserver.threaded": "true",
        "ckan.harvest.mq.type": "redis",
        "ckan.harvest.mq.hostname": "127.0.0.1",
        "ckan.harvest.mq.port": str(layout.redis_port),
        "ckan.harvest.mq.password": secret(layout, "redis_password"),
        "ckan.harvest.mq.redis_db": str(site.redis_db),
    }
    if site.is_test:
        # The test site's host must match SESSION_COOKIE_DOMAIN or set_session_user does nothing.
        settings.update({
            "ckan.site_url": "http://test.ckan.net",
            "SESSION_COOKIE_DOMAIN": "test.ckan.net",
            "WTF_CSRF_ENABLED": "false",
            "ckan.tracking_enabled": "false",
        })
    else:
        settings["ckan.site_url"] = f"http://127.0.0.1:{layout.ckan_port}"
    return settings


def write_config(layout: Layout, site: Site) -> Path:
    """Generates the ini once (fresh secrets), then re-applies our settings on every run."""
    ini = site.ini(layout)
    if not ini.exists():
        run_ckan(layout, None, "generate", "config", str(ini), what="ckan generate config")
        ini.chmod(0o600)
    ensure_core(layout, site.core)
    pairs = [f"{key}={value}" for key, value in _settings(layout, site).items()]
    run_ckan(layout, None, "config-tool", str(ini), *pairs, what="ckan config-tool")
    _write_logging(layout, ini, site)
    return ini


def _write_logging(layout: Layout, ini: Path, site: Site) -> None:
    """Points the generated ini's log handler at var/log instead of the console."""
    text = ini.read_text()
    if "[handler_vusta_file]" in text:
        return
    log_file = layout.logs / ("ckan.log" if site.name == "portal" else f"ckan-{site.name}.log")
    text = text.replace("[handlers]\nkeys = console", "[handlers]\nkeys = console, vusta_file")
    text = text.replace("[logger_root]\nlevel = WARNING\nhandlers = console",
                        "[logger_root]\nlevel = WARNING\nhandlers = console, vusta_file")
    text += (
        "\n[handler_vusta_file]\nclass = FileHandler\n"
        f"args = ('{log_file}', 'a')\nlevel = NOTSET\nformatter = generic\n"
    )
    ini.write_text(text)


def init_database(layout: Layout, ini: Path) -> None:
    run_ckan(layout, ini, "db", "init", what="ckan db init")
    for plugin in ("harvest", "vusta"):
        run_ckan(layout, ini, "db", "upgrade", "-p", plugin, what=f"{plugin} migrations")


def ensure_sysadmin(layout: Layout, ini: Path) -> Path:
    """Creates the `admin` sysadmin once and writes a fresh API token to var/sysadmin.token."""
    password = secret(layout, "sysadmin_password")
    exists = subprocess.run([*layout.ckan_cmd(ini), "user", "show", "admin"], capture_output=True,
                            text=True, env=ckan_env(layout), check=False)
    if "User: None" in exists.stdout or exists.returncode != 0 or "admin" not in exists.stdout:
        run_ckan(layout, ini, "user", "add", "admin", "email=admin@vusta.invalid",
                 f"password={password}", "fullname=Quản trị viên", what="ckan user add")
        run_ckan(layout, ini, "sysadmin", "add", "admin", what="ckan sysadmin add")
    if not layout.sysadmin_token.exists():
        out = run_ckan(layout, ini, "user", "token", "add", "admin", "devstack",
                       what="ckan user token add")
        token = out.strip().splitlines()[-1].strip()
        layout.sysadmin_token.write_text(token + "\n")
        layout.sysadmin_token.chmod(0o600)
    return layout.sysadmin_token


def web_process(layout: Layout) -> ManagedProcess:
    return ManagedProcess("ckan-web", layout.run / "ckan-web.pid", f"{layout.ckan_ini} run")


def _site_answers(layout: Layout) -> bool:
    url = f"http://127.0.0.1:{layout.ckan_port}/api/3/action/status_show"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def ensure_web(layout: Layout) -> None:
    proc = web_process(layout)
    if proc.is_running() and _site_answers(layout):
        return
    proc.stop()
    require_free_port(layout.ckan_port, "CKAN", "VUSTA_CKAN_PORT")
    log = layout.logs / "ckan-web.log"
    child = spawn(proc, [*layout.ckan_cmd(layout.ckan_ini), "run", "--host", "127.0.0.1",
                 "--port", str(layout.ckan_port), "--disable-reloader", "--threaded"],
          log, env=ckan_env(layout))
    wait_until(lambda: _site_answers(layout), "CKAN", 120, exited(child, log))


def worker_processes(layout: Layout) -> tuple[ManagedProcess, ...]:
    ini = str(layout.ckan_ini)
    return (
        ManagedProcess("jobs-worker", layout.run / "jobs-worker.pid", f"{ini} jobs worker"),
        ManagedProcess("harvest-gather", layout.run / "harvest-gather.pid",
                       f"{ini} harvester gather-consumer"),
        ManagedProcess("harvest-fetch", layout.run / "harvest-fetch.pid",
                       f"{ini} harvester fetch-consumer"),
    )


def ensure_workers(layout: Layout) -> None:
    commands = {
        "jobs-worker": ["jobs", "worker", *WORKER_QUEUES],
        "harvest-gather": ["harvester", "gather-consumer"],
        "harvest-fetch": ["harvester", "fetch-consumer"],
    }
    for proc in worker_processes(layout):
        if not proc.is_running():
            argv = [*layout.ckan_cmd(layout.ckan_ini), *commands[proc.name]]
            # Each worker is restarted if it exits: ckanext-harvest's consumers die on a Redis
            # read timeout after an idle spell, and a crashed RQ worker must not stop the jobs.
            supervised = ["bash", "-c", f"while true; do {shlex.join(argv)}; sleep 2; done"]
            spawn(proc, supervised, layout.logs / f"{proc.name}.log", env=ckan_env(layout))

"""PostgreSQL, Redis and Solr of the local stack: our own instances, state under var/.

Each `ensure_*` is idempotent: it reuses a running instance that we started, starts one
otherwise, and refuses with one clear line when a prerequisite is missing.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from devstack.layout import Layout
from devstack.processes import (
    ManagedProcess,
    StackError,
    exited,
    require_free_port,
    spawn,
    tail,
    wait_until,
)

PG_SUPERUSER = "vusta"
SOLR_CORES = ("ckan", "ckan_test")


def secret(layout: Layout, name: str) -> str:
    """A random secret generated once per machine and kept in var/secrets (never committed)."""
    layout.secrets.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = layout.secrets / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(24))
        path.chmod(0o600)
    return path.read_text().strip()


# --- PostgreSQL -------------------------------------------------------------------------------

def _pg_bin(tool: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"))
    if found:
        return str(found[-1])
    on_path = shutil.which(tool)
    if on_path:
        return on_path
    raise StackError(f"PostgreSQL's {tool} is missing: run `make run` as root to install it, "
                     "or apt-get install postgresql")


def _pg_os_user() -> str | None:
    """PostgreSQL refuses to run as root; as root we run it as the Debian `postgres` user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise StackError("running as root needs the `postgres` system user "
                         "(apt-get install postgresql creates it)") from exc
    return "postgres"


def _as_pg_user(argv: list[str]) -> list[str]:
    user = _pg_os_user()
    return ["runuser", "-u", user, "--", *argv] if user else argv


def _chown_pg(path: Path) -> None:
    user = _pg_os_user()
    if user:
        shutil.chown(path, user=user, group=user)


def postgres_process(layout: Layout) -> ManagedProcess:
    return ManagedProcess("postgres", layout.pg_data / "postmaster.pid", str(layout.pg_data))


def ensure_postgres(layout: Layout) -> None:
    proc = postgres_process(layout)
    if proc.is_running():
        return
    pg_root = layout.pg_data.parent
    if not (layout.pg_data / "PG_VERSION").exists():
        pg_root.mkdir(parents=True, exist_ok=True)
        _chown_pg(pg_root)
        pwfile = pg_root / "initdb.pw"
        pwfile.write_text(secret(layout, "postgres_password") + "\n")
        _chown_pg(pwfile)
        result = subprocess.run(
            _as_pg_user([_pg_bin("initdb"), "-D", str(layout.pg_data), "-U", PG_SUPERUSER,
                         "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                         "--locale=C.UTF-8"]),
            capture_output=True, text=True, check=False,
        )
        pwfile.unlink()
        if result.returncode != 0:
            raise StackError(f"initdb failed: {result.stderr.strip().splitlines()[-1:]}")
    require_free_port(layout.pg_port, "PostgreSQL", "VUSTA_PG_PORT")
    layout.pg_socket_dir.mkdir(parents=True, exist_ok=True)
    _chown_pg(layout.pg_socket_dir)
    log = layout.logs / "postgres.log"
    layout.logs.mkdir(parents=True, exist_ok=True)
    log.touch()
    _chown_pg(log)
    options = (f"-p {layout.pg_port} -c listen_addresses=127.0.0.1 "
               f"-c unix_socket_directories={layout.pg_socket_dir} -c fsync=off "
               "-c synchronous_commit=off -c max_connections=200")
    result = subprocess.run(
        _as_pg_user([_pg_bin("pg_ctl"), "-D", str(layout.pg_data), "-l", str(log),
                     "-o", options, "-w", "-t", "60", "start"]),
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise StackError(f"PostgreSQL did not start: {tail(log, 2)}")


def stop_postgres(layout: Layout) -> bool:
    if not postgres_process(layout).is_running():
        return False
    subprocess.run(_as_pg_user([_pg_bin("pg_ctl"), "-D", str(layout.pg_data), "-m", "fast",
                                "-w", "stop"]), capture_output=True, check=False)
    return True


def psql(layout: Layout, sql: str, database: str = "postgres") -> str:
    env = dict(os.environ, PGPASSWORD=secret(layout, "postgres_password"))
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(layout.pg_port), "-U", PG_SUPERUSER, "-d", database,
         "-v", "ON_ERROR_STOP=1", "-tAc", sql],
        capture_output=True, text=True, env=env, check=False,
    )
    if result.returncode != 0:
        raise StackError(f"PostgreSQL refused `{sql[:60]}`: {result.stderr.strip()}")
    return result.stdout.strip()


def ensure_database(layout: Layout, name: str) -> str:
    """Creates role `ckan` and database `name` if missing; returns the SQLAlchemy URL."""
    password = secret(layout, "ckan_db_password")
    if psql(layout, "SELECT 1 FROM pg_roles WHERE rolname='ckan'") != "1":
        psql(layout, f"CREATE ROLE ckan LOGIN PASSWORD '{password}'")
    # `name` is one of our own constants (vusta, vusta_test), never user input.
    if psql(layout, f"SELECT 1 FROM pg_database WHERE datname='{name}'") != "1":  # noqa: S608
        psql(layout, f"CREATE DATABASE {name} OWNER ckan ENCODING 'UTF8' TEMPLATE template0")
    return f"postgresql://ckan:{password}@127.0.0.1:{layout.pg_port}/{name}"


# --- Redis ------------------------------------------------------------------------------------

def redis_process(layout: Layout) -> ManagedProcess:
    return ManagedProcess("redis", layout.run / "redis.pid", f"127.0.0.1:{layout.redis_port}")


def redis_url(layout: Layout, db: int) -> str:
    return f"redis://:{secret(layout, 'redis_password')}@127.0.0.1:{layout.redis_port}/{db}"


def ensure_redis(layout: Layout) -> None:
    proc = redis_process(layout)
    if proc.is_running():
        return
    server = shutil.which("redis-server")
    if not server:
        raise StackError("redis-server is missing: run `make run` as root, "
                         "or apt-get install redis-server")
    require_free_port(layout.redis_port, "Redis", "VUSTA_REDIS_PORT")
    layout.redis_dir.mkdir(parents=True, exist_ok=True)
    child = spawn(proc, [server, "--bind", "127.0.0.1", "--port", str(layout.redis_port),
                 "--dir", str(layout.redis_dir), "--requirepass", secret(layout, "redis_password"),
                 "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
          layout.logs / "redis.log")
    password = secret(layout, "redis_password")

    def answers() -> bool:
        result = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(layout.redis_port), "--no-auth-warning",
             "-a", password, "ping"], capture_output=True, text=True, check=False)
        return result.stdout.strip() == "PONG"

    wait_until(answers, "Redis", 30, exited(child, layout.logs / "redis.log", 2))


# --- Solr -------------------------------------------------------------------------------------

def solr_process(layout: Layout) -> ManagedProcess:
    return ManagedProcess("solr", layout.run / "solr.pid", f"SolrLauncher {layout.solr_home}")


def solr_url(layout: Layout, core: str) -> str:
    return f"http://127.0.0.1:{layout.solr_port}/solr/{core}"


def solr_ping(layout: Layout, core: str) -> bool:
    try:
        with urllib.request.urlopen(  # noqa: S310 (our own http URL)
                f"{solr_url(layout, core)}/admin/ping?wt=json", timeout=3) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def ensure_core(layout: Layout, core: str) -> None:
    """Creates a core on the running Solr (our configset) unless it already answers."""
    if solr_ping(layout, core):
        return
    url = (f"http://127.0.0.1:{layout.solr_port}/solr/admin/cores?action=CREATE&name={core}"
           f"&instanceDir={core}&configSet={layout.configset.name}&wt=json")
    try:
        with urllib.request.urlopen(url, timeout=120):
            pass
    except urllib.error.HTTPError as error:
        # Already registered (e.g. created by a parallel run a moment ago) is fine.
        if not solr_ping(layout, core):
            raise StackError(f"Solr could not create core {core}: "
                             f"{error.read().decode(errors='replace')[:300]}") from error


def reload_core(layout: Layout, core: str) -> None:
    url = (f"http://127.0.0.1:{layout.solr_port}/solr/admin/cores?action=RELOAD&core={core}"
           "&wt=json")
    try:
        with urllib.request.urlopen(url, timeout=60):
            return
    except urllib.error.HTTPError as error:
        raise StackError(f"Solr refused the configset in schemas/solr for core {core}: "
                         f"{error.read().decode(errors='replace')[:300]}") from error
    except (urllib.error.URLError, OSError) as error:
        raise StackError(f"Solr did not reload core {core}: {error}") from error


def write_solr_home(home: Path, configset: Path, cores: tuple[str, ...]) -> None:
    """A Solr home whose cores all use the repo's configset in place (one source of truth)."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "solr.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        "<solr>\n"
        f'  <str name="configSetBaseDir">{configset.parent}</str>\n'
        "</solr>\n"
    )
    for core in cores:
        (home / core).mkdir(exist_ok=True)
        (home / core / "core.properties").write_text(  # re-written: keeps cores on our configset
            f"name={core}\nconfigSet={configset.name}\n"
        )


def solr_command(layout: Layout, home: Path, port: int) -> list[str]:
    java = shutil.which("java")
    if not java:
        raise StackError("Java is missing: Solr 9 needs Java 17 "
                         "(apt-get install openjdk-17-jdk-headless)")
    if not layout.solr_classes.joinpath("SolrLauncher.class").exists():
        raise StackError("the Solr jars are not assembled yet: run `make run` (or make install)")
    log_dir = layout.logs
    return [
        java, "-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
        f"-Dlog4j2.configurationFile={layout.root / 'devstack' / 'solr' / 'log4j2.xml'}",
        f"-Dsolr.log.dir={log_dir}", f"-Dsolr.install.dir={layout.solr_lib.parent}",
        "-Dhost=127.0.0.1", "-Djetty.host=127.0.0.1",
        "-cp", f"{layout.solr_lib}/*:{layout.solr_classes}",
        "SolrLauncher", str(home), str(port),
    ]


def ensure_solr(layout: Layout) -> None:
    proc = solr_process(layout)
    write_solr_home(layout.solr_home, layout.configset, SOLR_CORES)
    if proc.is_running() and all(solr_ping(layout, core) for core in SOLR_CORES):
        # Reuse the running server, but let every core pick up configset changes.
        for core in sorted(path.parent.name for path in layout.solr_home.glob("*/core.properties")):
            reload_core(layout, core)
        return
    proc.stop()
    require_free_port(layout.solr_port, "Solr", "VUSTA_SOLR_PORT")
    log = layout.logs / "solr.log"
    child = spawn(proc, solr_command(layout, layout.solr_home, layout.solr_port), log)
    wait_until(lambda: all(solr_ping(layout, core) for core in SOLR_CORES), "Solr", 120,
               exited(child, log))

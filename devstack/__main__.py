"""`python -m devstack run|test-setup|stop|status`: the local stack behind `make run/test/stop`.

Runs the same services as docker/ directly on this machine (no Docker engine here). Errors
are one line saying what is wrong and how to fix it.
"""

from __future__ import annotations

import argparse
import sys
import time

from devstack import demo_source, portal, services
from devstack.layout import Layout, current_layout
from devstack.processes import StackError


def _step(message: str) -> None:
    print(f"[stack] {message}", flush=True)


def start_services(layout: Layout) -> None:
    for name, ensure in (("PostgreSQL", services.ensure_postgres),
                         ("Redis", services.ensure_redis),
                         ("Solr", services.ensure_solr)):
        started = time.monotonic()
        ensure(layout)
        _step(f"{name} up ({time.monotonic() - started:.1f} s)")


def cmd_run(layout: Layout) -> None:
    start_services(layout)
    ini = portal.write_config(layout, portal.PORTAL_SITE)
    portal.init_database(layout, ini)
    _step("database initialised")
    portal.ensure_sysadmin(layout, ini)
    _step(f"sysadmin `admin` ready; API token in {layout.sysadmin_token}")
    demo_source.ensure_demo_source(layout)
    _step(f"demo harvest source serving {layout.demo_source} at "
          f"{demo_source.demo_source_url(layout)}")
    out = portal.run_ckan(layout, ini, "vusta", "demo", "load", "--source-dir",
                          str(layout.demo_source), "--source-url",
                          demo_source.demo_source_url(layout), what="loading demo content")
    _step(out.strip().splitlines()[-1] if out.strip() else "demo content loaded")
    if portal.refresh_search_index(layout, ini):
        _step("search index rebuilt (configset or index code changed)")
    portal.ensure_workers(layout)
    _step("background workers running")
    portal.ensure_web(layout)
    print(
        "\nThe portal is up:\n"
        f"  portal       http://127.0.0.1:{layout.ckan_port}/\n"
        f"  API          http://127.0.0.1:{layout.ckan_port}/api/3/action/package_search\n"
        f"  Solr admin   {services.solr_url(layout, 'ckan')}/admin/ping\n"
        f"  sign in      admin / password in {layout.secrets / 'sysadmin_password'}\n"
        f"  API token    {layout.sysadmin_token}\n"
        f"  logs         {layout.logs}/ (ckan-web.log, jobs-worker.log, solr.log, ...)\n"
        "  stop         make stop\n",
        flush=True,
    )


def cmd_test_setup(layout: Layout, site_suffix: str | None = None) -> None:
    start_services(layout)
    ini = portal.write_config(layout, portal.test_site(site_suffix))
    portal.init_database(layout, ini)
    _step(f"test configuration ready: {ini}")


def cmd_stop(layout: Layout) -> None:
    stopped = []
    for proc in (portal.web_process(layout), *portal.worker_processes(layout),
                 demo_source.demo_source_process(layout),
                 services.solr_process(layout), services.redis_process(layout)):
        if proc.stop():
            stopped.append(proc.name)
    if services.stop_postgres(layout):
        stopped.append("postgres")
    _step(f"stopped: {', '.join(stopped) or 'nothing was running'}")


def cmd_status(layout: Layout) -> None:
    procs = (services.postgres_process(layout), services.redis_process(layout),
             services.solr_process(layout), portal.web_process(layout),
             *portal.worker_processes(layout), demo_source.demo_source_process(layout))
    for proc in procs:
        pid = proc.pid()
        print(f"{proc.name:16} {f'running (pid {pid})' if pid else 'stopped'}")


COMMANDS = {"run": cmd_run, "test-setup": cmd_test_setup, "stop": cmd_stop,
            "status": cmd_status}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__)
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("--site", help="test-setup: a separate test site (own database, "
                        "Solr core and Redis db) named test-SITE, written to var/test-SITE.ini")
    args = parser.parse_args(argv)
    try:
        if args.command == "test-setup":
            cmd_test_setup(current_layout(), args.site)
        else:
            COMMANDS[args.command](current_layout())
    except StackError as exc:
        print(f"[stack] ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

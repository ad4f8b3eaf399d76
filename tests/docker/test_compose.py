"""Checks that the production deployment in docker/ is coherent.

No machine here runs a Docker engine, so the compose file, its .env.example, the
CKAN image's Dockerfile and the small scripts are checked statically: the services
and official images we promised, volumes declared and used, health checks and
start-up ordering, every interpolated variable documented, and every file the
build or the mounts need present in the repository. The image's build files and scripts
are checked in test_image.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from devstack.portal import PLUGINS

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"
COMPOSE_FILE = DOCKER / "compose.yaml"
ENV_EXAMPLE = DOCKER / ".env.example"
DOCKERFILE = DOCKER / "ckan" / "Dockerfile"
DOCKERIGNORE = DOCKER / "ckan" / "Dockerfile.dockerignore"
BIN = DOCKER / "ckan" / "bin"

APP_SERVICES = {"ckan", "worker", "harvest-gather", "harvest-fetch", "harvest-scheduler",
                "daily-tasks"}
BACKING_SERVICES = {"solr", "db", "redis"}
OFFICIAL_IMAGE = {
    "solr": r"solr:9\.\d+(\.\d+)?",
    "db": r"postgres:1[56](\.\d+)?",
    "redis": r"redis:7(\.\d+){0,2}",
}
CONFIGSET_MOUNT = "/opt/solr/server/configsets/vusta"
# Production runs the local stack's plugins plus activity streams (envvars comes last).
PROD_PLUGINS = [*PLUGINS.split(), "activity"]
# ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:?x}, ${VAR?x}; `$${...}` is an escaped dollar.
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:]?[-?][^}]*)?\}")


def load_compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def services() -> dict[str, dict[str, Any]]:
    found = load_compose()["services"]
    assert isinstance(found, dict)
    return found


def env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key), f"line {number}: {line!r}"
        assert key not in values, f"{key} defined twice in .env.example"
        values[key] = value.strip().strip('"')
    return values


def named_volume_mounts(service: dict[str, Any]) -> dict[str, str]:
    """Map named volume -> container path for one service's short-syntax mounts."""
    mounts: dict[str, str] = {}
    for entry in service.get("volumes", []):
        source, target = str(entry).split(":")[:2]
        if not source.startswith((".", "/", "$")):
            mounts[source] = target
    return mounts


def bind_mounts(service: dict[str, Any]) -> dict[str, tuple[Path, str]]:
    """Map container path -> (host path resolved against docker/, mode)."""
    mounts: dict[str, tuple[Path, str]] = {}
    for entry in service.get("volumes", []):
        parts = str(entry).split(":")
        if parts[0].startswith("."):
            mode = parts[2] if len(parts) > 2 else "rw"
            mounts[parts[1]] = ((DOCKER / parts[0]).resolve(), mode)
    return mounts


def test_compose_defines_the_promised_services() -> None:
    assert set(services()) == APP_SERVICES | BACKING_SERVICES


@pytest.mark.parametrize("name", sorted(BACKING_SERVICES))
def test_backing_services_use_official_images_with_pinned_major(name: str) -> None:
    image = services()[name]["image"]
    assert re.fullmatch(OFFICIAL_IMAGE[name], image), f"{name}: {image}"
    assert "build" not in services()[name]


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_app_services_share_the_image_built_from_the_repository(name: str) -> None:
    service = services()[name]
    assert (DOCKER / service["build"]["context"]).resolve() == REPO
    assert (REPO / service["build"]["dockerfile"]).resolve() == DOCKERFILE
    assert service["image"] == services()["ckan"]["image"]
    assert named_volume_mounts(service).get("ckan_storage") == "/var/lib/ckan"
    assert service["environment"]["CKAN__PLUGINS"].startswith("${CKAN__PLUGINS")


def test_worker_and_harvest_commands() -> None:
    commands: dict[str, Any] = {name: services()[name].get("command") for name in APP_SERVICES}
    assert commands["ckan"] is None  # the base image's start_ckan.sh serves the web app
    assert commands["worker"] == [
        "vusta-ckan-command",
        "ckan",
        "jobs",
        "worker",
        "vusta",
        "default",
    ]
    assert commands["harvest-gather"][1:] == ["ckan", "harvester", "gather-consumer"]
    assert commands["harvest-fetch"][1:] == ["ckan", "harvester", "fetch-consumer"]
    assert commands["harvest-scheduler"][1:] == ["vusta-harvest-scheduler"]
    scheduler = (BIN / "vusta-harvest-scheduler").read_text(encoding="utf-8")
    assert "ckan harvester run" in scheduler
    assert commands["daily-tasks"][1:] == ["vusta-daily-tasks"]
    daily = (BIN / "vusta-daily-tasks").read_text(encoding="utf-8")
    assert '"embargo lift" "search merge"' in daily and "ckan vusta ${task}" in daily


def test_named_volumes_are_declared_and_used() -> None:
    declared = set(load_compose()["volumes"])
    used = {volume for svc in services().values() for volume in named_volume_mounts(svc)}
    assert used == declared
    assert named_volume_mounts(services()["db"]) == {"pg_data": "/var/lib/postgresql/data"}
    assert named_volume_mounts(services()["solr"]) == {"solr_data": "/var/solr"}
    assert named_volume_mounts(services()["redis"]) == {"redis_data": "/data"}


def test_every_service_has_a_health_check() -> None:
    for name, service in services().items():
        check = service.get("healthcheck")
        assert check and not check.get("disable"), f"{name} has no health check"
        assert check["test"][0] in {"CMD", "CMD-SHELL"}, name
    joined = {name: " ".join(svc["healthcheck"]["test"]) for name, svc in services().items()}
    assert "/solr/ckan/admin/ping" in joined["solr"]
    assert "pg_isready" in joined["db"]
    assert "redis-cli ping" in joined["redis"]
    assert "/api/3/action/status_show" in joined["ckan"]
    assert joined["worker"].endswith("vusta-healthcheck rq-worker")


def test_dependencies_wait_for_healthy_services() -> None:
    all_services = services()
    for name, service in all_services.items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), f"{name}: use the long depends_on form"
        for target, rule in depends.items():
            assert target in all_services, f"{name} depends on unknown {target}"
            assert rule == {"condition": "service_healthy"}, f"{name} -> {target}"
    assert set(all_services["ckan"]["depends_on"]) == {"db", "solr", "redis"}
    for name in APP_SERVICES - {"ckan"}:
        assert "ckan" in all_services[name]["depends_on"], name


def test_only_ckan_publishes_a_port_and_on_loopback_by_default() -> None:
    for name in BACKING_SERVICES | APP_SERVICES - {"ckan"}:
        assert "ports" not in services()[name], f"{name} must not publish a port"
    (port,) = services()["ckan"]["ports"]
    assert str(port).startswith("${CKAN_HTTP_BIND")
    assert env_example()["CKAN_HTTP_BIND"] == "127.0.0.1"


def test_env_example_covers_every_interpolated_variable() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    used = set(INTERPOLATION.findall(text))
    documented = set(env_example())
    assert used, "the compose file interpolates nothing: the pattern is broken"
    assert used - documented == set(), "used in compose but missing from .env.example"
    assert documented - used == set(), "in .env.example but never used by compose"


def interpolate(text: str, values: dict[str, str]) -> str:
    """Compose's interpolation: ${VAR:-default}, ${VAR:?error}, $$ for a literal $."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, operator, argument = match.group(1), match.group(2) or "", match.group(3) or ""
        value = values.get(name)
        if operator == ":-" and not value:
            return argument
        if operator == ":?" and not value:
            raise ValueError(f"{name}: {argument}")
        return value or ""

    pattern = r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}"
    return re.sub(pattern, replace, text)


def test_compose_file_with_env_example_matches_the_compose_spec() -> None:
    compose_spec = pytest.importorskip("compose_spec")
    resolved = yaml.safe_load(interpolate(COMPOSE_FILE.read_text(encoding="utf-8"), env_example()))
    # Raises ValueError naming the path of any key, type or enum the spec does not allow.
    compose_spec.PyCompose.from_json(json.dumps(resolved)).validate()
    assert resolved["services"]["ckan"]["environment"]["CKAN__LOCALE_DEFAULT"] == "vi"


def test_required_variables_fail_loudly_when_missing() -> None:
    values = env_example()
    values["CKAN___SECRET_KEY"] = ""
    with pytest.raises(ValueError, match="CKAN___SECRET_KEY"):
        interpolate(COMPOSE_FILE.read_text(encoding="utf-8"), values)


def test_env_example_holds_placeholders_not_secrets() -> None:
    values = env_example()
    secret_keys = [key for key in values if re.search(r"SECRET|PASSWORD", key)]
    assert len(secret_keys) >= 4
    for key in secret_keys:
        assert values[key] in {"change-me", ""}, f"{key} looks like a real secret"


def test_plugin_list_lives_in_env_example_only() -> None:
    plugins = env_example()["CKAN__PLUGINS"].split()
    assert plugins[:-1] == PROD_PLUGINS
    assert plugins[-1] == "envvars", "envvars must be last to apply the CKAN__* variables"
    assert env_example()["CKAN__LOCALE_DEFAULT"] == "vi"
    for path in DOCKER.rglob("*"):
        if path.is_file() and path != ENV_EXAMPLE and "__pycache__" not in path.parts:
            assert "scheming_organizations" not in path.read_text(encoding="utf-8"), path


def test_solr_creates_core_ckan_from_the_repository_configset() -> None:
    solr = services()["solr"]
    assert solr["command"] == ["solr-precreate", "ckan", CONFIGSET_MOUNT]
    mounts = bind_mounts(solr)
    configset, mode = mounts[CONFIGSET_MOUNT]
    assert configset == REPO / "schemas" / "solr" and mode == "ro"
    refresh, _ = mounts["/docker-entrypoint-initdb.d/refresh-configset.sh"]
    assert refresh.is_file()
    assert (configset / "conf" / "schema.xml").is_file(), "configset has no conf/schema.xml"
    assert (configset / "conf" / "solrconfig.xml").is_file(), "configset has no conf/solrconfig.xml"

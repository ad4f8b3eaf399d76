"""Collects actions, auth functions and validators from the per-capability modules, so each
capability keeps its own module and plugin.py registers them all with one blanket each."""

from __future__ import annotations

__all__ = ["all_actions", "all_auth_functions", "all_blueprints", "all_helpers",
           "all_validators"]

import importlib
from collections.abc import Callable
from typing import Any

# One module per capability; add a module here when a capability adds actions or auth.
ACTION_MODULES = ("ckanext.vusta.logic.action_core", "ckanext.vusta.logic.action_catalogue",
                  "ckanext.vusta.logic.action_search", "ckanext.vusta.logic.action_nfc")
AUTH_MODULES = ("ckanext.vusta.logic.auth_core", "ckanext.vusta.logic.auth_catalogue",
                "ckanext.vusta.logic.auth_search")
VALIDATOR_MODULES: tuple[str, ...] = ("ckanext.vusta.logic.validators_catalogue",)
HELPER_MODULES = ("ckanext.vusta.helpers", "ckanext.vusta.helpers_catalogue")
# Modules exposing `blueprint` (a flask Blueprint).
BLUEPRINT_MODULES = ("ckanext.vusta.views_fulltext", "ckanext.vusta.views_catalogue",
                     "ckanext.vusta.views_harvest", "ckanext.vusta.views_search")


def _exported(module_names: tuple[str, ...]) -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module_name in module_names:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            if name in found:
                raise RuntimeError(f"{name} is defined twice ({module_name})")
            found[name] = getattr(module, name)
    return found


def all_actions() -> dict[str, Callable[..., Any]]:
    return _exported(ACTION_MODULES)


def all_auth_functions() -> dict[str, Callable[..., Any]]:
    return _exported(AUTH_MODULES)


def all_validators() -> dict[str, Callable[..., Any]]:
    return _exported(VALIDATOR_MODULES)


def all_helpers() -> dict[str, Callable[..., Any]]:
    return _exported(HELPER_MODULES)


def all_blueprints() -> list[Any]:
    return [importlib.import_module(name).blueprint for name in BLUEPRINT_MODULES]

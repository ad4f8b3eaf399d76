"""`vusta_dcat`: enable with `scheming_datasets` and `dcat` so dcat's RDF endpoints work with our
scheming record types (a separate plugin: a chained action needs scheming loaded to chain onto)."""

from __future__ import annotations

from typing import Any

import ckan.plugins as p

from ckanext.vusta.logic import action_dcat


class VustaDcatPlugin(p.SingletonPlugin):  # type: ignore[misc]  # CKAN is untyped here
    p.implements(p.IActions)

    def get_actions(self) -> dict[str, Any]:
        return {name: getattr(action_dcat, name) for name in action_dcat.__all__}

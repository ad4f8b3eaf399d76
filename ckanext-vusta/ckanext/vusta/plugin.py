"""The VUSTA CKAN plugin: registration only; behaviour lives in the modules it names."""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.vusta import cli
from ckanext.vusta.logic import action, auth


@tk.blanket.config_declarations
@tk.blanket.actions(action)
@tk.blanket.auth_functions(auth)
@tk.blanket.cli(cli)
class VustaPlugin(p.SingletonPlugin):  # type: ignore[misc]  # CKAN is untyped here
    p.implements(p.IConfigurer)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")

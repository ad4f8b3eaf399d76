"""The VUSTA CKAN plugin: registration only; behaviour lives in the modules it names."""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib.plugins import DefaultTranslation

from ckanext.vusta import cli
from ckanext.vusta.catalogue import facets
from ckanext.vusta.fulltext import index, queue
from ckanext.vusta.helpers import current_lang
from ckanext.vusta.logic import registry
from ckanext.vusta.search import ranking

SESSION_LISTENERS = (("after_commit", queue.enqueue_after_commit),
                     ("after_rollback", queue.discard_after_rollback))


@tk.blanket.config_declarations
@tk.blanket.actions(registry.all_actions)
@tk.blanket.auth_functions(registry.all_auth_functions)
@tk.blanket.validators(registry.all_validators)
@tk.blanket.helpers(registry.all_helpers)
@tk.blanket.blueprints(registry.all_blueprints)
@tk.blanket.cli(cli)
class VustaPlugin(p.SingletonPlugin, DefaultTranslation):  # type: ignore[misc]  # CKAN is untyped
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.ITranslation)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")

    def configure(self, config: tk.CKANConfig) -> None:
        # Extraction jobs are enqueued only once the dataset's transaction has committed.
        for event, listener in SESSION_LISTENERS:
            if not sa.event.contains(model.Session, event, listener):
                sa.event.listen(model.Session, event, listener)

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        queue.note_dataset_resources(pkg_dict["id"])

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        queue.note_dataset_resources(pkg_dict["id"])

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return index.merge_stored_text(facets.add_index_fields(pkg_dict))

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        return ranking.rank_free_text(search_params)

    def after_dataset_search(self, results: dict[str, Any], params: Any) -> dict[str, Any]:
        return facets.label_search_facets(results, current_lang())

    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return facets.ordered_facets(facets_dict, current_lang())

"""The plugin registers exactly the names we mean to offer (GUIDE: conventions)."""

from __future__ import annotations

import pytest
from ckan.logic import get_action
from ckan.plugins import toolkit as tk

from ckanext.vusta.logic import registry

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins"),
]

EXPECTED_ACTIONS = {"vusta_dataset_reindex", "vusta_fulltext_retry",
                    "vusta_fulltext_status_show", "vusta_citation_show", "vusta_search"}
# Chained: CKAN's own write actions, wrapped to normalise input to NFC first.
EXPECTED_CHAINED_ACTIONS = {f"{entity}_{verb}" for entity in ("package", "resource", "organization",
                                                               "group")
                            for verb in ("create", "update", "patch")}
EXPECTED_HELPERS = {"vusta_fulltext_summary", "vusta_catalogue_page", "vusta_fos_choices",
                    "vusta_fos_label", "vusta_record_url",
                    "humanize_entity_type"}  # chained: our record types' names in CKAN texts
EXPECTED_BLUEPRINTS = {"vusta_fulltext", "vusta_harvest", "vusta_catalogue", "vusta_search"}


def test_registered_names_follow_the_conventions() -> None:
    actions = registry.all_actions()
    assert set(actions) == EXPECTED_ACTIONS | EXPECTED_CHAINED_ACTIONS
    assert set(registry.all_auth_functions()) == EXPECTED_ACTIONS
    assert set(registry.all_helpers()) == EXPECTED_HELPERS
    assert {bp.name for bp in registry.all_blueprints()} == EXPECTED_BLUEPRINTS
    for name in actions:
        assert get_action(name) is not None
    for name in EXPECTED_HELPERS:
        assert callable(getattr(tk.h, name))

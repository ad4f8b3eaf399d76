"""Shared pytest set-up.

The stack tier runs under CKAN's pytest plugin (`pytest --ckan-ini=var/test.ini`, written by
`make test`) against the real PostgreSQL, Redis and Solr. `clean_db` is overridden so every
reset also re-applies the migrations of the plugins we run with.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

PLUGINS_WITH_MIGRATIONS = ("harvest", "vusta")


# Our tables live outside CKAN's metadata, so CKAN's reset leaves their rows behind.
PLUGIN_TABLES = ("vusta_resource_text", "vusta_file_text", "vusta_harvest_record",
                 "vusta_harvest_run")


@pytest.fixture
def clean_db(reset_db: Callable[[], None], migrate_db_for: Callable[[str], None]) -> None:
    from ckan import model
    from sqlalchemy import text

    reset_db()
    for plugin in PLUGINS_WITH_MIGRATIONS:
        migrate_db_for(plugin)
    model.Session.execute(text(f"TRUNCATE {', '.join(PLUGIN_TABLES)}"))
    model.Session.commit()

"""Seeds a test site with K generated datasets (for timing `ckan search-index rebuild`);
datasets an earlier run created are kept, so it can run again.

    .venv/bin/python -m bench.search.seed_site var/test-se.ini 2000
"""

from __future__ import annotations

import sys

# Before CKAN: a plugin's wheel may install a top-level `tests` package of its own.
from tests.relevance.corpus import filler_records


def main(ini: str, count: int) -> None:
    import ckan.plugins.toolkit as tk
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():  # CKAN's actions expect a request context
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        context = {"user": site_user["name"], "ignore_auth": True}
        try:
            org = tk.get_action("organization_show")(dict(context), {"id": "bench-rebuild"})
        except tk.ObjectNotFound:
            org = tk.get_action("organization_create")(dict(context), {
                "name": "bench-rebuild", "title": "Bench rebuild"})
        for record in filler_records(count, prefix="rebuild"):
            try:
                tk.get_action("package_show")(dict(context), {"id": record.id})
                continue
            except tk.ObjectNotFound:
                pass
            tk.get_action("package_create")(dict(context), {
                "name": record.id, "title": record.title, "notes": record.notes,
                "owner_org": org["id"], "author": "; ".join(record.authors),
                "tags": [{"name": tag[:100]} for tag in record.tags],
            })


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

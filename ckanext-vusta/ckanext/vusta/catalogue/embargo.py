"""Ends embargoes whose date has passed: the record becomes open access, so its files can be
downloaded and their text is indexed (search.document leaves embargoed text out).

Nothing in CKAN runs on a date, so a daily `ckan vusta embargo lift` (cron, see README) does
it; each lift is an ordinary package_patch by the site user, so it shows in the record's
activity and the search index is updated by CKAN as for any edit.
"""

from __future__ import annotations

__all__ = ["ended_embargoes", "lift_ended_embargoes", "unreadable_embargoes"]

import datetime as dt
import logging
from collections.abc import Callable

import ckan.model as model
import ckan.plugins.toolkit as tk

log = logging.getLogger(__name__)


def _embargo_dates() -> list[tuple[str, dt.date | None]]:
    """(id, date or None when unreadable) of active records still marked embargoed."""
    # CKAN 2.11+ keeps extras (scheming's fields among them) in the package's JSONB column.
    extras = model.Package.extras
    rows = (
        model.Session.query(model.Package.id, extras["embargo_until"].astext)
        .filter(model.Package.state == "active",
                extras["access"].astext == "embargoed",
                extras.has_key("embargo_until"))
        .all()
    )
    found: list[tuple[str, dt.date | None]] = []
    for package_id, value in rows:
        try:
            found.append((str(package_id), dt.date.fromisoformat(str(value).strip()[:10])))
        except ValueError:
            found.append((str(package_id), None))
    return sorted(found, key=lambda row: row[0])


def ended_embargoes(today: dt.date) -> list[str]:
    """Ids of records still marked embargoed whose embargo date is today or earlier."""
    return [package_id for package_id, date in _embargo_dates()
            if date is not None and date <= today]


def unreadable_embargoes() -> list[str]:
    """Ids of embargoed records whose date cannot be read: the embargo stays until a
    librarian fixes the date."""
    return [package_id for package_id, date in _embargo_dates() if date is None]


def lift_ended_embargoes(today: dt.date, echo: Callable[[str], None]) -> int:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    lifted = 0
    for package_id in ended_embargoes(today):
        context = {"user": site_user["name"], "ignore_auth": True}
        try:
            tk.get_action("package_patch")(context, {"id": package_id, "access": "open"})
        except tk.ValidationError as error:
            echo(f"{package_id}: not lifted: {error.error_summary}")
            continue
        lifted += 1
        echo(f"{package_id}: embargo ended, now open access")
    for package_id in unreadable_embargoes():
        echo(f"{package_id}: embargo date unreadable, embargo kept; please correct it")
    return lifted

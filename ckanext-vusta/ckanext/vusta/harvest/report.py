"""What the harvest page shows for one source: computed from our run table, only formatted."""

from __future__ import annotations

__all__ = ["source_report"]

import datetime
from typing import Any

from ckanext.vusta.harvest import store

_FREQUENCY = {"DAILY": datetime.timedelta(days=1), "WEEKLY": datetime.timedelta(weeks=1),
              "BIWEEKLY": datetime.timedelta(weeks=2), "MONTHLY": datetime.timedelta(days=30),
              "ALWAYS": datetime.timedelta(0)}


def source_report(source: dict[str, Any], lang: str) -> dict[str, Any]:
    runs = store.runs_for_source(source["id"])
    last_success = store.last_complete_start(source["id"])
    period = _FREQUENCY.get(str(source.get("frequency") or "MANUAL"))
    last_start = runs[0].started_at if runs else None
    next_run = None
    if period is not None:
        next_run = (last_start + period) if last_start else datetime.datetime.utcnow()
    return {
        "last_success": last_success,
        "next_run": next_run,
        "runs": [
            {"started_at": r.started_at, "complete": bool(r.listing_ok),
             "counts": {name: int(getattr(r, name)) for name in store.COUNTERS},
             "errors": [{"identifier": e.get("identifier", ""),
                         "text": e.get("en") if lang == "en" else e.get("vi")}
                        for e in r.errors]}
            for r in runs
        ],
    }

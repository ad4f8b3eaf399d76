"""The harvest page of one source, for its association's editors/admins and sysadmins."""

from __future__ import annotations

__all__ = ["blueprint"]

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.vusta import helpers
from ckanext.vusta.harvest.messages import ui_text
from ckanext.vusta.harvest.report import source_report

blueprint = Blueprint("vusta_harvest", __name__)


@blueprint.route("/harvest/<id>/vusta")
def source_page(id: str) -> Any:
    lang = helpers.current_lang()
    context = {"user": tk.current_user.name if tk.current_user else ""}
    try:
        source = tk.get_action("harvest_source_show")(dict(context), {"id": id})
        tk.check_access("package_update", dict(context), {"id": source["id"]})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Harvest source not found"))
    except tk.NotAuthorized:
        return tk.abort(403, ui_text("not_allowed", lang))
    labels = {key: ui_text(key, lang, source=source["title"]) for key in (
        "title", "last_success", "never", "next_run", "manual", "runs", "started", "created",
        "updated", "withdrawn", "restored", "linked", "unchanged", "failed", "held",
        "complete", "incomplete", "errors", "no_errors")}
    return tk.render("vusta/harvest/source.html", extra_vars={
        "source": source, "report": source_report(source, lang), "labels": labels})

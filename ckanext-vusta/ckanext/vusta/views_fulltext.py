"""Blueprints: thin web endpoints that call our actions."""

from __future__ import annotations

__all__ = ["blueprint"]

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.vusta import helpers
from ckanext.vusta.fulltext import messages

blueprint = Blueprint("vusta_fulltext", __name__)


@blueprint.route("/dataset/<id>/resource/<resource_id>/fulltext/retry", methods=["POST"])
def retry(id: str, resource_id: str) -> Any:
    lang = helpers.current_lang()
    context = {"user": tk.current_user.name if tk.current_user else ""}
    try:
        tk.get_action("vusta_fulltext_retry")(context, {"id": resource_id})
    except tk.NotAuthorized:
        return tk.abort(403, messages.ui_text("not_allowed", lang))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource not found"))
    except tk.ValidationError:
        tk.h.flash_error(messages.ui_text("not_extractable", lang))
    else:
        tk.h.flash_success(messages.ui_text("retry_queued", lang))
    return tk.redirect_to("resource.read", id=id, resource_id=resource_id)

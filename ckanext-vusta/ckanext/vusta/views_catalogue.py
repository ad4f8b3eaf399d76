"""Citation downloads (`/dataset/<id>/cite?format=...`) and printable QR codes for records and
collections (`.../qr.png`, `.../qr.svg`)."""

from __future__ import annotations

__all__ = ["blueprint"]

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, request

from ckanext.vusta.catalogue.qr import QR_FORMATS, qr_code

blueprint = Blueprint("vusta_catalogue", __name__)


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def cite(id: str) -> Any:
    try:
        result = tk.get_action("vusta_citation_show")(
            _context(), {"id": id, "format": request.args.get("format", "bibtex")})
    except (tk.ObjectNotFound, tk.NotAuthorized):  # a private record's existence stays private
        return tk.abort(404)
    except tk.ValidationError as error:
        return tk.abort(400, str(error.error_dict.get("format", [""])[0]))
    return Response(result["citation"], mimetype=result["mimetype"].split(";")[0],
                    content_type=result["mimetype"],
                    headers={"Content-Disposition": f'inline; filename="{result["filename"]}"',
                             "X-Content-Type-Options": "nosniff"})


def _qr(url: str, kind: str, name: str) -> Any:
    if kind not in QR_FORMATS:
        return tk.abort(404)
    return Response(qr_code(url, kind), content_type=QR_FORMATS[kind],
                    headers={"Content-Disposition": f'inline; filename="{name}-qr.{kind}"',
                             "Cache-Control": "public, max-age=86400"})


def dataset_qr(id: str, kind: str) -> Any:
    try:
        pkg = tk.get_action("package_show")(_context(), {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404)
    url = tk.url_for(f"{pkg['type']}.read", id=pkg["name"], _external=True)
    return _qr(url, kind, pkg["name"])


def group_qr(id: str, kind: str) -> Any:
    try:
        group = tk.get_action("group_show")(_context(), {"id": id,
                                                         "include_datasets": False})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404)
    view = "organization.read" if group.get("is_organization") else "group.read"
    return _qr(tk.url_for(view, id=group["name"], _external=True), kind, group["name"])


blueprint.add_url_rule("/dataset/<id>/cite", view_func=cite)
blueprint.add_url_rule("/dataset/<id>/qr.<kind>", view_func=dataset_qr)
blueprint.add_url_rule("/group/<id>/qr.<kind>", view_func=group_qr)
blueprint.add_url_rule("/organization/<id>/qr.<kind>", view_func=group_qr,
                       endpoint="organization_qr")

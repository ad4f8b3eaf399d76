"""Gets the bytes behind a resource onto local disk: the upload itself, or a guarded download.

Downloads go through harvesters' egress guard (no private addresses, every redirect re-checked,
byte cap, deadline) and are checked by magic bytes before the pipeline sees them.
"""

from __future__ import annotations

__all__ = ["SourceFileError", "local_copy"]

import contextlib
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ckan.lib import uploader

from ckanext.vusta import config
from harvesters.egress import EgressPolicy
from harvesters.errors import HarvestError
from harvesters.http import GuardedSession, HttpConfig

REFUSED_CODES = frozenset({"scheme_refused", "address_refused", "bad_url"})


class SourceFileError(Exception):
    def __init__(self, code: str, detail: str, *, permanent: bool = True) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
        self.permanent = permanent


@contextlib.contextmanager
def local_copy(resource: Mapping[str, Any]) -> Iterator[Path]:
    if resource.get("url_type") == "upload":
        path = Path(uploader.get_resource_uploader(dict(resource)).get_path(resource["id"]))
        if not path.is_file():
            raise SourceFileError("file_missing", str(path))
        yield path
        return
    http = HttpConfig(max_bytes=config.fulltext_max_download_bytes(), retries=1)
    policy = EgressPolicy.allowing(*config.fulltext_allow_hosts())
    try:
        with GuardedSession(http, policy) as session:
            fetched = session.fetch(str(resource.get("url") or ""))
    except HarvestError as error:
        refused = error.code in REFUSED_CODES
        raise SourceFileError("download_refused" if refused else "download_failed",
                              error.message("en"), permanent=refused or not error.retryable
                              ) from error
    with tempfile.NamedTemporaryFile(prefix="vusta-fulltext-", suffix=".bin") as handle:
        handle.write(fetched.body)
        handle.flush()
        yield Path(handle.name)

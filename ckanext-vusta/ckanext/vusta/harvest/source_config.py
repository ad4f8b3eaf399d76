"""Harvest source configuration: one pure parser, one user-facing error.

The JSON a librarian types in the source form is checked here and nowhere else. A mistake
becomes a one-line message in Vietnamese (English on request) naming the option at fault.
"""

from __future__ import annotations

__all__ = ["KINDS", "SourceConfig", "SourceConfigError", "parse_source_config"]

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from harvesters.ckan_source import CKAN_PROFILES
from harvesters.oai.mapping import DC_PROFILES

KINDS = ("oai", "ckan", "feed", "manifest")
_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")
_FEED_MODES = ("auto", "wordpress", "sitemap")

# code -> (vi, en)
_MESSAGES = {
    "not_json": ("Cấu hình không phải JSON hợp lệ: {detail}.",
                 "Configuration is not valid JSON: {detail}."),
    "not_object": ("Cấu hình phải là một đối tượng JSON {{...}}.",
                   "Configuration must be a JSON object {{...}}."),
    "unknown_option": ("Tuỳ chọn không được hỗ trợ: {option}.",
                       "Unsupported option: {option}."),
    "bad_type": ("Tuỳ chọn {option} phải là {expected}.",
                 "Option {option} must be {expected}."),
    "bad_range": ("Tuỳ chọn {option} phải nằm trong khoảng {low}–{high}.",
                  "Option {option} must be between {low} and {high}."),
    "bad_date": ("Tuỳ chọn from_date phải là ngày dạng YYYY-MM-DD.",
                 "Option from_date must be a date YYYY-MM-DD."),
    "bad_host": ("Máy chủ không hợp lệ trong allow_hosts: {value}.",
                 "Invalid host in allow_hosts: {value}."),
    "bad_profile": ("Hồ sơ ánh xạ không tồn tại: {value}.",
                    "Unknown mapping profile: {value}."),
    "bad_choice": ("Tuỳ chọn {option} chỉ nhận: {choices}.",
                   "Option {option} accepts only: {choices}."),
}

_EXPECTED = {"string": ("chuỗi", "a string"), "list": ("danh sách chuỗi", "a list of strings"),
             "number": ("số", "a number"), "boolean": ("true/false", "true/false")}


class SourceConfigError(ValueError):
    """A configuration mistake; ``str()`` is the Vietnamese message."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("vi"))

    def message(self, lang: str = "vi") -> str:
        vi, en = _MESSAGES[self.code]
        params = dict(self.params)
        if "expected" in params:
            params["expected"] = _EXPECTED[params["expected"]][1 if lang == "en" else 0]
        return (en if lang == "en" else vi).format(**params)


@dataclass(frozen=True)
class SourceConfig:
    """Validated options of one harvest source (defaults suit a public repository)."""

    sets: tuple[str, ...] = ()
    metadata_prefix: str = "oai_dc"
    profiles: tuple[str, ...] = ()  # empty: the kind's default chain
    from_date: str | None = None
    rate_limit: float = 0.0  # requests per second; 0 = no limit beyond one in flight
    allow_hosts: tuple[str, ...] = ()
    max_delete_share: float = 0.2
    organization: str | None = None  # CKAN sources: only this organisation
    mode: str = "auto"  # feeds: auto (RSS/Atom), wordpress, sitemap
    download_files: bool = True
    max_file_mb: int = 50
    request_deadline: float = 120.0
    job_timeout: float = 3600.0
    retries: int = 3  # extra attempts after a passing failure (network, 5xx, 429)

    @property
    def min_interval(self) -> float:
        return 1.0 / self.rate_limit if self.rate_limit > 0 else 0.0

    def profile_chain(self, kind: str) -> tuple[str, ...]:
        if self.profiles:
            return self.profiles
        return {"oai": ("oai_dc", "ojs"), "ckan": ("ckan",)}.get(kind, ())


def _string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SourceConfigError("bad_type", option=key, expected="string")
    return value.strip()


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourceConfigError("bad_type", option=key, expected="list")
    return tuple(v.strip() for v in value)


def _number(data: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SourceConfigError("bad_type", option=key, expected="number")
    if not low <= value <= high:
        raise SourceConfigError("bad_range", option=key, low=f"{low:g}", high=f"{high:g}")
    return float(value)


def parse_source_config(text: str | None, kind: str) -> SourceConfig:
    """Parse the source's JSON configuration for ``kind`` (oai, ckan, feed, manifest)."""
    if not text or not text.strip():
        return SourceConfig()
    try:
        data = json.loads(text)
    except ValueError as error:
        raise SourceConfigError("not_json", detail=str(error).split(":")[0]) from error
    if not isinstance(data, dict):
        raise SourceConfigError("not_object")
    known = {"sets", "metadata_prefix", "profiles", "from_date", "rate_limit", "allow_hosts",
             "max_delete_share", "organization", "mode", "download_files", "max_file_mb",
             "request_deadline", "job_timeout", "retries"}
    for key in data:
        if key not in known:
            raise SourceConfigError("unknown_option", option=str(key))
    from_date = _string(data, "from_date")
    if from_date is not None:
        try:
            date.fromisoformat(from_date)
        except ValueError as error:
            raise SourceConfigError("bad_date") from error
    allow_hosts = tuple(h.lower() for h in _strings(data, "allow_hosts"))
    for host in allow_hosts:
        if not _HOST.match(host):
            raise SourceConfigError("bad_host", value=host)
    profiles = _strings(data, "profiles")
    registry = {"oai": DC_PROFILES, "ckan": CKAN_PROFILES}.get(kind, {})
    for name in profiles:
        if name not in registry:
            raise SourceConfigError("bad_profile", value=name)
    mode = _string(data, "mode") or "auto"
    if mode not in _FEED_MODES:
        raise SourceConfigError("bad_choice", option="mode", choices=", ".join(_FEED_MODES))
    download = data.get("download_files", True)
    if not isinstance(download, bool):
        raise SourceConfigError("bad_type", option="download_files", expected="boolean")
    return SourceConfig(
        sets=_strings(data, "sets"),
        metadata_prefix=_string(data, "metadata_prefix") or "oai_dc",
        profiles=profiles,
        from_date=from_date,
        rate_limit=_number(data, "rate_limit", 0.0, 0.0, 100.0),
        allow_hosts=allow_hosts,
        max_delete_share=_number(data, "max_delete_share", 0.2, 0.0, 1.0),
        organization=_string(data, "organization"),
        mode=mode,
        download_files=download,
        max_file_mb=int(_number(data, "max_file_mb", 50, 1, 2048)),
        request_deadline=_number(data, "request_deadline", 120.0, 1.0, 3600.0),
        job_timeout=_number(data, "job_timeout", 3600.0, 1.0, 86400.0),
        retries=int(_number(data, "retries", 3, 0, 10)),
    )

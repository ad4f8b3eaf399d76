"""Harvest errors with a bilingual message catalogue.

Librarians read these messages on the harvest page and in the CLI, so every failure carries a
stable code (for programs and tests) and a one-line message in Vietnamese first, English second.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["MESSAGES", "HarvestError", "render"]

# code -> (vi, en); templates use str.format with the error's params.
MESSAGES: Mapping[str, tuple[str, str]] = {
    "scheme_refused": (
        "Từ chối địa chỉ {url}: chỉ cho phép http và https.",
        "Refused {url}: only http and https are allowed.",
    ),
    "bad_url": ("Địa chỉ không hợp lệ: {url}.", "Invalid URL: {url}."),
    "dns_failed": (
        "Không phân giải được tên máy {host}.",
        "Could not resolve host {host}.",
    ),
    "address_refused": (
        "Từ chối kết nối tới {host} ({address}): địa chỉ nội bộ hoặc dành riêng.",
        "Refused to connect to {host} ({address}): internal or reserved address.",
    ),
    "too_many_redirects": (
        "Quá nhiều lần chuyển hướng khi tải {url}.",
        "Too many redirects while fetching {url}.",
    ),
    "deadline_exceeded": (
        "Quá thời hạn {seconds} giây khi tải {url}.",
        "Deadline of {seconds} s exceeded while fetching {url}.",
    ),
    "too_large": (
        "Phản hồi từ {url} vượt quá giới hạn {limit} byte.",
        "Response from {url} exceeds the {limit}-byte limit.",
    ),
    "http_status": (
        "Máy chủ trả lời mã HTTP {status} cho {url}.",
        "Server answered HTTP {status} for {url}.",
    ),
    "network_error": (
        "Lỗi mạng khi tải {url}: {detail}.",
        "Network error while fetching {url}: {detail}.",
    ),
    "retry_after_too_long": (
        "Máy chủ yêu cầu chờ {seconds} giây (quá giới hạn {cap} giây): {url}.",
        "Server asked to wait {seconds} s (more than the {cap} s cap): {url}.",
    ),
    "unexpected_content": (
        "Nội dung từ {url} không phải {expected} (nhận được {actual}).",
        "Content from {url} is not {expected} (got {actual}).",
    ),
    "xml_entities": (
        "Từ chối XML có khai báo DOCTYPE/ENTITY (nguy cơ XXE).",
        "Refused XML with a DOCTYPE/ENTITY declaration (XXE risk).",
    ),
    "xml_invalid": (
        "XML không hợp lệ hoặc bị cắt cụt: {detail}.",
        "Invalid or truncated XML: {detail}.",
    ),
    "oai_error": (
        "Nguồn OAI-PMH báo lỗi {oai_code}: {detail}.",
        "OAI-PMH source reported {oai_code}: {detail}.",
    ),
    "oai_bad_resumption_token": (
        "Nguồn OAI-PMH từ chối mã tiếp tục (badResumptionToken); lần thu hoạch chưa hoàn tất.",
        "OAI-PMH source rejected the resumption token (badResumptionToken); harvest incomplete.",
    ),
    "resumption_loop": (
        "Phát hiện vòng lặp mã tiếp tục ({detail}); dừng thu hoạch.",
        "Resumption loop detected ({detail}); harvest stopped.",
    ),
    "bad_response": (
        "Phản hồi không đúng định dạng từ {url}: {detail}.",
        "Malformed response from {url}: {detail}.",
    ),
    "mass_deletion": (
        "Tạm giữ: lần chạy sẽ xoá {count}/{total} bản ghi (quá {share:.0%}); cần thủ thư xác nhận.",
        (
            "Held: the run would delete {count}/{total} records (over {share:.0%}); "
            "a librarian must confirm."
        ),
    ),
    "manifest_row": (
        "Dòng {row}, cột {column}: {detail_vi}.",
        "Row {row}, column {column}: {detail_en}.",
    ),
    "manifest_format": (
        "Tệp danh sách không đọc được: {detail}.",
        "Manifest file cannot be read: {detail}.",
    ),
    "bad_date": ("Ngày không hợp lệ: {value}.", "Invalid date: {value}."),
}


def render(code: str, lang: str, params: Mapping[str, object]) -> str:
    """Format the catalogue message for ``code`` in ``lang`` ("vi" or "en")."""
    vi, en = MESSAGES[code]
    template = en if lang == "en" else vi
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} {dict(params)!r}"


class HarvestError(Exception):
    """A harvest failure with a catalogue code; ``str()`` gives the Vietnamese message.

    ``retryable`` tells a scheduler whether the same request may succeed later (network, 5xx,
    429) or will fail again (refused address, invalid XML, bad configuration).
    """

    def __init__(self, code: str, *, retryable: bool = False, **params: object) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown harvest error code {code!r}")
        self.code = code
        self.params: Mapping[str, object] = params
        self.retryable = retryable
        super().__init__(render(code, "vi", params))

    def message(self, lang: str = "vi") -> str:
        """The one-line message in ``lang`` ("vi" primary, "en" available)."""
        return render(self.code, lang, self.params)

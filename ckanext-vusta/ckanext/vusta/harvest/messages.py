"""Vietnamese/English text of the harvest page, CLI and portal-side errors (no catalogue yet)."""

from __future__ import annotations

__all__ = ["error_text", "ui_text"]

_ERRORS = {
    "job_timeout": ("Lần thu hoạch vượt quá thời hạn {seconds} giây; bản ghi chưa được nhập.",
                    "The harvest run exceeded its {seconds} s limit; record not imported."),
    "field_dropped": ("Bỏ qua trường {field}: giá trị từ nguồn không hợp lệ.",
                      "Field {field} left out: the source's value is invalid."),
    "import_failed": ("Không nhập được bản ghi: {detail}.",
                      "Record could not be imported: {detail}."),
}

_UI = {
    "title": ("Thu hoạch: {source}", "Harvest: {source}"),
    "last_success": ("Lần thành công gần nhất", "Last success"),
    "never": ("Chưa có", "Never"),
    "next_run": ("Lần chạy kế tiếp", "Next run"),
    "manual": ("Chạy thủ công (ckan vusta harvest run)", "Manual (ckan vusta harvest run)"),
    "running": ("Đang chạy", "Running"),
    "runs": ("Các lần chạy", "Runs"),
    "started": ("Bắt đầu", "Started"),
    "created": ("Tạo mới", "Created"),
    "updated": ("Cập nhật", "Updated"),
    "withdrawn": ("Rút xuống", "Withdrawn"),
    "restored": ("Khôi phục", "Restored"),
    "linked": ("Gộp bản trùng", "Linked duplicates"),
    "unchanged": ("Không đổi", "Unchanged"),
    "failed": ("Lỗi", "Failed"),
    "held": ("Tạm giữ xoá", "Held deletions"),
    "held_deletions": ("Tạm giữ xoá", "Held deletions"),
    "complete": ("Hoàn tất", "Complete"),
    "incomplete": ("Chưa hoàn tất", "Incomplete"),
    "errors": ("Lỗi và cảnh báo", "Errors and warnings"),
    "no_errors": ("Không có lỗi.", "No errors."),
    "not_allowed": ("Chỉ quản trị viên của hội hoặc thủ thư được xem trang này.",
                    "Only the association's administrators or librarians may see this page."),
}


def _pick(pair: tuple[str, str], lang: str, params: dict[str, object]) -> str:
    return (pair[1] if lang == "en" else pair[0]).format(**params)


def error_text(code: str, **params: object) -> tuple[str, str]:
    """(vi, en) message for a portal-side harvest error."""
    pair = _ERRORS[code]
    return _pick(pair, "vi", params), _pick(pair, "en", params)


def ui_text(key: str, lang: str, **params: object) -> str:
    return _pick(_UI[key], lang, params)

"""What a person is told about a resource's text extraction, in Vietnamese or English."""

from __future__ import annotations

__all__ = ["details", "error_message", "status_label", "ui_text"]

from ocr_pipeline.errors import ERROR_MESSAGES

# Failures of ours (before the pipeline sees the file): code -> (Vietnamese, English).
DOWNLOAD_MESSAGES: dict[str, tuple[str, str]] = {
    "download_failed": ("Không tải được tệp từ địa chỉ đã cho.",
                        "The file could not be downloaded from its address."),
    "download_refused": ("Địa chỉ tệp bị từ chối vì lý do an toàn (mạng nội bộ hoặc giao thức lạ).",
                         "The file address was refused for safety (private network or scheme)."),
    "file_missing": ("Không tìm thấy tệp đã tải lên.", "The uploaded file is missing."),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "queued": ("Đang chờ trích xuất văn bản", "Waiting for text extraction"),
    "processing": ("Đang trích xuất văn bản", "Extracting text"),
    "done": ("Đã trích xuất văn bản", "Text extracted"),
    "failed": ("Trích xuất văn bản thất bại", "Text extraction failed"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


def error_message(code: str | None, lang: str) -> str:
    if code in ERROR_MESSAGES:
        _, vi, en = ERROR_MESSAGES[code]
        return _pick((vi, en), lang)
    if code in DOWNLOAD_MESSAGES:
        return _pick(DOWNLOAD_MESSAGES[code], lang)
    return _pick(("Lỗi không xác định.", "Unknown error."), lang)


def status_label(status: str, lang: str) -> str:
    return _pick(STATUS_LABELS.get(status, (status, status)), lang)


def details(pages: int | None, ocr_pages: int | None, confidence: float | None,
            lang: str) -> str:
    """One line such as "12 trang · 3 trang nhận dạng OCR · độ tin cậy trung bình 91,2%"."""
    english = lang.startswith("en")
    parts = [f"{pages or 0} {'pages' if english else 'trang'}"]
    if ocr_pages:
        parts.append(f"{ocr_pages} pages recognised by OCR" if english
                     else f"{ocr_pages} trang nhận dạng OCR")
        if confidence is not None:
            value = f"{confidence:.1f}" if english else f"{confidence:.1f}".replace(".", ",")
            parts.append(f"mean confidence {value}%" if english
                         else f"độ tin cậy trung bình {value}%")
    return " · ".join(parts)


UI_TEXT: dict[str, tuple[str, str]] = {
    "retry": ("Trích xuất lại văn bản", "Extract text again"),
    "retry_queued": ("Đã xếp hàng trích xuất lại văn bản.",
                     "Text extraction has been queued again."),
    "not_extractable": ("Tài nguyên này không phải PDF hay ảnh.",
                        "This resource is not a PDF or image."),
    "not_allowed": ("Bạn không có quyền trích xuất lại tệp này.",
                    "You may not restart text extraction of this file."),
}


def ui_text(key: str, lang: str) -> str:
    return _pick(UI_TEXT[key], lang)

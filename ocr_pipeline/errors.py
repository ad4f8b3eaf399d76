"""Classified extraction failures with one-line messages in Vietnamese and English.

The CKAN side stores ``code`` and shows ``message_vi`` (``message_en`` on request); the job runner
uses ``permanent`` to decide whether a retry can help.  Codes are stable: they are stored.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["ERROR_MESSAGES", "ErrorCode", "ExtractionError", "is_permanent"]

ErrorCode = Literal[
    "unsupported", "malformed", "encrypted", "too_many_pages", "image_too_large", "too_large",
    "timeout", "crashed", "ocr_unavailable",
]

# code -> (permanent, Vietnamese, English)
ERROR_MESSAGES: dict[ErrorCode, tuple[bool, str, str]] = {
    "unsupported": (True, "Định dạng tệp không được hỗ trợ (chỉ nhận PDF, PNG, JPEG, TIFF).",
                    "Unsupported file type (only PDF, PNG, JPEG and TIFF are accepted)."),
    "malformed": (True, "Tệp bị hỏng hoặc không đúng cấu trúc, không đọc được.",
                  "The file is damaged or malformed and cannot be read."),
    "encrypted": (True, "Tệp PDF được bảo vệ bằng mật khẩu, không thể trích xuất văn bản.",
                  "The PDF is password-protected; its text cannot be extracted."),
    "too_many_pages": (True, "Tài liệu có quá nhiều trang so với giới hạn cho phép.",
                       "The document has more pages than the configured limit."),
    "image_too_large": (True, "Ảnh có kích thước quá lớn so với giới hạn cho phép.",
                        "The image is larger than the configured pixel limit."),
    "too_large": (True, "Tệp cần quá nhiều bộ nhớ để xử lý.",
                  "Processing the file needs more memory than allowed."),
    "timeout": (False, "Xử lý tệp quá thời gian cho phép; sẽ thử lại sau.",
                "Processing the file took longer than allowed; it will be retried."),
    "crashed": (False, "Tiến trình xử lý tệp bị dừng bất thường; sẽ thử lại sau.",
                "The extraction process stopped unexpectedly; it will be retried."),
    "ocr_unavailable": (False, "Không chạy được công cụ nhận dạng chữ (Tesseract).",
                        "The OCR engine (Tesseract) could not be run."),
}


def is_permanent(code: ErrorCode) -> bool:
    """Whether retrying cannot help for this failure."""
    return ERROR_MESSAGES[code][0]


class ExtractionError(Exception):
    """A classified failure of a whole document; ``detail`` is for logs, not for users.

    Not a frozen dataclass: Python itself sets ``__cause__`` and ``__traceback__`` on raise.
    """

    def __init__(self, code: ErrorCode, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code: ErrorCode = code
        self.detail = detail

    @property
    def permanent(self) -> bool:
        return is_permanent(self.code)

    @property
    def message_vi(self) -> str:
        return ERROR_MESSAGES[self.code][1]

    @property
    def message_en(self) -> str:
        return ERROR_MESSAGES[self.code][2]

    def __str__(self) -> str:
        suffix = f" ({self.detail})" if self.detail else ""
        return f"{self.code}: {self.message_en}{suffix}"

"""What a librarian is told when a catalogue field is refused: one line, Vietnamese or English."""

from __future__ import annotations

__all__ = ["MESSAGES", "message"]

# code -> (Vietnamese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "doi_invalid": ("DOI không hợp lệ: cần dạng 10.xxxx/... (ví dụ 10.1234/abc.2023.1).",
                    "Invalid DOI: expected 10.xxxx/... (e.g. 10.1234/abc.2023.1)."),
    "issn_invalid": ("ISSN không hợp lệ: cần 8 ký tự dạng 1234-567X với chữ số kiểm tra đúng.",
                     "Invalid ISSN: expected 1234-567X with a correct check digit."),
    "isbn_invalid": ("ISBN không hợp lệ: cần ISBN-10 hoặc ISBN-13 với chữ số kiểm tra đúng.",
                     "Invalid ISBN: expected ISBN-10 or ISBN-13 with a correct check digit."),
    "orcid_invalid": ("ORCID không hợp lệ: cần dạng 0000-0002-1825-0097 với chữ số kiểm tra đúng.",
                      "Invalid ORCID iD: expected 0000-0002-1825-0097 with a correct checksum."),
    "year_invalid": ("Năm không hợp lệ: cần một số từ {low} đến {high}.",
                     "Invalid year: expected a number from {low} to {high}."),
    "year_order": ("Năm kết thúc không được trước năm bắt đầu.",
                   "The end year cannot be before the start year."),
    "date_invalid": ("Ngày không hợp lệ: cần dạng NNNN-TT-NN.",
                     "Invalid date: expected YYYY-MM-DD."),
    "date_order": ("Ngày kết thúc không được trước ngày bắt đầu.",
                   "The end date cannot be before the start date."),
    "embargo_missing": ("Tài liệu hạn chế theo thời hạn cần có ngày hết hạn chế.",
                        "An embargoed record needs an embargo end date."),
    "embargo_past": ("Ngày hết hạn chế phải ở tương lai (sau {today}).",
                     "The embargo end date must be in the future (after {today})."),
    "subject_unknown": ("Lĩnh vực không có trong bảng phân loại OECD FOS: {values}.",
                        "Subject not in the OECD FOS classification: {values}."),
    "choice_unknown": ("Giá trị không được chấp nhận: {value}.",
                       "Value not allowed: {value}."),
    "too_long": ("Quá dài: tối đa {limit} ký tự (đang có {length}).",
                 "Too long: at most {limit} characters (got {length})."),
    "link_invalid": ("Liên kết không hợp lệ (cần DOI, địa chỉ http(s) hoặc tên bản ghi): {value}.",
                     "Invalid link (expected a DOI, http(s) address or record name): {value}."),
    "url_invalid": ("Địa chỉ không hợp lệ: cần bắt đầu bằng http:// hoặc https://.",
                    "Invalid address: expected http:// or https://."),
    "email_invalid": ("Địa chỉ thư điện tử không hợp lệ.", "Invalid email address."),
    "required": ("Trường này là bắt buộc.", "This field is required."),
}


def message(code: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[code]
    return (en if lang.startswith("en") else vi).format(**values)

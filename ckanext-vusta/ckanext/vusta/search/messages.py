"""What a searcher is told, in Vietnamese (default) or English, keyed by code."""

from __future__ import annotations

__all__ = ["MESSAGES", "message"]

MESSAGES: dict[str, tuple[str, str]] = {
    "bad_filter": ("Bộ lọc tìm kiếm không hợp lệ; hãy bỏ bộ lọc và thử lại.",
                   "The search filter is not valid; remove it and try again."),
    "search_failed": ("Không thực hiện được tìm kiếm lúc này; vui lòng thử lại sau.",
                      "The search could not be run right now; please try again later."),
    "bad_number": ("Tham số phân trang phải là số nguyên không âm.",
                   "Paging parameters must be non-negative whole numbers."),
    "did_you_mean": ("Có phải bạn muốn tìm", "Did you mean"),
    "results": ("kết quả", "results"),
    "search": ("Tìm kiếm", "Search"),
    "search_placeholder": ("Tìm ấn phẩm, dữ liệu, toàn văn… (có dấu hoặc không dấu)",
                           "Search publications, data, full text… (with or without accents)"),
    "page": ("trang", "page"),
    "matched_metadata": ("khớp thông tin mô tả", "matched in metadata"),
    "matched_fulltext": ("khớp toàn văn", "matched in full text"),
    "no_results": ("Không tìm thấy kết quả nào.", "No results found."),
    "facet_organization": ("Tổ chức", "Organisation"),
    "facet_tags": ("Từ khóa", "Keywords"),
    "facet_res_format": ("Định dạng", "Format"),
    "facet_license_id": ("Giấy phép", "Licence"),
    "facet_year": ("Năm", "Year"),
    "facet_language": ("Ngôn ngữ", "Language"),
    "facet_publication_type": ("Loại ấn phẩm", "Publication type"),
    "facet_dataset_type": ("Loại bản ghi", "Record type"),
    "previous": ("Trang trước", "Previous"),
    "next": ("Trang sau", "Next"),
}


def message(code: str, lang: str) -> str:
    vi, en = MESSAGES[code]
    return en if lang.startswith("en") else vi

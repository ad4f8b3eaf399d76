"""OECD Fields of Science and Technology (Frascati 2015), which Vietnam's national S&T field
list follows: the `subject` vocabulary, with Vietnamese and English labels."""

from __future__ import annotations

__all__ = ["FOS", "fos_choices", "fos_label", "unknown_codes"]

from collections.abc import Iterable

# code -> (Vietnamese, English)
FOS: dict[str, tuple[str, str]] = {
    "1": ("Khoa học tự nhiên", "Natural sciences"),
    "1.1": ("Toán học và thống kê", "Mathematics"),
    "1.2": ("Khoa học máy tính và thông tin", "Computer and information sciences"),
    "1.3": ("Vật lý", "Physical sciences"),
    "1.4": ("Hóa học", "Chemical sciences"),
    "1.5": ("Khoa học trái đất và môi trường liên quan",
            "Earth and related environmental sciences"),
    "1.6": ("Sinh học", "Biological sciences"),
    "1.7": ("Khoa học tự nhiên khác", "Other natural sciences"),
    "2": ("Khoa học kỹ thuật và công nghệ", "Engineering and technology"),
    "2.1": ("Kỹ thuật dân dụng", "Civil engineering"),
    "2.2": ("Kỹ thuật điện, điện tử, thông tin",
            "Electrical, electronic and information engineering"),
    "2.3": ("Kỹ thuật cơ khí", "Mechanical engineering"),
    "2.4": ("Kỹ thuật hóa học", "Chemical engineering"),
    "2.5": ("Kỹ thuật vật liệu và luyện kim", "Materials engineering"),
    "2.6": ("Kỹ thuật y học", "Medical engineering"),
    "2.7": ("Kỹ thuật môi trường", "Environmental engineering"),
    "2.8": ("Công nghệ sinh học môi trường", "Environmental biotechnology"),
    "2.9": ("Công nghệ sinh học công nghiệp", "Industrial biotechnology"),
    "2.10": ("Công nghệ nano", "Nano-technology"),
    "2.11": ("Kỹ thuật và công nghệ khác", "Other engineering and technologies"),
    "3": ("Khoa học y, dược", "Medical and health sciences"),
    "3.1": ("Y học cơ sở", "Basic medicine"),
    "3.2": ("Y học lâm sàng", "Clinical medicine"),
    "3.3": ("Khoa học sức khỏe", "Health sciences"),
    "3.4": ("Công nghệ sinh học trong y học", "Medical biotechnology"),
    "3.5": ("Khoa học y, dược khác", "Other medical sciences"),
    "4": ("Khoa học nông nghiệp", "Agricultural sciences"),
    "4.1": ("Nông nghiệp, lâm nghiệp và thủy sản", "Agriculture, forestry, and fisheries"),
    "4.2": ("Chăn nuôi", "Animal and dairy science"),
    "4.3": ("Thú y", "Veterinary science"),
    "4.4": ("Công nghệ sinh học trong nông nghiệp", "Agricultural biotechnology"),
    "4.5": ("Khoa học nông nghiệp khác", "Other agricultural sciences"),
    "5": ("Khoa học xã hội", "Social sciences"),
    "5.1": ("Tâm lý học", "Psychology and cognitive sciences"),
    "5.2": ("Kinh tế và kinh doanh", "Economics and business"),
    "5.3": ("Khoa học giáo dục", "Educational sciences"),
    "5.4": ("Xã hội học", "Sociology"),
    "5.5": ("Pháp luật", "Law"),
    "5.6": ("Khoa học chính trị", "Political science"),
    "5.7": ("Địa lý kinh tế và xã hội", "Social and economic geography"),
    "5.8": ("Thông tin đại chúng và truyền thông", "Media and communications"),
    "5.9": ("Khoa học xã hội khác", "Other social sciences"),
    "6": ("Khoa học nhân văn", "Humanities and the arts"),
    "6.1": ("Lịch sử và khảo cổ học", "History and archaeology"),
    "6.2": ("Ngôn ngữ học và văn học", "Languages and literature"),
    "6.3": ("Triết học, đạo đức học và tôn giáo", "Philosophy, ethics and religion"),
    "6.4": ("Nghệ thuật", "Arts (arts, history of arts, performing arts, music)"),
    "6.5": ("Khoa học nhân văn khác", "Other humanities"),
}


def fos_label(code: str, lang: str) -> str:
    pair = FOS.get(code)
    if pair is None:
        return code
    return f"{code} {pair[1] if lang.startswith('en') else pair[0]}"


def fos_choices(lang: str) -> list[dict[str, str]]:
    return [{"value": code, "label": fos_label(code, lang)} for code in FOS]


def unknown_codes(codes: Iterable[str]) -> list[str]:
    return [code for code in codes if code not in FOS]

"""Personal names as citation formats want them (family + given), Vietnamese names included.

Vietnamese names are written family name first with no comma ("Nguyễn Thị Hương"): the family
is "Nguyễn", the given names "Thị Hương". Inverting them as Western names ("Hương, Nguyễn
Thị") is the classic reference-manager mistake. A comma always wins ("Smith, John").
"""

from __future__ import annotations

__all__ = ["PersonName", "split_name"]

import unicodedata
from dataclasses import dataclass

# The common Vietnamese family names (they cover the great majority of the population).
_FAMILY_NAMES_TEXT = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn "
    "Vương Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lương Đinh Cao Chu Văn Kiều Quách Lưu Thái "
    "Tăng Hứa Lại Khúc Triệu Đàm Mạc Nghiêm Hàn Thân Kim Tôn Châu Giang Âu La Lục Từ Đồng "
    "Đậu Tống Cù Ông Quan Doãn Khổng Lạc Lò Bạch Hầu Mã Nông Diệp Thạch Ninh Tiêu"
)
VIETNAMESE_FAMILY_NAMES = frozenset(unicodedata.normalize("NFC", _FAMILY_NAMES_TEXT).split())


@dataclass(frozen=True)
class PersonName:
    family: str
    given: str

    @property
    def inverted(self) -> str:
        """"Family, Given" as BibTeX and RIS expect."""
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def display(self) -> str:
        """The name as the person writes it (Vietnamese: family first)."""
        if self.family.split(" ")[0] in VIETNAMESE_FAMILY_NAMES:
            return f"{self.family} {self.given}".strip()
        return f"{self.given} {self.family}".strip()


def split_name(raw: str) -> PersonName:
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return PersonName(family, given)
    words = name.split(" ")
    if len(words) == 1:
        return PersonName(name, "")
    if words[0] in VIETNAMESE_FAMILY_NAMES:
        return PersonName(words[0], " ".join(words[1:]))
    return PersonName(words[-1], " ".join(words[:-1]))

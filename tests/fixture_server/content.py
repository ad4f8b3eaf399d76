"""Deterministic publication content shared by every fixture endpoint.

Vietnamese and English metadata in the shapes real member sites produce: OJS-style sources,
galley links, DOIs, ISSNs, ORCIDs, decomposed (NFD) text and new-style tone placement.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

__all__ = ["ARTICLE_HOST", "TOPICS", "VALID_ORCIDS", "Publication", "publications"]

ARTICLE_HOST = "https://tapchi.example.vn/index.php/jst"
VALID_ORCIDS = ("0000-0002-1825-0097", "0000-0001-5109-3700", "0000-0002-1694-233X")
TOPICS = (
    (
        "Ứng dụng công nghệ thông tin trong quản lý đất đai",
        "Applying information technology to land management",
        "công nghệ thông tin; quản lý đất đai",
        "information technology; land management",
    ),
    (
        "Đánh giá chất lượng nước sông Hồng",
        "Assessing water quality of the Red River",
        "chất lượng nước; sông Hồng",
        "water quality; Red River",
    ),
    (
        "Hoà nhập xã hội và sức khoẻ cộng đồng",
        "Social inclusion and community health",
        "hoà nhập xã hội; sức khoẻ",
        "social inclusion; health",
    ),
    (
        "Tác động của biến đổi khí hậu đến nông nghiệp đồng bằng sông Cửu Long",
        "Impact of climate change on agriculture in the Mekong Delta",
        "biến đổi khí hậu; nông nghiệp",
        "climate change; agriculture",
    ),
    (
        "Nghiên cứu vật liệu nano cho pin mặt trời",
        "Nanomaterials for solar cells",
        "vật liệu nano; pin mặt trời",
        "nanomaterials; solar cells",
    ),
)
AUTHORS = ("Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Minh", "Phạm Thuỳ Dung", "Đỗ Quốc Việt")
LANGUAGE_SPELLINGS = ("vie", "vi", "Tiếng Việt", "vi-VN")
BASE_TIME = datetime(2021, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Publication:
    number: int
    datestamp: str  # OAI seconds granularity
    deleted: bool
    set_spec: str
    english_only: bool
    title_vi: str
    title_en: str
    abstract_vi: str
    abstract_en: str
    keywords_vi: str
    keywords_en: str
    authors: tuple[str, ...]
    orcid: str | None
    language: str
    year: int
    volume: int
    issue: int
    first_page: int
    last_page: int
    doi: str | None

    @property
    def article_url(self) -> str:
        return f"{ARTICLE_HOST}/article/view/{self.number}"

    @property
    def galley_view_url(self) -> str:
        return f"{ARTICLE_HOST}/article/view/{self.number}/{5000 + self.number}"

    @property
    def galley_download_url(self) -> str:
        return f"{ARTICLE_HOST}/article/download/{self.number}/{5000 + self.number}"


def publication(number: int) -> Publication:
    topic = TOPICS[number % len(TOPICS)]
    title_vi = f"{topic[0]} (nghiên cứu số {number})"
    if number % 10 == 3:  # text typed on macOS/Word arrives decomposed
        title_vi = unicodedata.normalize("NFD", title_vi)
    year = 2015 + number % 8
    first_page = 1 + (number * 7) % 90
    return Publication(
        number=number,
        datestamp=(BASE_TIME + timedelta(hours=number)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        deleted=number % 25 == 7,
        set_spec="journal:jst" if number % 2 == 0 else "journal:yhoc",
        english_only=number % 7 == 0,
        title_vi=title_vi,
        title_en=f"{topic[1]} (study {number})",
        abstract_vi=f"Bài báo trình bày kết quả nghiên cứu về {topic[0].lower()}.",
        abstract_en=f"This paper reports results on {topic[1].lower()}.",
        keywords_vi=topic[2],
        keywords_en=topic[3],
        authors=(AUTHORS[number % 5], AUTHORS[(number + 2) % 5]),
        orcid=VALID_ORCIDS[number % 3] if number % 4 == 0 else None,
        language="eng" if number % 7 == 0 else LANGUAGE_SPELLINGS[number % 4],
        year=year,
        volume=1 + number % 20,
        issue=1 + number % 4,
        first_page=first_page,
        last_page=first_page + 9,
        doi=f"10.15625/jst.{year}.{number}" if number % 3 == 0 else None,
    )


def publications(count: int) -> tuple[Publication, ...]:
    return tuple(publication(n) for n in range(1, count + 1))

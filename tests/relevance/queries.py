"""Relevance judgements: each query names its best record (grade 3) and any other records
that answer it well (grade 2) or partly (grade 1). Ids refer to tests/relevance/corpus.py."""

from __future__ import annotations

__all__ = ["QUERIES", "Judged"]

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Judged:
    q: str
    best: str
    kind: str
    good: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()

    def grades(self) -> dict[str, int]:
        return {self.best: 3, **dict.fromkeys(self.good, 2), **dict.fromkeys(self.partial, 1)}


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


CDS = ("cds-notes", "cds-page")
QUERIES: tuple[Judged, ...] = (
    # Accented / unaccented / NFD: "chuyển đổi số" and its folded twin.
    Judged("chuyển đổi số", "cds-title", "accented", good=CDS),
    Judged("chuyen doi so", "cds-title", "unaccented", good=CDS),
    Judged(_nfd("chuyển đổi số"), "cds-title", "nfd", good=CDS),
    Judged("chuyên đề đội sở", "cdso-trap", "accented"),
    Judged("chuyen doi so hoi khoa hoc", "cds-title", "unaccented"),
    # bàn / bạn / bản / bán / ban.
    Judged("bàn ghế", "ban-table", "homograph"),
    Judged("bạn đọc", "ban-friend", "homograph"),
    Judged("bản đồ địa chất", "ban-map", "homograph"),
    Judged("bán hàng", "ban-sell", "homograph"),
    Judged("ban chấp hành", "ban-board", "homograph"),
    Judged("bàn", "ban-table", "homograph"),
    Judged("bản đồ", "ban-map", "homograph"),
    Judged("ban do dia chat", "ban-map", "unaccented"),
    Judged("ban hang truc tuyen", "ban-sell", "unaccented"),
    Judged(_nfd("bạn đọc"), "ban-friend", "nfd"),
    # Multi-syllable terms vs scattered syllables.
    Judged("công nghệ thông tin", "cntt-phrase", "multi-syllable"),
    Judged("cong nghe thong tin", "cntt-phrase", "unaccented"),
    Judged("đa dạng sinh học", "ddsh-phrase", "multi-syllable", partial=("vooc-page",)),
    Judged("da dang sinh hoc", "ddsh-phrase", "unaccented", partial=("vooc-page",)),
    Judged("nghệ thuật tuồng", "cntt-scatter", "multi-syllable"),
    # Authors, both orders, with and without marks.
    Judged("Nguyễn Văn Hùng", "author-hung", "author"),
    Judged("Hùng Nguyễn Văn", "author-hung", "author"),
    Judged("Nguyễn Văn Hưng", "author-hung2", "author"),
    Judged("Trần Văn Hùng", "author-hung3", "author"),
    Judged("Đỗ Thị Thúy", "author-thuy", "author"),
    Judged("Thùy Đỗ Thị", "author-thuy2", "author"),
    Judged(_nfd("Đỗ Thị Thúy"), "author-thuy", "nfd"),
    # Tone placement: both conventions find the same record.
    Judged("thủy điện Hòa Bình", "hoa-binh", "tone-placement"),
    Judged("thuỷ điện Hoà Bình", "hoa-binh", "tone-placement"),
    # Words only inside full text.
    Judged("voọc mông trắng", "vooc-page", "fulltext"),
    Judged("vooc mong trang", "vooc-page", "fulltext"),
    Judged("sao la bẫy ảnh", "saola-page", "fulltext"),
    Judged("chuyển đổi số cổng thông tin", "cds-page", "fulltext", good=("cds-title",)),
    # English (stemmed in English fields).
    Judged("mangrove forests", "en-mangrove", "english"),
    Judged("ecological functions of mangroves", "en-mangrove", "english"),
    Judged("flooding risk", "en-flood", "english", good=("en-bilingual",)),
    Judged("community flood risk management", "en-bilingual", "english", good=("en-flood",)),
    Judged("vaccination of children", "en-vaccine", "english"),
    # More homographs that folding conflates.
    Judged("hộ gia đình", "ho-household", "homograph"),
    Judged("hổ", "ho-tiger", "homograph"),
    Judged("hồ chứa", "ho-lake", "homograph"),
    Judged("lòng sông", "song-river", "homograph"),
    Judged("cuộc sống", "song-life", "homograph"),
    Judged("ho chua nuoc", "ho-lake", "unaccented"),
)

"""A reproducible corpus of Vietnamese and English research records, for relevance tests and
the search benchmark: deliberate traps (records that share a folded spelling, scattered
syllables of a multi-syllable term, authors with near-identical names) among realistic filler.

`build_corpus(filler)` returns the targeted records plus `filler` generated ones; everything is
derived from a fixed seed, so the same ids always mean the same text.
"""

from __future__ import annotations

__all__ = ["Record", "build_corpus", "filler_records", "person_name", "synthetic_pages",
           "targeted_records"]

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

PROVINCES = ("Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Cần Thơ", "Huế", "Nghệ An",
             "Thanh Hóa", "Quảng Ninh", "Lâm Đồng", "Đắk Lắk", "An Giang", "Sơn La",
             "Hà Giang", "Cà Mau", "Bến Tre", "Khánh Hòa", "Lào Cai", "Quảng Nam")
FIELDS = ("nông nghiệp bền vững", "y tế cộng đồng", "giáo dục đại học", "quản lý tài nguyên nước",
          "biến đổi khí hậu", "năng lượng tái tạo", "bảo tồn đa dạng sinh học",
          "phát triển du lịch", "an toàn thực phẩm", "quy hoạch đô thị", "nuôi trồng thủy sản",
          "lâm nghiệp cộng đồng", "văn hóa dân gian", "kinh tế hợp tác xã", "xử lý chất thải rắn",
          "chăm sóc sức khỏe người cao tuổi", "giống lúa chịu mặn", "y học cổ truyền",
          "ngôn ngữ dân tộc thiểu số", "phòng chống thiên tai")
OPENERS = ("Nghiên cứu", "Đánh giá", "Thực trạng và giải pháp", "Khảo sát", "Một số vấn đề về",
           "Mô hình", "Tổng quan", "Ứng dụng")
SENTENCES = (
    "Nghiên cứu sử dụng số liệu điều tra hộ gia đình tại {province} trong giai đoạn {y1}–{y2}.",
    "Kết quả cho thấy {field} chịu ảnh hưởng rõ rệt của chính sách địa phương.",
    "Bài viết phân tích các yếu tố tác động và đề xuất giải pháp cho {field}.",
    "Phương pháp phỏng vấn sâu được áp dụng với {n} người tham gia.",
    "Số liệu được xử lý bằng phần mềm thống kê và kiểm định giả thuyết.",
    "Đề tài do hội thành viên chủ trì, phối hợp với sở khoa học tỉnh {province}.",
    "Những hạn chế của nghiên cứu và hướng tiếp theo được thảo luận ở phần cuối.",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Long", "Mai", "Nam",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến")
EN_FIELDS = ("coastal erosion", "rice yield forecasting", "urban air quality",
             "groundwater salinity", "maternal health services", "small business finance",
             "renewable energy policy", "fisheries management", "primary school literacy",
             "tropical disease surveillance")
EN_SENTENCES = (
    "This study examines {field} in {province} using panel data from {y1} to {y2}.",
    "We find that local institutions explain most of the observed variation.",
    "A mixed-methods design combines surveys of {n} households with key informant interviews.",
    "Policy implications for provincial authorities are discussed.",
)


@dataclass(frozen=True)
class Record:
    id: str
    title: str
    notes: str
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    language: str = "vi"
    title_en: str = ""
    notes_en: str = ""
    pages: tuple[str, ...] = ()
    year: int = 2020
    extra: dict[str, str] = field(default_factory=dict)


def _abstract(rng: random.Random, topic: str, english: bool = False) -> str:
    pool = EN_SENTENCES if english else SENTENCES
    picked = rng.sample(pool, k=min(3, len(pool)))
    return " ".join(s.format(field=topic, province=rng.choice(PROVINCES),
                             y1=2010 + rng.randrange(5), y2=2016 + rng.randrange(8),
                             n=20 + rng.randrange(400))
                    for s in picked)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def person_name(rng: random.Random) -> str:
    return _person(rng)


def synthetic_pages(rng: random.Random, count: int) -> tuple[str, ...]:
    """`count` pages of report-like Vietnamese text (about 1,000 characters each)."""
    return tuple(" ".join(_abstract(rng, rng.choice(FIELDS)) for _ in range(3))
                 for _ in range(count))


def filler_records(count: int, seed: int = 7, prefix: str = "filler") -> Iterator[Record]:
    """Realistic records on general topics; a fifth are in English, a third carry pages."""
    rng = random.Random(seed)
    for index in range(count):
        if index % 5 == 4:
            topic = rng.choice(EN_FIELDS)
            opener = rng.choice(("Assessing", "Drivers of", "Trends in", "Governance of"))
            title = f"{opener} {topic} in {rng.choice(PROVINCES)}"
            yield Record(id=f"{prefix}-{index:06d}", title=title,
                         notes=_abstract(rng, topic, english=True), language="en",
                         tags=tuple(topic.split()[:2]), authors=(_person(rng),),
                         year=2005 + rng.randrange(20))
            continue
        topic = rng.choice(FIELDS)
        province = rng.choice(PROVINCES)
        pages = tuple(_abstract(rng, topic) + " " + _abstract(rng, rng.choice(FIELDS))
                      for _ in range(rng.randrange(1, 4))) if index % 3 == 0 else ()
        yield Record(id=f"{prefix}-{index:06d}",
                     title=f"{rng.choice(OPENERS)} {topic} tại {province}",
                     notes=_abstract(rng, topic), tags=(topic, province),
                     authors=tuple(_person(rng) for _ in range(rng.randrange(1, 4))),
                     pages=pages, year=2000 + rng.randrange(25))


def targeted_records() -> list[Record]:
    """Records the relevance queries are about, with their traps (see queries.py)."""
    r = Record
    return [
        # Folded twins: "chuyển đổi số" vs "chuyên đội sở" / "chuyến đi".
        r("cds-title", "Chuyển đổi số trong hoạt động của các hội khoa học",
          "Kinh nghiệm chuyển đổi số của hội thành viên: hạ tầng, dữ liệu và con người.",
          tags=("chuyển đổi số", "quản trị hội"), authors=("Lê Minh Khoa",)),
        r("cds-notes", "Hạ tầng dữ liệu cho các tổ chức khoa học",
          "Bài viết bàn về chuyển đổi số và dữ liệu mở trong các viện nghiên cứu.",
          tags=("dữ liệu mở",), authors=("Phạm Thu Hà",)),
        r("cds-page", "Báo cáo thường niên 2023 của Liên hiệp hội tỉnh Nghệ An",
          "Tổng kết hoạt động năm 2023 của các hội thành viên.",
          pages=("Phần I. Tổng quan tình hình tổ chức.",
                 "Phần II. Chuyển đổi số được triển khai tại 12 hội, với cổng thông tin chung."),
          authors=("Hồ Sĩ Nam",)),
        r("cdso-trap", "Chuyên đề đội sở tại và công tác phối hợp liên ngành",
          "Tài liệu nội bộ về chuyên đề đội sở tại các huyện.", tags=("nội bộ",)),
        # bàn / bạn / bản / bán / ban.
        r("ban-table", "Thiết kế bàn ghế học sinh theo nhân trắc học",
          "Kích thước bàn ghế phù hợp chiều cao học sinh tiểu học.",
          tags=("bàn ghế", "trường học")),
        r("ban-friend", "Bạn đọc và thói quen đọc sách của thanh niên",
          "Khảo sát bạn đọc tại thư viện công cộng.", tags=("bạn đọc", "văn hóa đọc")),
        r("ban-map", "Bản đồ địa chất vùng Tây Bắc tỷ lệ 1:50.000",
          "Thành lập bản đồ địa chất và khoáng sản vùng Tây Bắc.", tags=("bản đồ", "địa chất")),
        r("ban-sell", "Bán hàng trực tuyến của hộ kinh doanh nông sản",
          "Hành vi bán hàng qua mạng xã hội của nông hộ.", tags=("bán hàng", "thương mại điện tử")),
        r("ban-board", "Ban chấp hành hội và quy chế hoạt động",
          "Vai trò của ban chấp hành trong điều hành hội.", tags=("ban chấp hành",)),
        # Multi-syllable term vs scattered syllables.
        r("cntt-phrase", "Ứng dụng công nghệ thông tin trong quản lý bệnh viện tuyến huyện",
          "Hệ thống công nghệ thông tin hỗ trợ quản lý hồ sơ bệnh án.",
          tags=("công nghệ thông tin", "y tế")),
        r("cntt-scatter", "Thông tin về công tác bảo tồn nghệ thuật tuồng",
          "Công tác sưu tầm tư liệu nghệ thuật tuồng và thông tin báo chí.",
          tags=("nghệ thuật", "tuồng")),
        r("ddsh-phrase", "Đa dạng sinh học rừng ngập mặn Cần Giờ",
          "Đánh giá đa dạng sinh học của hệ sinh thái rừng ngập mặn.",
          tags=("đa dạng sinh học", "rừng ngập mặn")),
        r("ddsh-scatter", "Sinh hoạt văn hóa đa dạng của cộng đồng ven biển",
          "Học tập và sinh hoạt cộng đồng; các hình thức đa dạng.", tags=("cộng đồng",)),
        # Authors: near-identical names.
        r("author-hung", "Phân bón hữu cơ vi sinh cho cây cà phê",
          "Thí nghiệm phân bón trên cà phê vối tại Đắk Lắk.", authors=("Nguyễn Văn Hùng",),
          tags=("cà phê",)),
        r("author-hung2", "Giống cà phê chịu hạn", "Chọn tạo giống cà phê chịu hạn.",
          authors=("Nguyễn Văn Hưng",), tags=("cà phê",)),
        r("author-hung3", "Tưới nhỏ giọt cho cà phê", "Hiệu quả tưới nhỏ giọt.",
          authors=("Trần Văn Hùng",), tags=("cà phê",)),
        r("author-thuy", "Ô nhiễm vi nhựa ở sông Hồng", "Mật độ vi nhựa trong nước sông Hồng.",
          authors=("Đỗ Thị Thúy",), tags=("vi nhựa", "sông Hồng")),
        r("author-thuy2", "Chất lượng nước hồ Tây", "Quan trắc chất lượng nước.",
          authors=("Đỗ Thị Thùy",), tags=("chất lượng nước",)),
        # Tone placement (hòa / hoà) and a word only in the full text.
        r("hoa-binh", "Thủy điện Hòa Bình và sinh kế người dân vùng lòng hồ",
          "Tác động của thủy điện Hòa Bình đến sinh kế.", tags=("thủy điện",)),
        r("vooc-page", "Khảo sát đa dạng sinh học Cúc Phương 1998",
          "Báo cáo khảo sát thực địa vườn quốc gia.",
          pages=("Mục lục và lời giới thiệu.", "Thú linh trưởng.",
                 "Quần thể voọc mông trắng ghi nhận tại khu vực núi đá vôi phía tây.")),
        r("saola-page", "Báo cáo điều tra thú lớn Vũ Quang",
          "Kết quả điều tra bằng bẫy ảnh.",
          pages=("Phương pháp đặt bẫy ảnh.", "Ảnh sao la được ghi lại lần đầu tại tiểu khu 52.")),
        # English records (stemming lives in English fields only).
        r("en-mangrove", "Mangrove forest ecology of the Mekong Delta",
          "We survey mangrove forests and their ecological functions along the Mekong Delta coast.",
          language="en", tags=("mangroves", "ecology"), authors=("Tran Thi Lan",)),
        r("en-flood", "Flood risk mapping with remote sensing in central Vietnam",
          "Flooding risks were mapped using satellite imagery and hydrological models.",
          language="en", tags=("floods", "remote sensing")),
        r("en-bilingual", "Quản lý rủi ro lũ lụt dựa vào cộng đồng",
          "Mô hình quản lý rủi ro lũ lụt tại Quảng Nam.", title_en="Community-based flood risk "
          "management", notes_en="A community-based model of flood risk management in Quang Nam.",
          tags=("lũ lụt",)),
        r("en-vaccine", "Vaccination coverage among ethnic minority children",
          "Vaccination coverage and barriers to immunisation among children in mountain provinces.",
          language="en", tags=("vaccines", "children")),
        # Homograph pair in titles for Hồ/hộ/hổ and sông/sống.
        r("ho-household", "Thu nhập của hộ gia đình nông thôn",
          "Cơ cấu thu nhập hộ gia đình.", tags=("hộ gia đình",)),
        r("ho-tiger", "Bảo tồn hổ Đông Dương", "Hiện trạng quần thể hổ.", tags=("hổ",)),
        r("ho-lake", "Hồ chứa nước và an ninh nguồn nước", "Quản lý hồ chứa thủy lợi.",
          tags=("hồ chứa",)),
        r("song-river", "Hình thái lòng sông Cửu Long", "Biến đổi lòng sông do khai thác cát.",
          tags=("sông",)),
        r("song-life", "Chất lượng cuộc sống người cao tuổi",
          "Cuộc sống và sức khỏe người cao tuổi.",
          tags=("cuộc sống",)),
    ]


def build_corpus(filler: int = 200, seed: int = 7) -> list[Record]:
    return targeted_records() + list(filler_records(filler, seed))

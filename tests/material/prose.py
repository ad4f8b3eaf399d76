"""Known Vietnamese scientific prose, the ground truth for character error rate measurements."""

from __future__ import annotations

__all__ = ["PARAGRAPHS", "TITLE", "pages_of_prose"]

TITLE = "Ảnh hưởng của biến đổi khí hậu đến sản xuất lúa ở đồng bằng sông Cửu Long"

PARAGRAPHS: tuple[str, ...] = (
    ("Đồng bằng sông Cửu Long là vùng sản xuất lúa gạo lớn nhất cả nước, đóng góp hơn một nửa "
    "sản lượng lúa và phần lớn lượng gạo xuất khẩu. Trong những năm gần đây, tình trạng "
    "xâm nhập mặn, hạn hán kéo dài và nước biển dâng đã gây thiệt hại nghiêm trọng cho "
    "nông nghiệp của vùng."),
    ("Nghiên cứu này sử dụng số liệu khí tượng giai đoạn 1990–2020 của mười ba trạm quan trắc, kết "
    "hợp với kết quả điều tra 640 hộ nông dân tại các tỉnh Sóc Trăng, Bạc Liêu và Cà Mau. Mô hình "
    "hồi quy đa biến được dùng để ước lượng tác động của nhiệt độ, lượng mưa và độ mặn đến năng "
    "suất lúa vụ đông xuân và vụ hè thu."),
    ("Kết quả cho thấy khi nhiệt độ trung bình tăng thêm một độ C, năng suất lúa vụ hè thu giảm "
    "khoảng 6,8%, trong khi vụ đông xuân giảm 3,1%. Độ mặn vượt ngưỡng bốn phần nghìn trong giai "
    "đoạn làm đòng khiến năng suất sụt giảm mạnh, có nơi mất trắng. Những hộ có diện tích canh tác "
    "nhỏ và thiếu nguồn nước ngọt chịu thiệt hại nặng nề nhất."),
    ("Trên cơ sở đó, chúng tôi đề xuất một số giải pháp thích ứng: chuyển đổi cơ cấu mùa vụ, "
    "sử dụng giống lúa chịu mặn ngắn ngày, xây dựng hệ thống cống điều tiết nước và phát "
    "triển mô hình luân canh lúa – tôm. Chính quyền địa phương cần phối hợp với các viện "
    "nghiên cứu để dự báo xâm nhập mặn sớm và hướng dẫn người dân xuống giống đúng lịch."),
    ("Bên cạnh đó, việc nâng cao năng lực của hợp tác xã, hỗ trợ tín dụng ưu đãi và bảo hiểm nông "
    "nghiệp sẽ giúp nông hộ giảm rủi ro. Về lâu dài, quy hoạch sử dụng đất cần tính đến kịch bản "
    "nước biển dâng, bảo vệ rừng ngập mặn ven biển và khuyến khích ứng dụng khoa học công nghệ "
    "trong quản lý tài nguyên nước."),
    ("Tóm lại, biến đổi khí hậu là thách thức lớn đối với an ninh lương thực quốc gia. Các chính "
    "sách thích ứng cần dựa trên bằng chứng khoa học, có sự tham gia của cộng đồng và được đánh "
    "giá thường xuyên để điều chỉnh kịp thời. Nghiên cứu được tài trợ bởi Quỹ Phát triển khoa học "
    "và công nghệ Quốc gia (NAFOSTED), mã số 105.08-2019.312."),
)


def pages_of_prose(count: int, per_page: int = 5) -> list[list[str]]:
    """``count`` pages of ``per_page`` paragraphs each, rotating through the known text."""
    return [
        [PARAGRAPHS[(page * per_page + k) % len(PARAGRAPHS)] for k in range(per_page)]
        for page in range(count)
    ]

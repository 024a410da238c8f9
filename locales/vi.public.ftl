## Trang báo tin công khai (web), cho người dân

public-report-title = Gửi tin báo cho Công an phường, xã
public-report-intro = Không cần tài khoản. Tin báo có thể ẩn danh: cán bộ không biết bạn là ai, trừ khi bạn tự cho biết tên và số điện thoại. Địa chỉ IP của bạn không được lưu cùng tin báo.
public-emergency = ⚠️ Trường hợp khẩn cấp, hãy gọi ngay 113.
public-honeypot = Không điền ô này
public-ward-legend = 1. Phường, xã nhận tin
public-ward-search = Tìm phường, xã (không dấu cũng được, tên cũ trước sáp nhập cũng được)
public-ward-search-button = Tìm
public-ward-pick = Chọn phường, xã nhận tin:
public-ward-this = Tin báo sẽ gửi về:
public-ward-none = Không tìm thấy phường, xã nào khớp với “{ $query }”. Hãy thử gõ lại, thêm tên quận/huyện cũ hoặc tỉnh.
public-ward-narrow = Có { $count } nơi khớp với “{ $query }”, ở: { $places }. Thêm tên tỉnh hoặc quận, huyện cũ vào ô tìm (ví dụ “{ $query } Đồng Nai”) để thu hẹp.
public-ward-first = Gõ tên phường, xã rồi bấm “Tìm” để chọn nơi nhận tin.
public-details-legend = 2. Nội dung tin báo
public-category = Loại việc
public-text = Mô tả sự việc: ai, làm gì, dấu hiệu nhận biết (biển số xe, số điện thoại, số tài khoản…)
public-place = Địa điểm (không bắt buộc)
public-when = Thời gian xảy ra (không bắt buộc)
public-location = Vị trí trên bản đồ (không bắt buộc): chỉ gửi nếu bạn muốn cán bộ biết chỗ này.
public-lat = Vĩ độ
public-lng = Kinh độ
public-locate = 📍 Dùng vị trí hiện tại
public-locate-done = Đã điền vị trí.
public-locate-failed = Không lấy được vị trí; có thể bỏ qua.
public-identity-legend = 3. Ẩn danh hay cho biết tên
public-anonymous = Giữ ẩn danh
public-identified = Cho cán bộ biết tên và số điện thoại để liên hệ
public-identity = Tên và số điện thoại (chỉ khi không ẩn danh)
public-photos-legend = 4. Ảnh (không bắt buộc)
public-photos = Tối đa { $max } ảnh, mỗi ảnh dưới { $mb } MB. Thông tin vị trí và thiết bị trong ảnh sẽ bị xoá trước khi lưu.
public-send = Gửi tin báo
public-status-link = Xem tình trạng tin báo đã gửi

public-error-ward = Hãy chọn phường, xã nhận tin.
public-error-category = Hãy chọn loại việc.
public-error-text = Hãy mô tả sự việc (tối đa { $max } ký tự).
public-error-too-long = Địa điểm hoặc thời gian dài quá.
public-error-location = Vị trí chưa đúng: cần cả vĩ độ (từ -90 đến 90) và kinh độ (từ -180 đến 180), hoặc bỏ trống cả hai.
public-error-identity = Hãy ghi tên và số điện thoại, hoặc chọn giữ ẩn danh.
public-error-photo = Có tệp không phải là ảnh hoặc không đọc được. Chỉ gửi được ảnh.
public-error-photo-count = Chỉ gửi được tối đa { $max } ảnh.
public-error-photo-size = Mỗi ảnh phải nhỏ hơn { $mb } MB.
public-error-form = Biểu mẫu gửi lên không đúng. Hãy tải lại trang và thử lại.
public-photos-again = Ảnh đã chọn chưa được gửi: hãy chọn lại ảnh trước khi bấm gửi.
public-rate-limited = Có nhiều tin báo được gửi từ mạng của bạn trong ít phút nên tạm thời chưa nhận thêm. Nội dung bạn viết vẫn còn dưới đây: hãy bấm gửi lại sau khoảng { $minutes } phút.
public-rate-limited-status = Có nhiều lượt tra cứu từ mạng của bạn trong ít phút. Hãy thử lại sau khoảng { $minutes } phút.
public-unavailable = Hệ thống đang tạm thời gián đoạn nên chưa nhận được tin báo. Nội dung bạn viết vẫn còn dưới đây: hãy bấm gửi lại sau ít phút.
public-unavailable-status = Hệ thống đang tạm thời gián đoạn nên chưa tra cứu được. Hãy thử lại sau ít phút.
public-unavailable-answer = Hệ thống đang tạm thời gián đoạn nên câu trả lời chưa được gửi. Nội dung bạn viết vẫn còn dưới đây: hãy bấm gửi lại sau ít phút.

public-sent-title = Đã gửi tin báo
public-sent = Tin báo đã được gửi về { $ward }. Cảm ơn bạn!
public-code = Mã tin báo
public-key = Khóa tra cứu
public-keep = Hãy ghi lại cả mã tin báo và khóa tra cứu, và giữ kín. Cần cả hai để xem tình trạng tin báo và câu hỏi của cán bộ. Khóa tra cứu không được lưu ở đâu nên không thể cấp lại.
public-status-now = Xem tình trạng tin báo
public-status-later = Sau này, mở { $url } rồi nhập mã tin báo và khóa tra cứu.
public-new-report = Gửi một tin báo khác

public-status-title = Tình trạng tin báo
public-status-intro = Nhập mã tin báo và khóa tra cứu bạn nhận được khi gửi tin.
public-status-show = Xem
public-status-not-found = Không tìm thấy tin báo với mã và khóa tra cứu này. Hãy kiểm tra lại.
public-tip-title = Tin báo { $code }
public-thread = Trao đổi với cán bộ
public-thread-none = Cán bộ chưa hỏi thêm gì. Hãy quay lại xem sau.
public-officer-asks = Cán bộ hỏi
public-you-answered = Bạn trả lời
public-answer = Câu trả lời của bạn (cán bộ không biết bạn là ai)
public-answer-send = Gửi câu trả lời
public-answer-sent = Đã chuyển câu trả lời của bạn cho cán bộ.
public-answer-closed = Tin báo này không nhận thêm trả lời.
public-error-answer = Hãy viết câu trả lời (tối đa { $max } ký tự).

## Hộp tin của phường (cán bộ)

public-inbox-relay-web = 🌐 Tin #{ $code } được gửi qua trang web: người báo tin chỉ thấy câu hỏi khi tự mở trang tình trạng tin báo (không có thông báo đến máy của họ). Trên trang quản lý, câu hỏi chuyển sang “đã chuyển đến người báo” khi họ đã xem.

# Wardline — tiếng Việt (ngôn ngữ chính)

## Người dân

welcome =
    Xin chào! Đây là đường dây tin báo của Công an phường, xã.
    Bạn có thể báo tin về lừa đảo, ma túy, đua xe, trộm cắp, người lạ khả nghi… Tin báo có thể ẩn danh: cán bộ không thấy tài khoản của bạn.
    ⚠️ Trường hợp khẩn cấp, hãy gọi ngay 113.
help =
    Cách dùng:
    • /report — báo tin theo từng bước (hoặc cứ nhắn nội dung, tôi sẽ hỏi có gửi thành tin báo không)
    • /status <mã> — xem tình trạng tin báo
    • /mytips — các tin báo của bạn
    • /check — hỏi một số điện thoại, tài khoản, đường link có phải lừa đảo không (hoặc chuyển tiếp tin nhắn đáng ngờ cho tôi)
    • /ward — chọn hoặc đổi phường, xã của bạn
    • /language — đổi ngôn ngữ
    • /cancel — hủy thao tác đang làm
    Khẩn cấp: gọi 113.
language-pick = Chọn ngôn ngữ:
language-set = Đã chuyển sang tiếng Việt.
unhandled-private = Tôi chưa hiểu tin nhắn này. Bấm /report để báo tin, hoặc /help để xem hướng dẫn.
button-expired = Nút này không còn dùng được.
cancelled = Đã hủy. Khi cần, bấm /report để báo tin.
nothing-to-cancel = Không có gì để hủy.

btn-report = 📝 Báo tin
btn-my-tips = 📋 Tin đã báo
btn-change-ward = 📍 Đổi phường/xã
btn-cancel = ✖️ Hủy
btn-skip = Bỏ qua
btn-send = ✅ Gửi tin báo
btn-status = Xem tình trạng
btn-share-location = 📍 Gửi vị trí hiện tại
btn-media-done = Xong, tiếp tục
btn-stay-anonymous = 🙈 Giữ ẩn danh
btn-give-identity = 🙋 Cho biết tên và số điện thoại
btn-yes-this-ward = ✅ Đúng phường/xã này
btn-other-ward = Phường/xã khác
btn-send-as-tip = ✅ Gửi thành tin báo
btn-guided-report = 📝 Báo tin từng bước
btn-no = Không
btn-answer = ✍️ Trả lời

## Chọn phường, xã

ward-ask = Bạn ở phường, xã nào? Gõ tên (không dấu cũng được, tên cũ trước sáp nhập cũng được), hoặc gửi vị trí.
ward-not-found = Không tìm thấy phường, xã nào khớp với “{ $query }”. Hãy thử gõ lại, thêm tên quận/huyện cũ hoặc tỉnh, hoặc gửi vị trí.
ward-pick = Bạn muốn chọn nơi nào?
ward-confirm-one = Có phải nơi này không?
ward-formerly = { $ward } (trước đây: { $former })
ward-set = Đã ghi nhận phường, xã của bạn: { $ward }.
ward-located = Theo vị trí, bạn đang ở { $ward }. Đúng không?
ward-near = Các phường, xã gần vị trí của bạn:
ward-location-unknown = Chưa xác định được phường, xã từ vị trí. Hãy gõ tên phường, xã.

## Báo tin

report-ask-ward = Tin báo gửi về phường, xã nào?
report-ask-ward-hint = Gõ tên phường, xã (không dấu cũng được), hoặc bấm nút gửi vị trí bên dưới.
report-ward-remembered = Tin sẽ gửi về { $ward }.
report-ask-category = Bạn muốn báo về việc gì?
report-ask-what = Hãy mô tả sự việc: ai, làm gì, dấu hiệu nhận biết (biển số xe, số điện thoại, số tài khoản…).
report-ask-where = Việc xảy ra ở đâu? Gõ địa chỉ, địa điểm gần đó, hoặc gửi vị trí.
report-ask-when = Việc xảy ra khi nào?
report-ask-media = Bạn có ảnh, video, ghi âm hoặc tài liệu không? Gửi vào đây (tối đa 10), rồi bấm “Xong, tiếp tục”.
report-ask-anonymous = Bạn muốn giữ ẩn danh hay cho cán bộ biết tên và số điện thoại để liên hệ?
report-ask-identity = Hãy gõ tên và số điện thoại của bạn.
report-summary-title = Kiểm tra lại tin báo:
report-sent =
    ✅ Đã gửi tin báo về <b>{ $ward }</b> lúc { $time }.
    Mã tin báo của bạn: <b>{ $code }</b>
    Hãy giữ mã này để xem tình trạng (/status { $code }). Cảm ơn bạn!
report-location-kept = Đã ghi nhận vị trí.
report-media-added = Đã nhận { $count } tệp.
report-media-full = Mỗi tin báo nhận tối đa { $max } tệp.
report-media-later = Bạn sẽ gửi được ảnh, video ở bước sau.
report-pick-category-first = Đã ghi lại nội dung. Hãy chọn loại việc ở các nút phía trên.
report-text-clipped = Nội dung dài quá { $max } ký tự đã được cắt bớt.
report-text-added = Đã thêm vào nội dung.
report-use-buttons = Hãy chọn bằng các nút phía trên.
report-not-understood = Bước này cần tin nhắn khác. Hãy làm theo hướng dẫn phía trên, hoặc /cancel để hủy.
summary-ward = Nơi nhận
summary-none = chưa chọn
summary-triage = bộ phận tiếp nhận của tỉnh
summary-category = Loại việc
summary-what = Nội dung
summary-where = Địa điểm
summary-location = Có gửi vị trí
summary-when = Thời gian
summary-media = Tệp đính kèm: { $count }
summary-anonymous = Ẩn danh
summary-identified = Có cho biết tên và số điện thoại

when-now = Đang xảy ra
when-now-at = Đang xảy ra ({ $time })
when-today = Hôm nay
when-earlier = Trước đó

category-scam = Lừa đảo
category-drugs = Ma túy
category-racing = Đua xe
category-theft = Trộm cắp, cướp
category-stranger = Người lạ khả nghi
category-disorder = Gây rối, đánh nhau
category-other = Việc khác

draft-offer = Bạn có muốn gửi nội dung này thành tin báo cho Công an phường, xã không?
draft-dropped = Được rồi, tin nhắn chưa được gửi đi.
draft-expired = Nội dung này không còn. Hãy nhắn lại hoặc bấm /report.
flood-tips = Bạn đã gửi nhiều tin báo trong thời gian ngắn (tối đa { $limit } tin mỗi giờ). Tin này vẫn được giữ: hãy bấm “Gửi tin báo” lại sau ít phút.
flood-messages = Bạn đang nhắn rất nhanh. Tôi vẫn nhận đủ và sẽ xử lý lần lượt, xin chờ một chút.

## Tình trạng

status-usage = Hãy gõ /status kèm mã tin báo, ví dụ: /status K7M4-QX9A
status-unknown = Không tìm thấy tin báo { $code } của bạn.
status-line = Tin báo { $code } ({ $date }) — { $ward }: { $state }
status-new = đã tiếp nhận, chờ cán bộ xử lý
status-claimed = cán bộ đang xử lý
status-resolved = đã xử lý xong
status-valuable = được đánh giá có giá trị
status-question-waiting = cán bộ đang chờ bạn trả lời
mytips-title = Tin báo của bạn:
mytips-none = Bạn chưa gửi tin báo nào.

## Hỏi đáp hai chiều

relay-question = ❓ Cán bộ phường, xã hỏi về tin báo { $code }:
relay-how-to-answer = Bấm “Trả lời” hoặc trả lời thẳng vào tin nhắn này. Cán bộ không thấy tài khoản của bạn.
answer-prompt = Hãy gõ câu trả lời cho tin báo { $code }.
answer-sent = Đã chuyển câu trả lời của bạn cho cán bộ (tin báo { $code }).

## Hộp tin của phường (cán bộ)

card-title = Tin báo #{ $code }
card-no-ward = Chưa rõ phường, xã
card-place = Địa điểm
card-when = Thời gian
card-received = Nhận lúc
card-attachments = 📎 { $count } tệp đính kèm
card-location = 📌 Có vị trí
card-tipster-anonymous = Người báo: ẩn danh
card-tipster-identified = Người báo: { $identity }
card-status-new = 🆕 Chưa ai nhận
card-status-claimed = 👮 { $officer } đang xử lý
card-status-resolved = ✅ Đã xử lý xong
card-valuable = 👍 Có giá trị
card-not-valuable = 👎 Không có giá trị
card-last-action = { $officer }: { $action } lúc { $time }
card-transferred-away = ↪ Tin đã chuyển sang { $ward }. Bản này chỉ để lưu vết.
event-created = tạo
event-routed = chuyển đến
event-unrouted = chưa có hộp tin
event-claimed = nhận xử lý
event-assessed = đánh giá
event-resolved = đánh dấu đã xử lý
event-transferred = chuyển phường
event-asked = hỏi người báo
btn-claim = 👮 Nhận xử lý
btn-ask = ❓ Hỏi người báo
btn-valuable = 👍 Có giá trị
btn-not-valuable = 👎 Không giá trị
btn-resolve = ✅ Đã xử lý
btn-transfer = ↪ Chuyển phường
ask-prompt = ❓ Trả lời tin nhắn này bằng câu hỏi cho người báo tin #{ $code }. Người báo sẽ nhận được từ bot, không thấy tài khoản của anh/chị.
transfer-prompt = ↪ Chuyển tin #{ $code }: trả lời tin nhắn này bằng tên hoặc mã phường, xã nhận, rồi “ - ” và lý do. Ví dụ: Cửa Nam - địa điểm thuộc địa bàn Cửa Nam
transfer-pick = Chọn phường, xã nhận tin #{ $code }:
inbox-tipster-says = 💬 Người báo tin #{ $code } trả lời:
action-claimed = Anh/chị đã nhận xử lý tin { $code }.
action-valuable = Đã đánh giá tin { $code } có giá trị.
action-not-valuable = Đã đánh giá tin { $code } không có giá trị.
action-resolved = Đã đánh dấu tin { $code } xử lý xong.
action-transferred = Đã chuyển tin { $code }.
action-asked = Đã gửi câu hỏi cho người báo tin { $code }.
action-fail-not-found = Không tìm thấy tin báo này trong phạm vi của anh/chị.
action-fail-forbidden = Anh/chị không có quyền làm việc này.
action-fail-resolved = Tin này đã xử lý xong.
action-fail-already-claimed = Tin này đã có { $by } nhận xử lý.
action-fail-same-ward = Tin đã ở phường, xã này.
action-fail-not-officer = Chỉ cán bộ đã đăng ký của phường, xã này mới thao tác được.
bind-usage = Gõ /bind kèm mã liên kết do quản trị viên cấp, ví dụ: /bind 7KQ4MX9ARB
bind-done = ✅ Nhóm này đã là hộp tin báo của { $ward }. Tin báo mới sẽ xuất hiện tại đây.
bind-invalid = Mã liên kết không đúng.
bind-used = Mã liên kết này đã được dùng.
bind-expired = Mã liên kết đã hết hạn. Hãy xin mã mới.
bind-not-officer = Chỉ cán bộ đã đăng ký của phường, xã đó mới liên kết được nhóm.
inbox-not-bound = Nhóm này chưa là hộp tin của phường, xã nào. Dùng /bind <mã>.
queue-title = Tin báo đang mở của { $ward } ({ $count }), cũ nhất trước:
queue-line = • #{ $code } · { $category } · từ { $since } · { $state }
queue-empty = { $ward } không còn tin báo nào đang mở.
stats =
    Số liệu tháng này của { $ward }:
    • Tin báo nhận: { $received }
    • Có giá trị: { $valuable }
    • Đã xử lý xong: { $resolved }
    • Thời gian trung vị đến thao tác đầu tiên: { $median } phút
group-welcome = Xin chào! Để nhóm này thành hộp tin báo của một phường, xã, cán bộ đã đăng ký hãy gửi /bind <mã liên kết>.

error-not-found = Không tìm thấy { $what }.
error-forbidden = Anh/chị không có quyền làm việc này.

## Kiểm tra lừa đảo

check-prompt = Hãy gửi hoặc chuyển tiếp cho tôi tin nhắn, số điện thoại, số tài khoản hoặc đường link đáng ngờ. Tôi sẽ cho biết ngay nó có trong danh sách lừa đảo không.
check-nothing-found =
    Tôi không thấy số điện thoại, số tài khoản hay đường link nào trong tin này.
    Dấu hiệu lừa đảo thường gặp: tự xưng công an, ngân hàng, điện lực gọi yêu cầu chuyển tiền; gửi đường link “xác minh tài khoản”; hỏi mã OTP; hứa việc nhẹ lương cao hoặc trúng thưởng. Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.
check-confirmed = ⛔ LỪA ĐẢO ĐÃ ĐƯỢC CÔNG AN XÁC NHẬN: { $indicator } (thủ đoạn: { $tactic }).
check-confirmed-do = Không chuyển tiền, không bấm đường link, không đọc mã OTP cho bất kỳ ai. Nếu đã chuyển tiền hoặc đang bị đe dọa, gọi ngay 113 hoặc Công an phường, xã.
check-reported = ⚠️ { $indicator } đã bị { $count } người dân báo là đáng ngờ (từ { $since }); công an chưa xác nhận. Hãy hết sức thận trọng, không chuyển tiền.
check-lookalike = ⚠️ { $indicator } có tên giống trang của { $brand } nhưng KHÔNG phải trang chính thức. Đừng nhập tài khoản, mật khẩu hay mã OTP vào đó.
check-unknown = Chưa có thông tin lừa đảo về: { $indicators }. Điều đó không có nghĩa là an toàn.
check-signs = Dấu hiệu lừa đảo: gọi tự xưng công an, ngân hàng, điện lực; đòi chuyển tiền “tạm giữ”, “xác minh”; gửi link lạ; hỏi mã OTP; hối thúc, đe dọa. Khi nghi ngờ: gác máy, gọi lại số chính thức, hoặc gọi 113.
check-recorded = Câu hỏi của bạn đã được gửi ẩn danh cho công an (mã { $code }) để cảnh báo người khác.

tactic-fake-police = Giả danh công an, viện kiểm sát, tòa án
tactic-fake-police-advice = Công an không làm việc qua điện thoại hay mạng xã hội và không bao giờ yêu cầu chuyển tiền vào “tài khoản tạm giữ”.
tactic-fake-bank = Giả danh ngân hàng
tactic-fake-bank-advice = Ngân hàng không gửi link yêu cầu đăng nhập hay hỏi mã OTP. Chỉ dùng ứng dụng chính thức của ngân hàng.
tactic-fake-utility = Giả danh điện lực, nước, viễn thông
tactic-fake-utility-advice = Điện lực không gọi đòi tiền hay bắt cài ứng dụng lạ để “cắt điện”. Hãy gọi tổng đài chính thức để kiểm tra.
tactic-fake-delivery = Giả danh giao hàng
tactic-fake-delivery-advice = Không chuyển tiền hay bấm link “phí giao hàng” cho đơn bạn không đặt.
tactic-job = Việc nhẹ lương cao, làm nhiệm vụ
tactic-job-advice = Không có việc nào bắt nạp tiền trước để nhận hoa hồng. Đừng nạp thêm để “rút tiền”.
tactic-investment = Đầu tư, tiền ảo, sàn giao dịch
tactic-investment-advice = Lợi nhuận cao, chắc chắn là dấu hiệu lừa đảo. Không nạp tiền vào sàn, nhóm “chuyên gia” trên mạng.
tactic-loan = Cho vay online
tactic-loan-advice = Không đóng “phí hồ sơ”, “phí giải ngân” trước khi vay; không gửi ảnh giấy tờ cho người lạ.
tactic-prize = Trúng thưởng, quà tặng
tactic-prize-advice = Không ai bắt đóng phí để nhận giải. Đừng chuyển tiền “thuế”, “phí nhận quà”.
tactic-account-takeover = Chiếm đoạt tài khoản mạng xã hội
tactic-account-takeover-advice = Người quen nhắn vay tiền? Hãy gọi điện trực tiếp (thoại, có hình) để xác minh trước khi chuyển.
tactic-other = Thủ đoạn lừa đảo khác
tactic-other-advice = Hãy dừng lại, không chuyển tiền, và hỏi Công an phường, xã.

## Dấu hiệu trong tin báo (hộp tin cán bộ)

card-priority = ⚠️ Dấu hiệu trong tin đã bị báo thêm { $count } lần
card-indicators = 🔎 Dấu hiệu:
card-indicator-line = • { $value } — { $status } · { $count } lần báo
indicator-status-reported = chưa xác minh
indicator-status-confirmed = ⛔ lừa đảo ({ $tactic })
indicator-status-cleared = ✔ không phải lừa đảo
btn-indicators = 🔎 Xác minh dấu hiệu
btn-indicator-confirm = ⛔ { $value }
btn-indicator-clear = ✔ Không phải
indicators-title = Dấu hiệu trong tin #{ $code }: bấm ⛔ để xác nhận lừa đảo, ✔ nếu không phải.
indicator-pick-tactic = Thủ đoạn lừa đảo là gì? (người dân hỏi sẽ được cảnh báo theo thủ đoạn này)
indicator-confirmed = Đã xác nhận { $value } là lừa đảo: { $tactic }.
indicator-cleared = Đã ghi nhận { $value } không phải lừa đảo.
event-indicator-confirmed = xác nhận lừa đảo
event-indicator-cleared = loại dấu hiệu
scams-title = Dấu hiệu lừa đảo được báo nhiều nhất tuần này ở { $ward }:
scams-empty = Tuần này chưa có dấu hiệu lừa đảo nào được báo ở { $ward }.
scams-line = • { $value } — { $count } lần · { $status }

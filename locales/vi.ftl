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
    • /subscribe — nhận cảnh báo lừa đảo của công an phường, xã bạn (/unsubscribe để thôi)
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
ward-narrow-province = Có { $count } phường, xã khớp với “{ $query }”. Bạn ở tỉnh, thành phố nào?
ward-narrow-district = Có { $count } phường, xã khớp với “{ $query }” ở tỉnh, thành phố này. Trước sáp nhập, nơi đó thuộc quận, huyện, thị xã nào?
ward-narrow-expired = Danh sách này đã cũ. Hãy gõ lại tên phường, xã.
ward-chosen = Đã chọn: { $ward }
zalo-ward-narrow = Gõ số để chọn (hoặc gõ lại tên kèm tỉnh, ví dụ “Tân Thành Đồng Nai”):

## Báo tin

report-ask-ward = Tin báo gửi về phường, xã nào?
report-ask-ward-hint = Gõ tên phường, xã (không dấu cũng được), hoặc bấm nút gửi vị trí bên dưới.
report-ward-remembered = Tin sẽ gửi về { $ward }.
report-ask-category = Bạn muốn báo về việc gì?
report-ask-what = Hãy mô tả sự việc: ai, làm gì, dấu hiệu nhận biết (biển số xe, số điện thoại, số tài khoản…).
report-ask-where = Việc xảy ra ở đâu? Gõ địa chỉ hoặc địa điểm gần đó. Muốn gửi vị trí trên điện thoại: bấm 📎 rồi chọn Vị trí.
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
report-already-sent = Tin báo đã được gửi (mã { $code }).
report-summary-closed = Bản tóm tắt này không còn dùng được: tin báo đã hủy, hoặc bạn đã bắt đầu tin báo khác.
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
card-attachment-unprocessable = #{ $code }: một ảnh người báo gửi quá lớn hoặc không đọc được, nên không làm sạch được (xóa vị trí, thông tin máy) để chuyển cho cán bộ. Có thể hỏi người báo gửi ảnh nhỏ hơn.
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
ask-prompt = ❓ { $officer }, hãy trả lời tin nhắn này bằng câu hỏi cho người báo tin #{ $code }. Người báo sẽ nhận được từ bot, không thấy tài khoản của anh/chị.
transfer-prompt = ↪ { $officer }, để chuyển tin #{ $code }: trả lời tin nhắn này bằng tên hoặc mã phường, xã nhận, rồi “ - ” và lý do. Ví dụ: Cửa Nam - địa điểm thuộc địa bàn Cửa Nam
inbox-reply-text-only = Chỉ tin nhắn chữ mới được chuyển cho người báo tin #{ $code } (ảnh, ghi âm, nhãn dán thì không). Hãy trả lời thẻ tin bằng câu hỏi viết thành chữ.
inbox-transfer-text-only = Để chuyển tin #{ $code }, hãy trả lời tin nhắn chuyển tin bằng chữ: tên hoặc mã phường, xã nhận, rồi “ - ” và lý do.
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

## Chiến dịch cảnh báo (nhóm dân cư, người đăng ký nhận cảnh báo)

campaign-attach-hint = Nếu đây là nhóm dân cư nhận cảnh báo của phường, xã, cán bộ đã đăng ký hãy gửi /attach <mã phường> (có thể thêm nhãn, ví dụ #cho #truonghoc).
campaign-attach-usage = Cách dùng: /attach <mã phường 5 chữ số> [#nhãn …]
campaign-attach-inbox = Nhóm này là hộp tin báo của cán bộ, không thể nhận cảnh báo gửi cho người dân.
campaign-attached = Đã gắn nhóm này với { $ward }: nhóm sẽ nhận cảnh báo của Công an { $ward }. Nhãn: { $tags }
subscribe-no-ward = Anh/chị chưa chọn phường, xã. Hãy gửi /ward để chọn, rồi gửi lại /subscribe.
subscribe-done = Đã đăng ký nhận cảnh báo lừa đảo của Công an { $ward }. Gửi /unsubscribe để thôi nhận.
unsubscribe-done = Đã hủy đăng ký: anh/chị sẽ không nhận cảnh báo nữa.
unsubscribe-none = Anh/chị chưa đăng ký nhận cảnh báo.
campaign-not-allowed = Chỉ cán bộ được giao gửi cảnh báo cho khu vực đó mới làm được việc này.
campaign-untitled = Cảnh báo
campaign-compose-start = Soạn cảnh báo: gửi nội dung (chữ có định dạng, ảnh, video, tài liệu hoặc một album), hoặc chọn một mẫu cảnh báo theo thủ đoạn lừa đảo:
campaign-dropped = Đã bỏ bản cảnh báo đang soạn.
campaign-area-ask = Gửi cho khu vực nào?
campaign-wards-ask = Gửi mã các phường, xã (5 chữ số) hoặc mã tỉnh, thành phố (2 chữ số), cách nhau bằng dấu cách.
campaign-audience-ask = Gửi cho ai?
campaign-tags-ask = Gửi các nhãn nhóm (ví dụ: #cho #chungcu): chỉ các nhóm có nhãn đó nhận cảnh báo.
campaign-preview-title = Xem trước: người nhận sẽ thấy đúng như sau.
campaign-preview-audience = Sẽ gửi tới { $groups } nhóm ({ $members } thành viên) và { $residents } người đăng ký.
campaign-schedule-ask = Gửi lúc nào? Nhập giờ “HH:MM” (hôm nay) hoặc “DD/MM HH:MM” (giờ Việt Nam).
campaign-scheduled = ⏰ Sẽ gửi lúc { $at }.
campaign-status-line = 📣 Chiến dịch #{ $id } “{ $title }”: { $status }
campaign-figures = Người nhận: { $targeted } · đã gửi: { $sent } · đang chờ: { $pending } · bị chặn: { $blocked } · tiếp cận: { $reach } người · phản hồi: { $replies }
campaign-skipped = Bỏ qua (đã hủy, thôi đăng ký, nhóm ngừng hoạt động): { $count }
campaign-unconfirmed = Chưa xác nhận (máy gửi dừng giữa chừng, không gửi lại): { $count }
campaign-failed = Lỗi: { $list }
campaign-state-scheduled = đã hẹn giờ
campaign-state-running = đang gửi
campaign-state-paused = tạm dừng
campaign-state-cancelled = đã hủy
campaign-state-done = đã gửi xong
campaigns-empty = Anh/chị chưa gửi chiến dịch cảnh báo nào. Gửi /warn để soạn.
campaign-pause-done = Đã tạm dừng.
campaign-resume-done = Đã tiếp tục gửi.
campaign-cancel-done = Đã hủy: không gửi thêm tin nào.
campaign-wrong-state = Chiến dịch không ở trạng thái cho phép việc này.
btn-campaign-send = 📣 Gửi ngay
btn-campaign-schedule = ⏰ Hẹn giờ
btn-campaign-quit = ✖ Bỏ
btn-campaign-pause = ⏸ Tạm dừng #{ $id }
btn-campaign-resume = ▶ Tiếp tục #{ $id }
btn-campaign-cancel = ✖ Hủy #{ $id }
btn-campaign-area-ward = { $ward }
btn-campaign-area-province = Cả tỉnh, thành phố
btn-campaign-area-all = Toàn quốc
btn-campaign-area-pick = Chọn phường, xã…
btn-campaign-aud-both = Nhóm và người đăng ký
btn-campaign-aud-groups = Chỉ nhóm
btn-campaign-aud-residents = Chỉ người đăng ký
btn-campaign-aud-tags = Nhóm có nhãn…
campaign-tpl-fake-police-title = Giả danh công an, viện kiểm sát
campaign-tpl-fake-police =
    ⚠️ CẢNH BÁO: GIẢ DANH CÔNG AN GỌI ĐIỆN
    Kẻ gian gọi điện, gọi video tự xưng công an, viện kiểm sát, tòa án, nói anh/chị liên quan đến vụ án, yêu cầu chuyển tiền vào “tài khoản tạm giữ” hoặc cài ứng dụng lạ.
    Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền, không gửi đường link cài ứng dụng.
    Hãy cúp máy, không chuyển tiền, báo ngay Công an phường, xã hoặc gọi 113.
campaign-tpl-fake-bank-title = Đường link giả ngân hàng
campaign-tpl-fake-bank =
    ⚠️ CẢNH BÁO: ĐƯỜNG LINK GIẢ NGÂN HÀNG
    Tin nhắn báo “tài khoản bị khóa”, “cập nhật sinh trắc học”, “nhận hoàn tiền” kèm đường link giống trang ngân hàng để lấy mật khẩu và mã OTP.
    Ngân hàng không bao giờ gửi link yêu cầu đăng nhập hay xin mã OTP.
    Không bấm link, không cung cấp OTP; gọi số tổng đài in trên thẻ để hỏi lại.
campaign-tpl-fake-utility-title = Giả nhân viên điện lực, cấp nước
campaign-tpl-fake-utility =
    ⚠️ CẢNH BÁO: GIẢ NHÂN VIÊN ĐIỆN, NƯỚC
    Kẻ gian gọi báo “sắp cắt điện, cắt nước vì nợ tiền”, yêu cầu kết bạn Zalo, cài ứng dụng hoặc chuyển khoản ngay.
    Hãy thanh toán qua ứng dụng, điểm thu chính thức; gọi tổng đài điện lực, cấp nước để kiểm tra. Không cài ứng dụng theo hướng dẫn của người lạ.
campaign-tpl-fake-delivery-title = Giả shipper, đơn hàng
campaign-tpl-fake-delivery =
    ⚠️ CẢNH BÁO: GIẢ NGƯỜI GIAO HÀNG
    Người lạ báo có đơn hàng, yêu cầu chuyển khoản trước “phí ship”, “phí COD” hoặc bấm link “xác nhận đơn”.
    Chỉ nhận hàng mình đã đặt, kiểm tra trên ứng dụng mua sắm; không chuyển tiền cho người lạ, không bấm link.
campaign-tpl-job-title = Việc nhẹ lương cao, làm nhiệm vụ
campaign-tpl-job =
    ⚠️ CẢNH BÁO: “VIỆC NHẸ LƯƠNG CAO”, “LÀM NHIỆM VỤ”
    Lời mời làm cộng tác viên, thả tim, đánh giá sản phẩm được trả hoa hồng; lúc đầu trả tiền thật, sau đó đòi nạp tiền lớn để “rút hoa hồng”.
    Không có việc nào phải nạp tiền trước. Dừng lại ngay và báo Công an phường, xã.
campaign-tpl-investment-title = Đầu tư, tiền ảo lãi cao
campaign-tpl-investment =
    ⚠️ CẢNH BÁO: ĐẦU TƯ LÃI CAO
    Nhóm “chuyên gia” mời đầu tư chứng khoán, tiền ảo, vàng với lãi cao, chắc chắn; sàn giả cho thấy tiền tăng nhưng không rút được.
    Lãi cao, cam kết không lỗ là dấu hiệu lừa đảo. Không nạp tiền vào sàn không được cấp phép.
campaign-tpl-loan-title = Cho vay online
campaign-tpl-loan =
    ⚠️ CẢNH BÁO: CHO VAY ONLINE
    Ứng dụng, trang mạng hứa cho vay nhanh không cần thế chấp, sau đó đòi “phí hồ sơ”, “phí bảo hiểm khoản vay” trước khi giải ngân, hoặc đòi nợ bằng cách bôi nhọ người thân.
    Không đóng phí trước, không gửi ảnh giấy tờ cho người lạ; vay tại ngân hàng, công ty tài chính được cấp phép.
campaign-tpl-prize-title = Trúng thưởng, quà tặng
campaign-tpl-prize =
    ⚠️ CẢNH BÁO: TRÚNG THƯỞNG GIẢ
    Tin nhắn báo trúng xe máy, điện thoại, tiền mặt và yêu cầu đóng “thuế”, “phí nhận quà” trước.
    Không ai bắt đóng phí để nhận giải. Đừng chuyển tiền, đừng cung cấp thông tin cá nhân.
campaign-tpl-account-takeover-title = Tài khoản bị chiếm, người quen vay tiền
campaign-tpl-account-takeover =
    ⚠️ CẢNH BÁO: NGƯỜI QUEN NHẮN VAY TIỀN
    Kẻ gian chiếm tài khoản Facebook, Zalo của người quen, nhắn vay tiền gấp, có khi gọi video giả mặt (deepfake) vài giây.
    Hãy gọi điện thoại trực tiếp cho người đó để xác minh trước khi chuyển tiền.

## Zalo (không có nút bấm: chọn bằng cách gõ số)

zalo-menu =
    Đường dây tin báo của Công an phường, xã. Gõ số để chọn:
    1. Báo tin
    2. Tin báo của tôi
    3. Chọn phường, xã
    4. Nhận cảnh báo lừa đảo
    5. Kiểm tra số điện thoại, tài khoản, đường link
    Gõ "huy" để dừng, "menu" để xem lại. Tin báo có thể ẩn danh: cán bộ không thấy tài khoản Zalo của bạn. Khẩn cấp: gọi 113.
zalo-pick-number = Hãy gõ một số từ 1 đến { $max }.
zalo-ward-ask = Bạn ở phường, xã nào? Gõ tên (không dấu cũng được, tên cũ trước sáp nhập cũng được) hoặc gửi vị trí.
zalo-ward-pick = Gõ số để chọn phường, xã (hoặc gõ tên khác):
zalo-category-ask = Tin báo gửi về { $ward }. Đây là việc gì? Gõ số:
zalo-where-ask = Việc xảy ra ở đâu? Gõ địa chỉ hoặc gửi vị trí. Gõ 0 để bỏ qua.
zalo-when-ask = Việc xảy ra khi nào? Gõ số, hoặc gõ thời gian:
zalo-media-ask = Có ảnh, video, tệp thì gửi vào đây (tối đa 10). Xong thì gõ 0.
zalo-media-added = Đã nhận { $count } tệp. Gửi thêm, hoặc gõ 0 để tiếp tục.
zalo-anonymous-ask =
    1. Giữ ẩn danh
    2. Cho cán bộ biết tên và số điện thoại
zalo-confirm-ask = Gõ 1 để GỬI tin báo, 2 để hủy.
zalo-draft-offer = Bạn muốn gửi nội dung này thành tin báo cho Công an phường, xã? Gõ 1 để gửi ngay, 2 để báo theo từng bước, 3 để bỏ qua.
zalo-report-sent =
    ✅ Đã gửi tin báo về { $ward } lúc { $time }.
    Mã tin báo: { $code }
    Gõ "trangthai { $code }" để xem tình trạng. Cảm ơn bạn!
zalo-flood-tips = Bạn đã gửi nhiều tin báo trong thời gian ngắn (tối đa { $limit } tin mỗi giờ). Tin này vẫn được giữ: gõ 1 để gửi lại sau ít phút.
zalo-status-usage = Gõ "trangthai" kèm mã tin báo, ví dụ: trangthai K7M4-QX9A
zalo-answer-how = Để trả lời, cứ nhắn câu trả lời vào đây. Cán bộ không thấy tài khoản Zalo của bạn.
zalo-check-prompt = Hãy gửi tin nhắn, số điện thoại, số tài khoản hoặc đường link đáng ngờ. Tôi sẽ cho biết nó có trong danh sách lừa đảo không.
zalo-subscribe-no-ward = Bạn chưa chọn phường, xã. Gõ 3 để chọn, rồi gõ 4 để đăng ký.
zalo-subscribe-done = Đã đăng ký nhận cảnh báo lừa đảo của Công an { $ward }. Gõ "huydangky" để thôi nhận.
zalo-unsupported = Tôi chưa đọc được loại tin này. Hãy gõ chữ, gửi ảnh, tệp hoặc vị trí. Gõ "menu" để xem các việc.
zalo-cancelled = Đã hủy. Gõ "menu" để xem các việc.
zalo-location-kept = Đã ghi nhận vị trí.
zalo-use-numbers = Bước này cần chọn bằng số. Gõ "huy" để dừng.
card-channel = Kênh: { $channel }
inbox-relay-waiting = ⏳ Câu hỏi về tin #{ $code } chưa gửi được: người báo tin dùng Zalo và đã quá { $hours } giờ (hoặc hết lượt trả lời miễn phí) kể từ tin nhắn cuối của họ. Zalo không cho nhắn chủ động; câu hỏi sẽ tự gửi khi họ nhắn lại.
inbox-relay-unreachable = ⚠️ Không gửi được câu hỏi về tin #{ $code }: người báo tin đã chặn hoặc bỏ quan tâm trên Zalo.

# Loại việc đoán từ nội dung tin báo (gửi nhanh) và người báo tự đổi (issue 17).
report-sent-guessed = Loại việc: <b>{ $category }</b> (đoán từ nội dung). Chưa đúng thì bấm “Đổi loại việc”.
btn-change-category = 🏷 Đổi loại việc
report-ask-new-category = Chọn loại việc đúng cho tin báo { $code }:
report-category-changed = Đã đổi loại việc của tin báo { $code } thành: { $category }. Cán bộ sẽ thấy loại việc mới.
report-category-unchanged = Tin báo { $code } vẫn là: { $category }.
report-category-closed = Tin báo { $code } đã xử lý xong nên không đổi loại việc được nữa.
report-category-not-found = Không tìm thấy tin báo { $code } của bạn.
zalo-report-sent-guessed = Loại việc: { $category } (đoán từ nội dung). Nếu chưa đúng, gõ số để đổi:
zalo-confirm-change-category = Gõ 3 để đổi loại việc.
zalo-category-change-ask = Chọn loại việc đúng. Gõ số:
event-category-changed = người báo đổi loại việc

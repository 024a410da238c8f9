# Retention: what happens once a tip's tipster data is erased (src/core/retention.ts).
action-fail-unreachable = Không thể liên lạc với người báo tin này nữa: thông tin liên lạc đã được xoá sau thời hạn lưu.
event-erased = xoá thông tin người báo (hết thời hạn lưu)
inbox-relay-erased = ⚠️ Câu hỏi về tin #{ $code } không gửi được: thông tin liên lạc của người báo tin đã được xoá sau thời hạn lưu.

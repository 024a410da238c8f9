# Tipster notices: one short message when a tip is judged and one when it is closed.
notify-judged-valuable = Tin báo { $code } của bạn đã được cán bộ xem xét và đánh giá có giá trị. Cảm ơn bạn.
notify-judged-reviewed = Tin báo { $code } của bạn đã được cán bộ xem xét. Cảm ơn bạn.
notify-closed = Tin báo { $code } đã được xử lý xong. Cảm ơn bạn đã báo tin.
notify-how-off = Gõ /tatthongbao để không nhận các tin này nữa.
notify-how-off-zalo = Gõ "tắt thông báo" để không nhận các tin này nữa.
notify-off-done = Đã tắt. Bạn sẽ không nhận tin khi tin báo được xem xét hay xử lý xong. Gõ /batthongbao để bật lại.
notify-off-done-zalo = Đã tắt. Bạn sẽ không nhận tin khi tin báo được xem xét hay xử lý xong. Gõ "bật thông báo" để bật lại.
notify-on-done = Đã bật. Bạn sẽ nhận một tin ngắn khi tin báo được xem xét và khi được xử lý xong.
# Status page (web tipster): one line per event.
notify-status-judged-valuable = Cán bộ đã xem xét và đánh giá tin báo có giá trị.
notify-status-judged-reviewed = Cán bộ đã xem xét tin báo.
notify-status-closed = Tin báo đã được xử lý xong.

# Tipster notices: one short message when a tip is judged and one when it is closed.
notify-judged-valuable = Your tip { $code } has been reviewed by an officer and judged valuable. Thank you.
notify-judged-reviewed = Your tip { $code } has been reviewed by an officer. Thank you.
notify-closed = Tip { $code } has been dealt with. Thank you for reporting it.
notify-how-off = Send /notify_off to stop these messages.
notify-how-off-zalo = Send "tat thong bao" to stop these messages.
notify-off-done = Turned off. You will not be told when a tip is reviewed or closed. Send /notify_on to turn it back on.
notify-off-done-zalo = Turned off. You will not be told when a tip is reviewed or closed. Send "bat thong bao" to turn it back on.
notify-on-done = Turned on. You will get one short message when a tip is reviewed and when it is closed.
# Status page (web tipster): one line per event.
notify-status-judged-valuable = An officer has reviewed the tip and judged it valuable.
notify-status-judged-reviewed = An officer has reviewed the tip.
notify-status-closed = The tip has been dealt with.

# Wardline — English (second language)

## Residents

welcome =
    Hello! This is the tip line of your ward and commune police.
    You can report scams, drugs, street racing, theft, suspicious strangers… Tips can be anonymous: officers never see your account.
    ⚠️ In an emergency, call 113 now.
help =
    How to use:
    • /report — report step by step (or just write, and I will offer to send it as a tip)
    • /status <code> — see where a tip stands
    • /mytips — your tips
    • /check — ask whether a phone number, account or link is a scam (or forward me a suspicious message)
    • /subscribe — get your ward police's fraud warnings (/unsubscribe to stop)
    • /ward — choose or change your ward
    • /language — change language
    • /cancel — cancel what you are doing
    Emergency: call 113.
language-pick = Choose a language:
language-set = Switched to English.
unhandled-private = I did not understand that. Tap /report to send a tip, or /help for help.
button-expired = This button no longer works.
cancelled = Cancelled. Tap /report whenever you need to send a tip.
nothing-to-cancel = Nothing to cancel.

btn-report = 📝 Report
btn-my-tips = 📋 My tips
btn-change-ward = 📍 Change ward
btn-cancel = ✖️ Cancel
btn-skip = Skip
btn-send = ✅ Send tip
btn-status = See status
btn-share-location = 📍 Share my location
btn-media-done = Done, continue
btn-stay-anonymous = 🙈 Stay anonymous
btn-give-identity = 🙋 Give my name and phone
btn-yes-this-ward = ✅ Yes, this ward
btn-other-ward = Another ward
btn-send-as-tip = ✅ Send as a tip
btn-guided-report = 📝 Report step by step
btn-no = No
btn-answer = ✍️ Answer

## Choosing a ward

ward-ask = Which ward or commune are you in? Type its name (no accents needed; names from before the 2025 merger work too), or share your location.
ward-not-found = No ward or commune matches “{ $query }”. Try again, add the former district or the province, or share your location.
ward-pick = Which one do you mean?
ward-confirm-one = Is it this one?
ward-formerly = { $ward } (formerly { $former })
ward-set = Your ward is now { $ward }.
ward-located = Your location is in { $ward }. Is that right?
ward-near = Wards near your location:
ward-location-unknown = I could not tell the ward from your location. Please type its name.
ward-narrow-province = { $count } wards and communes match “{ $query }”. Which province or city are you in?
ward-narrow-district = { $count } wards and communes in this province match “{ $query }”. Before the 2025 merger, which district was it in?
ward-narrow-expired = This list is out of date. Please type the ward's name again.
ward-chosen = Chosen: { $ward }
zalo-ward-narrow = Type a number to choose (or type the name again with the province, e.g. “Tân Thành Đồng Nai”):

## Reporting

report-ask-ward = Which ward or commune should receive the tip?
report-ask-ward-hint = Type the ward's name (no accents needed), or tap the button below to share your location.
report-ward-remembered = The tip will go to { $ward }.
report-ask-category = What is it about?
report-ask-what = Describe what happened: who, doing what, anything that identifies them (number plates, phone numbers, bank accounts…).
report-ask-where = Where did it happen? Type an address or a landmark. To send a location from your phone: tap 📎, then Location.
report-ask-when = When did it happen?
report-ask-media = Do you have photos, videos, voice recordings or documents? Send them here (up to 10), then tap “Done, continue”.
report-ask-anonymous = Do you want to stay anonymous, or give the officers your name and phone number?
report-ask-identity = Please type your name and phone number.
report-summary-title = Please check your tip:
report-sent =
    ✅ Your tip was sent to <b>{ $ward }</b> at { $time }.
    Your tracking code: <b>{ $code }</b>
    Keep it to check the status (/status { $code }). Thank you!
report-location-kept = Location noted.
report-media-added = { $count } file(s) received.
report-media-full = A tip can carry at most { $max } files.
report-media-later = You can send photos and videos in a later step.
report-pick-category-first = Noted. Please pick a category with the buttons above.
report-text-clipped = Text beyond { $max } characters was cut.
report-text-added = Added to the description.
report-use-buttons = Please use the buttons above.
report-already-sent = This tip was already sent (code { $code }).
report-summary-closed = This summary is no longer in use: the report was cancelled, or you started another one.
report-not-understood = This step needs something else. Follow the instructions above, or /cancel.
summary-ward = Goes to
summary-none = not chosen
summary-triage = the province's triage desk
summary-category = Category
summary-what = What happened
summary-where = Where
summary-location = Location shared
summary-when = When
summary-media = Attachments: { $count }
summary-anonymous = Anonymous
summary-identified = Name and phone given

when-now = Happening now
when-now-at = Happening now ({ $time })
when-today = Today
when-earlier = Earlier

category-scam = Scam or fraud
category-drugs = Drugs
category-racing = Street racing
category-theft = Theft or robbery
category-stranger = Suspicious stranger
category-disorder = Fighting or disorder
category-other = Something else

draft-offer = Do you want to send this to the ward police as a tip?
draft-dropped = All right, nothing was sent.
draft-expired = That text is no longer available. Write it again or tap /report.
flood-tips = You have sent many tips in a short time (at most { $limit } per hour). This one is kept: tap “Send tip” again in a few minutes.
flood-messages = You are writing very fast. Everything is received and will be handled in order; please wait a moment.

## Status

status-usage = Type /status followed by your tracking code, e.g. /status K7M4-QX9A
status-unknown = No tip { $code } of yours was found.
status-line = Tip { $code } ({ $date }) — { $ward }: { $state }
status-new = received, waiting for an officer
status-claimed = an officer is handling it
status-resolved = resolved
status-valuable = judged valuable
status-question-waiting = an officer is waiting for your answer
mytips-title = Your tips:
mytips-none = You have not sent any tips yet.

## Two-way, anonymous

relay-question = ❓ The ward officer asks about tip { $code }:
relay-how-to-answer = Tap “Answer” or reply to this message. The officer never sees your account.
answer-prompt = Type your answer for tip { $code }.
answer-sent = Your answer was passed to the officer (tip { $code }).

## Ward inbox (officers)

card-title = Tip #{ $code }
card-no-ward = Ward unknown
card-place = Place
card-when = When
card-received = Received
card-attachments = 📎 { $count } attachment(s)
card-location = 📌 Location shared
card-attachment-unprocessable = #{ $code }: a picture the tipster sent is too large or unreadable, so it could not be cleaned (location and device data removed) for officers. You can ask the tipster for a smaller one.
card-tipster-anonymous = Tipster: anonymous
card-tipster-identified = Tipster: { $identity }
card-status-new = 🆕 Not claimed
card-status-claimed = 👮 { $officer } is handling it
card-status-resolved = ✅ Resolved
card-valuable = 👍 Valuable
card-not-valuable = 👎 Not valuable
card-last-action = { $officer }: { $action } at { $time }
card-transferred-away = ↪ Transferred to { $ward }. This copy is kept as a trace.
event-created = created
event-routed = routed
event-unrouted = no inbox
event-claimed = claimed
event-assessed = assessed
event-resolved = resolved
event-transferred = transferred
event-asked = asked the tipster
btn-claim = 👮 Claim
btn-ask = ❓ Ask tipster
btn-valuable = 👍 Valuable
btn-not-valuable = 👎 Not valuable
btn-resolve = ✅ Resolved
btn-transfer = ↪ Transfer
ask-prompt = ❓ { $officer }, reply to this message with your question for the tipster of #{ $code }. They get it from the bot and never see your account.
transfer-prompt = ↪ { $officer }, to transfer #{ $code }: reply to this message with the receiving ward's name or code, then “ - ” and the reason. Example: Cua Nam - the place is in Cua Nam
inbox-reply-text-only = Only text messages are passed on to the tipster of #{ $code } (not photos, voice notes or stickers). Reply to the card with your question written out.
inbox-transfer-text-only = To transfer #{ $code }, reply to the transfer message in text: the receiving ward's name or code, then “ - ” and the reason.
transfer-pick = Choose the ward to receive #{ $code }:
inbox-tipster-says = 💬 The tipster of #{ $code } answers:
action-claimed = You claimed tip { $code }.
action-valuable = Tip { $code } judged valuable.
action-not-valuable = Tip { $code } judged not valuable.
action-resolved = Tip { $code } marked resolved.
action-transferred = Tip { $code } transferred.
action-asked = Your question was sent to the tipster of { $code }.
action-fail-not-found = No such tip within your scope.
action-fail-forbidden = You may not do this.
action-fail-resolved = This tip is already resolved.
action-fail-already-claimed = { $by } has already claimed this tip.
action-fail-same-ward = The tip is already in this ward.
action-fail-not-officer = Only registered officers of this ward can do this.
bind-usage = Send /bind followed by the binding code from your administrator, e.g. /bind 7KQ4MX9ARB
bind-done = ✅ This group is now the tip inbox of { $ward }. New tips will appear here.
bind-invalid = That binding code is not valid.
bind-used = That binding code was already used.
bind-expired = That binding code has expired. Ask for a new one.
bind-not-officer = Only registered officers of that ward can bind a group.
inbox-not-bound = This group is not a ward's inbox yet. Use /bind <code>.
queue-title = Open tips of { $ward } ({ $count }), oldest first:
queue-line = • #{ $code } · { $category } · since { $since } · { $state }
queue-empty = { $ward } has no open tips.
stats =
    This month's figures for { $ward }:
    • Tips received: { $received }
    • Valuable: { $valuable }
    • Resolved: { $resolved }
    • Median time to first action: { $median } min
group-welcome = Hello! To make this group a ward's tip inbox, a registered officer sends /bind <binding code>.

error-not-found = { $what } not found.
error-forbidden = You may not do this.

## Scam check

check-prompt = Send or forward me the suspicious message, phone number, bank account or link. I will tell you at once whether it is a known scam.
check-nothing-found =
    I found no phone number, bank account or link in this message.
    Common signs of fraud: callers claiming to be police, a bank or the power company asking for money; links to "verify your account"; requests for OTP codes; easy jobs with high pay or prizes. The police never ask for money over the phone.
check-confirmed = ⛔ FRAUD CONFIRMED BY THE POLICE: { $indicator } (tactic: { $tactic }).
check-confirmed-do = Do not transfer money, do not open the link, never read out an OTP code. If you have paid or are being threatened, call 113 or your ward police now.
check-reported = ⚠️ { $indicator } has been reported as suspicious by { $count } residents (since { $since }); not yet confirmed by the police. Be very careful and do not transfer money.
check-lookalike = ⚠️ { $indicator } looks like { $brand }'s site but is NOT the official one. Never enter your account, password or OTP there.
check-unknown = Nothing known about: { $indicators }. That does not mean it is safe.
check-signs = Signs of fraud: callers claiming to be police, a bank or the power company; demands to move money to a "holding" or "verification" account; strange links; OTP requests; pressure and threats. When in doubt: hang up, call the official number back, or call 113.
check-recorded = Your question was passed on anonymously to the police (code { $code }) to warn others.

tactic-fake-police = Impersonating police, procuracy or courts
tactic-fake-police-advice = The police do not work by phone or social media and never ask you to move money to a "holding account".
tactic-fake-bank = Impersonating a bank
tactic-fake-bank-advice = Banks never send links asking you to log in and never ask for OTP codes. Use only the bank's official app.
tactic-fake-utility = Impersonating power, water or telecom staff
tactic-fake-utility-advice = The power company does not call to demand money or have you install an app to avoid a cut-off. Call its official hotline.
tactic-fake-delivery = Fake delivery
tactic-fake-delivery-advice = Do not pay or open "delivery fee" links for parcels you did not order.
tactic-job = Easy jobs, paid tasks
tactic-job-advice = No real job asks you to pay first to earn commission. Do not pay more to "withdraw".
tactic-investment = Investment, crypto, trading platforms
tactic-investment-advice = High, certain returns are a sign of fraud. Do not pay into platforms or online "expert" groups.
tactic-loan = Online loans
tactic-loan-advice = Do not pay "application" or "disbursement" fees before a loan; never send ID photos to strangers.
tactic-prize = Prizes and gifts
tactic-prize-advice = Nobody makes you pay to receive a prize. Do not pay "tax" or "gift fees".
tactic-account-takeover = Hijacked social media accounts
tactic-account-takeover-advice = A friend messaging to borrow money? Call them (voice or video) before you transfer anything.
tactic-other = Other fraud
tactic-other-advice = Stop, do not transfer money, and ask your ward police.

## Indicators in tips (officers' inbox)

card-priority = ⚠️ Indicators in this tip were reported { $count } more times
card-indicators = 🔎 Indicators:
card-indicator-line = • { $value } — { $status } · reported { $count } times
indicator-status-reported = not verified
indicator-status-confirmed = ⛔ fraud ({ $tactic })
indicator-status-cleared = ✔ not fraud
btn-indicators = 🔎 Verify indicators
btn-indicator-confirm = ⛔ { $value }
btn-indicator-clear = ✔ Not fraud
indicators-title = Indicators in tip #{ $code }: tap ⛔ to confirm fraud, ✔ if not.
indicator-pick-tactic = Which fraud tactic is it? (residents who ask will be warned about it)
indicator-confirmed = { $value } confirmed as fraud: { $tactic }.
indicator-cleared = { $value } recorded as not fraud.
event-indicator-confirmed = confirmed fraud
event-indicator-cleared = cleared an indicator
scams-title = Most reported fraud indicators this week in { $ward }:
scams-empty = No fraud indicators reported this week in { $ward }.
scams-line = • { $value } — { $count } times · { $status }

## Warning campaigns (neighbourhood groups, residents who subscribed)

campaign-attach-hint = If this is a residents' group that receives the ward's warnings, a registered officer sends /attach <ward code> (tags may follow, e.g. #market #school).
campaign-attach-usage = Usage: /attach <5-digit ward code> [#tag …]
campaign-attach-inbox = This group is an officers' tip inbox; it cannot receive the warnings sent to residents.
campaign-attached = This group is attached to { $ward }: it will receive the warnings of { $ward }'s police. Tags: { $tags }
subscribe-no-ward = You have not chosen a ward yet. Send /ward to choose one, then /subscribe again.
subscribe-done = You are subscribed to the fraud warnings of { $ward }'s police. Send /unsubscribe to stop.
unsubscribe-done = Unsubscribed: you will receive no more warnings.
unsubscribe-none = You are not subscribed to warnings.
campaign-not-allowed = Only officers entrusted with warnings for that area can do this.
campaign-untitled = Warning
campaign-compose-start = Compose a warning: send the content (formatted text, a photo, video, document or an album), or pick a template by fraud tactic:
campaign-dropped = The warning being composed was dropped.
campaign-area-ask = To which area?
campaign-wards-ask = Send the codes of the wards (5 digits) or provinces (2 digits), separated by spaces.
campaign-audience-ask = To whom?
campaign-tags-ask = Send the group tags (e.g. #market #apartments): only groups with one of them receive the warning.
campaign-preview-title = Preview: recipients will see exactly this.
campaign-preview-audience = It will go to { $groups } groups ({ $members } members) and { $residents } subscribers.
campaign-schedule-ask = When? Type “HH:MM” (today) or “DD/MM HH:MM” (Vietnam time).
campaign-scheduled = ⏰ Will be sent at { $at }.
campaign-status-line = 📣 Campaign #{ $id } “{ $title }”: { $status }
campaign-figures = Recipients: { $targeted } · sent: { $sent } · pending: { $pending } · blocked: { $blocked } · reach: { $reach } people · replies: { $replies }
campaign-skipped = Skipped (cancelled, unsubscribed, group gone): { $count }
campaign-unconfirmed = Unconfirmed (a worker stopped mid-send; never resent): { $count }
campaign-failed = Errors: { $list }
campaign-state-scheduled = scheduled
campaign-state-running = sending
campaign-state-paused = paused
campaign-state-cancelled = cancelled
campaign-state-done = done
campaigns-empty = You have sent no warning campaign yet. Send /warn to compose one.
campaign-pause-done = Paused.
campaign-resume-done = Sending again.
campaign-cancel-done = Cancelled: nothing more will be sent.
campaign-wrong-state = The campaign is not in a state that allows this.
btn-campaign-send = 📣 Send now
btn-campaign-schedule = ⏰ Schedule
btn-campaign-quit = ✖ Drop
btn-campaign-pause = ⏸ Pause #{ $id }
btn-campaign-resume = ▶ Resume #{ $id }
btn-campaign-cancel = ✖ Cancel #{ $id }
btn-campaign-area-ward = { $ward }
btn-campaign-area-province = The whole province
btn-campaign-area-all = The whole country
btn-campaign-area-pick = Choose wards…
btn-campaign-aud-both = Groups and subscribers
btn-campaign-aud-groups = Groups only
btn-campaign-aud-residents = Subscribers only
btn-campaign-aud-tags = Groups with tags…
campaign-tpl-fake-police-title = Fake police, prosecutors
campaign-tpl-fake-police =
    ⚠️ WARNING: FAKE POLICE CALLS
    Callers claiming to be police, prosecutors or court staff say you are involved in a case and ask you to transfer money to a “holding account” or install an app.
    The police never work by phone, never ask for money, never send app links.
    Hang up, transfer nothing, and tell your ward police or call 113.
campaign-tpl-fake-bank-title = Fake bank links
campaign-tpl-fake-bank =
    ⚠️ WARNING: FAKE BANK LINKS
    Messages say your “account is locked”, ask you to “update biometrics” or “claim a refund”, with a link to a copy of your bank's site that steals passwords and OTP codes.
    Banks never send links asking you to log in or for an OTP.
    Do not click; call the number on your card to check.
campaign-tpl-fake-utility-title = Fake electricity, water staff
campaign-tpl-fake-utility =
    ⚠️ WARNING: FAKE UTILITY STAFF
    Callers say your power or water will be cut for unpaid bills and ask you to add them on Zalo, install an app or transfer money now.
    Pay through official apps and counters; call the utility's hotline to check. Never install an app a stranger tells you to.
campaign-tpl-fake-delivery-title = Fake couriers, parcels
campaign-tpl-fake-delivery =
    ⚠️ WARNING: FAKE COURIERS
    Strangers announce a parcel and ask you to prepay “shipping” or “COD fees”, or to click a link to “confirm the order”.
    Accept only what you ordered, check it in the shopping app; never pay strangers or click their links.
campaign-tpl-job-title = Easy jobs, online “tasks”
campaign-tpl-job =
    ⚠️ WARNING: “EASY JOBS, HIGH PAY”
    Offers to like posts or review products for commission pay real money at first, then demand large deposits to “withdraw your commission”.
    No job makes you pay first. Stop at once and tell your ward police.
campaign-tpl-investment-title = High-return investments, crypto
campaign-tpl-investment =
    ⚠️ WARNING: HIGH-RETURN INVESTMENTS
    “Expert” groups invite you to invest in stocks, crypto or gold with high, certain returns; a fake platform shows your money growing but never lets you withdraw.
    High, guaranteed returns mean fraud. Never deposit on unlicensed platforms.
campaign-tpl-loan-title = Online loans
campaign-tpl-loan =
    ⚠️ WARNING: ONLINE LOANS
    Apps and sites promise quick loans without collateral, then demand “file fees” or “loan insurance” before paying out, or collect by shaming your relatives.
    Pay no fees up front, send no ID photos to strangers; borrow from licensed banks and finance companies.
campaign-tpl-prize-title = Prizes, gifts
campaign-tpl-prize =
    ⚠️ WARNING: FAKE PRIZES
    Messages say you won a motorbike, a phone or cash and ask you to pay “tax” or a “gift fee” first.
    Nobody makes you pay to receive a prize. Transfer nothing and give no personal details.
campaign-tpl-account-takeover-title = Hijacked accounts, friends asking for money
campaign-tpl-account-takeover =
    ⚠️ WARNING: FRIENDS ASKING FOR MONEY
    Fraudsters take over a friend's Facebook or Zalo account and ask for an urgent loan, sometimes with a few seconds of deepfake video call.
    Call that person directly on the phone before transferring anything.

## Zalo (no buttons: choices are typed as numbers)

zalo-menu =
    The ward and commune police tip line. Type a number:
    1. Report something
    2. My reports
    3. Choose my ward
    4. Get scam warnings
    5. Check a phone number, account or link
    Type "cancel" to stop, "menu" to see this again. Reports can be anonymous: officers never see your Zalo account. Emergencies: call 113.
zalo-pick-number = Please type a number from 1 to { $max }.
zalo-ward-ask = Which ward or commune are you in? Type its name (without accents is fine, names from before the 2025 merger too) or send your location.
zalo-ward-pick = Type a number to choose (or type another name):
zalo-category-ask = The report goes to { $ward }. What is it about? Type a number:
zalo-where-ask = Where did it happen? Type an address or send your location. Type 0 to skip.
zalo-when-ask = When did it happen? Type a number, or type the time:
zalo-media-ask = Send any photos, videos or files here (up to 10). Type 0 when done.
zalo-media-added = Received { $count } file(s). Send more, or type 0 to go on.
zalo-anonymous-ask =
    1. Stay anonymous
    2. Give the officers my name and phone number
zalo-confirm-ask = Type 1 to SEND the report, 2 to cancel.
zalo-draft-offer = Send this to the ward police as a report? Type 1 to send now, 2 to report step by step, 3 to skip.
zalo-report-sent =
    ✅ Report sent to { $ward } at { $time }.
    Your tracking code: { $code }
    Type "status { $code }" to see how it is going. Thank you!
zalo-flood-tips = You have sent many reports in a short time (at most { $limit } an hour). This one is kept: type 1 to send it in a few minutes.
zalo-status-usage = Type "status" and the tracking code, for example: status K7M4-QX9A
zalo-answer-how = To answer, just write your answer here. Officers never see your Zalo account.
zalo-check-prompt = Send me the suspicious message, phone number, bank account or link. I will tell you whether it is on the scam list.
zalo-subscribe-no-ward = You have not chosen a ward yet. Type 3 to choose one, then 4 to subscribe.
zalo-subscribe-done = You will get the scam warnings of { $ward } police. Type "unsubscribe" to stop.
zalo-unsupported = I cannot read this kind of message yet. Type text, or send a photo, file or location. Type "menu" to see what I can do.
zalo-cancelled = Cancelled. Type "menu" to see what I can do.
zalo-location-kept = Location noted.
zalo-use-numbers = Please choose by typing a number. Type "cancel" to stop.
card-channel = Channel: { $channel }
inbox-relay-waiting = ⏳ The question about #{ $code } is not sent yet: the tipster uses Zalo and it is more than { $hours } hours (or the free replies are used up) since their last message. Zalo does not allow messaging them first; the question goes out as soon as they write again.
inbox-relay-unreachable = ⚠️ The question about #{ $code } could not be sent: the tipster blocked or unfollowed us on Zalo.

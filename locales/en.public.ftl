## Public tip page (web), for residents

public-report-title = Send a tip to the ward or commune police
public-report-intro = No account needed. Tips can be anonymous: officers do not know who you are unless you choose to give your name and phone number. Your IP address is not kept with the tip.
public-emergency = ⚠️ In an emergency, call 113 now.
public-honeypot = Leave this field empty
public-ward-legend = 1. Ward or commune to send to
public-ward-search = Search for a ward or commune (without accents is fine, so is a name from before the merger)
public-ward-search-button = Search
public-ward-pick = Choose the ward or commune:
public-ward-this = The tip will go to:
public-ward-none = No ward or commune matches “{ $query }”. Try again, adding the former district or the province.
public-ward-narrow = { $count } places match “{ $query }”, in: { $places }. Add the province or former district to the search (e.g. “{ $query } Đồng Nai”) to narrow them down.
public-ward-first = Type the name of a ward or commune and press “Search” to choose where the tip goes.
public-details-legend = 2. What happened
public-category = Kind of matter
public-text = Describe what happened: who, doing what, how to recognise them (number plate, phone number, bank account…)
public-place = Place (optional)
public-when = When it happened (optional)
public-location = Position on a map (optional): only if you want the officers to know this place.
public-lat = Latitude
public-lng = Longitude
public-locate = 📍 Use my current location
public-locate-done = Location filled in.
public-locate-failed = Could not get the location; you can skip it.
public-identity-legend = 3. Anonymous or named
public-anonymous = Stay anonymous
public-identified = Give the officers my name and phone number so they can contact me
public-identity = Name and phone number (only if not anonymous)
public-photos-legend = 4. Photos (optional)
public-photos = Up to { $max } photos, each under { $mb } MB. Location and device data in the photos are removed before they are kept.
public-send = Send the tip
public-status-link = Check a tip you sent

public-error-ward = Choose the ward or commune to send to.
public-error-category = Choose the kind of matter.
public-error-text = Describe what happened (at most { $max } characters).
public-error-too-long = The place or the time is too long.
public-error-location = The location is not right: give both latitude (-90 to 90) and longitude (-180 to 180), or leave both empty.
public-error-identity = Write your name and phone number, or choose to stay anonymous.
public-error-photo = A file is not a photo or could not be read. Only photos can be sent.
public-error-photo-count = At most { $max } photos can be sent.
public-error-photo-size = Each photo must be under { $mb } MB.
public-error-form = The form that was sent is not right. Reload the page and try again.
public-photos-again = The photos you chose were not sent: choose them again before sending.
public-rate-limited = Many tips were sent from your network in the last few minutes, so no more are taken for now. What you wrote is still below: press send again in about { $minutes } minutes.
public-rate-limited-status = Many look-ups came from your network in the last few minutes. Try again in about { $minutes } minutes.
public-unavailable = The service is briefly unavailable, so the tip was not taken. What you wrote is still below: press send again in a moment.
public-unavailable-status = The service is briefly unavailable, so the tip could not be looked up. Try again in a moment.
public-unavailable-answer = The service is briefly unavailable, so your answer was not sent. What you wrote is still below: press send again in a moment.

public-sent-title = Tip sent
public-sent = Your tip was sent to { $ward }. Thank you!
public-code = Tracking code
public-key = Status key
public-keep = Write down both the tracking code and the status key, and keep them private. Both are needed to see the tip's status and the officers' questions. The status key is not stored anywhere, so it cannot be given again.
public-status-now = See the tip's status
public-status-later = Later, open { $url } and enter the tracking code and the status key.
public-new-report = Send another tip

public-status-title = Tip status
public-status-intro = Enter the tracking code and the status key you were given when you sent the tip.
public-status-show = Show
public-status-not-found = No tip was found with this code and status key. Please check them.
public-tip-title = Tip { $code }
public-thread = Exchange with the officers
public-thread-none = The officers have not asked anything yet. Check again later.
public-officer-asks = An officer asks
public-you-answered = You answered
public-answer = Your answer (the officers do not know who you are)
public-answer-send = Send the answer
public-answer-sent = Your answer was passed on to the officers.
public-answer-closed = This tip takes no more answers.
public-error-answer = Write an answer (at most { $max } characters).

## Ward inbox (officers)

public-inbox-relay-web = 🌐 Tip #{ $code } came from the web page: the tipster sees the question only when they open the tip's status page themselves (nothing is pushed to their phone). On the dashboard the question shows as relayed once they have seen it.

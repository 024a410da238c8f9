# The category guessed from a one-tap tip's text, and the tipster changing it (issue 17).
report-sent-guessed = Category: <b>{ $category }</b> (guessed from your text). Not right? Tap “Change category”.
btn-change-category = 🏷 Change category
report-ask-new-category = Pick the right category for tip { $code }:
report-category-changed = Tip { $code } is now filed as: { $category }. The officers will see the new category.
report-category-unchanged = Tip { $code } stays filed as: { $category }.
report-category-closed = Tip { $code } has been dealt with, so its category can no longer be changed.
report-category-not-found = No tip { $code } of yours was found.
zalo-report-sent-guessed = Category: { $category } (guessed from your text). If that is not right, type a number to change it:
zalo-confirm-change-category = Type 3 to change the category.
zalo-category-change-ask = Pick the right category. Type a number:
event-category-changed = tipster changed the category

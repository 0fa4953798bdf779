# Shared by every page: the frame, the account menu, error pages.
# Every message may use { $product }, the operator's product name.

language-name = English
language-label = Language
language-apply = Change
page-title-suffix = { $product }
footer-help = Help
footer-privacy = Privacy
skip-to-content = Skip to content

# The account menu (SPEC §5).
menu-label = Accounts
menu-button = Account menu
menu-settings = Settings
menu-teams = Teams
menu-switch-to = Switch to { $name } ({ $email })
menu-add-account = Add a new account
menu-sign-out = Sign out
menu-sign-out-all = Sign out of all accounts

# Error pages: plain words and a way forward.
error-back-home = Go to your account
error-try-again = Try again
error-details = Details for developers
error-failed-title = That did not work
error-not-found-title = Page not found
error-not-found = There is nothing at this address.
error-internal-title = Something went wrong
error-internal = { $product } could not complete this request. Please try again in a moment.
error-unreadable-form = This form could not be read. Reload the page and try again.
error-unreadable-address = This address could not be read.
error-csrf = This form expired or was not sent from { $product }. Go back, reload the page and try again.
error-csrf-title = Please send the form again
error-too-many-title = Too many attempts
error-too-many = Too many attempts from here. Wait { $seconds } seconds, then try again.
error-rendering = The page could not be shown.

request-unavailable-title = This sign-in was started in another browser or has expired
request-unavailable = For your safety, a sign-in continues only in the browser that started it, for up to an hour. Go back to the application and sign in again from this browser.
request-unavailable-back = Back to { $client }
request-unavailable-sign-in = Sign in to your account

check-email-title = Check your email
check-email = We sent a link to { $email }. Open it to confirm your address and finish creating your account. The link works for 24 hours.
check-email-back = Back to sign in

form-sending = Sending…
password-show = Show password
password-hide = Hide password
cancel = Cancel
continue = Continue

# A browser and system as people name them ("Chrome on Android"); the names of
# browsers and systems are not translated.
device-a-browser = A browser
device-on = { $browser } on { $os }

# A form sent after its page's token expired (the browser lost its cookie): what
# was typed is shown again, secrets are asked for again.
form-expired-title = Send that again?
form-expired = This page was open a long time, or your browser's cookies were cleared, so the form could not be sent. What you typed is kept: check it and send it again.
form-expired-password = Password
form-expired-new-password = New password
form-expired-current = Current password
form-expired-code = Code
form-expired-send = Send again
form-expired-cancel = Cancel

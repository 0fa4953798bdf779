# Sign-in pages: captcha, confirmation, errors, two-step setup (issue 13 §4).
# Every message may use { $product }, the operator's product name.

# The "I'm not a robot" widget while it works (static/js/captcha.js reads these
# from the page). { $percent } is how far the check got, 0 to 100.
captcha-checking = Checking…
captcha-checking-progress = Checking… { $percent }%
captcha-progress-label = Progress of the robot check
captcha-verified = Verified
captcha-failed = Could not verify. Tick the box to try again.
captcha-tick-first = Tick “I'm not a robot” first.
captcha-wait = The form is sent as soon as the check is done.

# After the confirmation link was used in another browser than the one that
# signed up: the sign-in form, with the username filled in.
confirm-done-sign-in = Your email is confirmed. Sign in to continue.

# "Check your email" after signing up: sending the link again.
check-email-resend-intro = No email after a few minutes? Check your spam folder, or send the link again.
check-email-resend = Resend
check-email-resent = If { $email } is waiting to be confirmed, we sent it a new link. It works for 24 hours; earlier links no longer do.

# "Sign in as someone else" and the like: back to the sign-in form.
back-to-sign-in = Back to sign in

# /authorize requests that cannot go back to the app (its address is not known,
# or not registered): plain words here, the technical detail folded away.
authorize-invalid-title = This sign-in link is not valid
authorize-unknown-app = The app that sent you here is not known to { $product }, so you cannot sign in to it from this link. Go back to the app and try again; if it happens again, tell the app's support.
authorize-bad-return = The app that sent you here gave an address to come back to that { $product } does not know for it, so the sign-in cannot go on. Go back to the app and try again; if it happens again, tell the app's support.
authorize-bad-request = The app that sent you here asked in a way { $product } cannot accept, so the sign-in cannot start. Go back to the app and try again; if it happens again, tell the app's support.
# A link back to the relying app (its client_uri), { $client } its name.
back-to-app = Back to { $client }

# A pending sign-in request that expired in the browser that started it.
request-expired-title = This sign-in request has expired
request-expired = A sign-in started from { $client } waits for an hour. Go back to { $client } and sign in again from there.

# RP-initiated logout links that cannot be followed.
logout-invalid-title = This sign-out link is not valid
logout-invalid = The app that sent you here asked to sign you out in a way { $product } cannot accept. You are still signed in. Go back to the app, or sign out with the account menu.

# Pages that say "ask for a new one": the link that does it.
reset-ask-again = Ask for a new link
confirm-invalid-sign-in = Sign in to get a new link
confirm-superseded-settings = Go to Settings

# "Add a new account" (/login?add=1): "You are signed in as <strong>EMAIL</strong>. …"
login-add-before = You are signed in as
login-add-after = . Sign in to another account to add it to this browser; you stay signed in to this one.

# Two-step setup and recovery codes: copying and downloading.
copy = Copy
copied = Copied
copy-failed = Could not copy. Select the text and copy it yourself.
two-step-copy-key = Copy the key
two-step-codes-copy = Copy the recovery codes
two-step-codes-download = Download
two-step-codes-download-label = Download the recovery codes as a text file
# The text file of recovery codes ({ $account } is the account's email).
two-step-codes-file-heading = { $product } recovery codes for { $account }
two-step-codes-file-note = Each code signs you in once, instead of a code from your authenticator app. Keep this file somewhere safe.

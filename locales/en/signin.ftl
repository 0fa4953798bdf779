# Signing in, signing up and what comes with it: the pages before an account is
# in use. Every message may use { $product }, the operator's product name.
# Where a sentence holds markup (a name in bold, a link), it is split around it:
# "-before" / "-after" parts, the markup between them.

# Shared by the sign-in pages: "to continue to <strong>CLIENT</strong>".
signin-continue-to = to continue to

# /login: "Email or username", "Password", "Keep me signed in", "Sign In".
login-title = Sign in
login-identifier = Email or username
login-password = Password
login-remember = Keep me signed in
login-submit = Sign In
login-trouble = Trouble signing in?
login-with = Sign in with { $name }
login-new-here = New here?
login-create-account = Create Account
login-missing = Enter your email or username and your password.
login-too-long = That email, username or password is too long.
login-too-many = Too many attempts. Wait { $seconds } seconds, then try again.
login-no-match = That email or username and password do not match an account.
login-disabled = This account is disabled. Contact your administrator.

# /login/code: the "Code" step of two-step verification.
login-code-title = Two-step verification
login-code-intro = Enter the 6-digit code from your authenticator app, or one of your recovery codes.
login-code-label = Code
login-code-submit = Verify
login-code-someone-else = Sign in as someone else
login-code-ended-title = Sign in again
login-code-expired = This sign-in expired, was already completed, or had too many wrong codes. Go back to the sign-in page and start again.
login-code-too-many = Too many tries. Wait { $seconds } seconds, then try again.
login-code-last = That code is not right, and that was the last try for this sign-in. Go back to the sign-in page, sign in again, then enter the current code.
login-code-wrong = That code is not right, or it was already used. Enter the current code.

# /accounts: the account chooser ("Add a new account" is menu-add-account).
accounts-title = Choose an account
accounts-gone = That account is no longer signed in here. Sign in again.

# /consent: a third-party application asks for scopes.
consent-title = Allow access
consent-heading = Allow { $client }?
# "Signed in as <strong>ACCOUNT</strong>. <strong>CLIENT</strong> asks to:"
consent-signed-in-as-before = Signed in as
consent-signed-in-as-after = .
consent-asks-to = asks to:
consent-allow = Allow
consent-deny = Deny
consent-scope-openid = Know who you are on { $product }
consent-scope-profile = See your name, username and photo
consent-scope-email = See your email address
consent-scope-offline-access = Stay connected when you are not using it
consent-scope-teams = See the teams you belong to
consent-scope-other = Use an additional permission of this application

# /signup: "Email", "Username", "Password", the "Terms of Use" checkbox.
signup-title = Create your account
signup-email = Email
signup-username = Username
signup-username-hint = 3–32 characters: a–z, 0–9, '.', '_' or '-'.
signup-password = Password
signup-password-hint = At least 8 characters.
# "I agree to the <a>Terms of Use</a>"
signup-terms-before = I agree to the
signup-terms-link = Terms of Use
signup-submit = Create free account
signup-with = Sign up with { $name }
signup-have-account = Already have an account?
signup-sign-in = Sign in
signup-username-taken = This username is taken. Choose another.
signup-terms-required = Agree to the Terms of Use to create an account.
signup-closed-title = Sign-up is closed
signup-closed = New accounts cannot be created here. Ask your administrator for an account.

# /confirm: the link from a confirmation or email-change message.
confirm-title = Confirm your email
confirm-intro = Confirm that this email address belongs to you.
confirm-submit = Confirm email
confirm-invalid-title = This link has expired
confirm-invalid = The link is invalid, was already used, or has expired. Sign in to get a new one.
confirm-superseded-title = This link was replaced
confirm-superseded = This address is no longer the one your account waits to confirm: a newer link was sent, or the account's address changed since. Use the newest link, or ask for a new one in Settings.
confirm-taken-title = That address is taken
confirm-taken = Another account uses this email address now. Choose a different one in Settings.
confirm-changed-title = Your email is changed
confirm-changed = Your account now uses this address.
confirm-resend-expired-title = Sign in again
confirm-resend-expired = This page expired. Sign in again to get a new link.

# "Confirm your email first": a sign-in of an account not confirmed yet.
confirm-first-title = Confirm your email
confirm-first-heading = Confirm your email first
# "Your account's address <strong>EMAIL</strong> is not confirmed yet. …"
confirm-first-address-before = Your account's address
confirm-first-address-after = is not confirmed yet. Open the confirmation link sent to it, then sign in.
confirm-first-no-link = No link, or it expired? Check your spam folder, or send a new one.
confirm-first-resend = Resend confirmation email

# /recover ("Trouble signing in?"): "Email", "I'm not a robot", "Submit".
recover-title = Trouble signing in?
recover-intro = Enter the email of your account. We will send your username and a link to choose a new password.
recover-email = Email
recover-robot = I'm not a robot
recover-submit = Submit
recover-back = Back to sign in
recover-sent = If an account uses { $email }, we sent it an email with its username and a link to choose a new password. The link works once, within one hour.

# The robot check of /recover, when it does not pass.
captcha-missing = Tick "I'm not a robot" and wait until it is checked.
captcha-malformed = The robot check could not be read. Reload the page and try again.
captcha-forged = The robot check was not issued by this server.
captcha-unsolved = The robot check was not solved.
captcha-expired = The robot check expired. Tick "I'm not a robot" again.
captcha-replayed = The robot check was already used. Tick "I'm not a robot" again.
captcha-rejected = The robot check service did not accept the answer.
captcha-unavailable = The robot check service could not be reached. Try again in a moment.

# /reset: "New password", "Reset password".
reset-title = Choose a new password
reset-password = New password
reset-password-hint = At least 8 characters.
reset-submit = Reset password
reset-invalid-title = This link has expired
reset-invalid = The link is invalid, was already used, or has expired. Ask for a new one.
reset-done-title = Your password is set
reset-done = You can now sign in with your new password.
reset-sign-in = Sign in

# /reauth ("Confirm it's you") before a sensitive change ("Continue", "Cancel"
# are common).
reauth-title = Confirm it's you
reauth-intro-password = This change needs a recent sign-in. Enter your password to go on.
reauth-intro-again = This change needs a recent sign-in. Sign in again to go on.
reauth-signed-in-as = Signed in as { $email }
reauth-password = Password
reauth-code = Code
reauth-code-help = The 6-digit code from your authenticator app, or a recovery code.
reauth-continue-with = Continue with { $name }
# "… Set a password with <a>Trouble signing in?</a> first."
reauth-no-way-before = Your account has no way to sign in again here. Set a password with
reauth-no-way-link = Trouble signing in?
reauth-no-way-after = first.
reauth-no-password = Your account has no password: continue with the service you sign in with.
reauth-wrong-password = That password is not right. Try again.
reauth-wrong-code = That code is not right. Enter the current code from your app, or a recovery code.

# /logout: RP-Initiated Logout asks before signing out.
logout-title = Sign out
logout-heading = Sign out?
# "<strong>CLIENT</strong> asks to sign you out of … as <strong>ACCOUNT</strong>."
logout-client-asks = asks to sign you out of { $product } as
logout-confirm = Sign out of { $product } as
logout-as-after = .
logout-submit = Sign out
logout-done-title = You are signed out
logout-done = You have been signed out of { $product }.
logout-done-close = You have been signed out of { $product }. You can close this tab and go back to the app.
logout-sign-in-again = Sign in again

# /invite: the link from a team invitation.
invite-title = Join { $team }
# "You are signed in as <strong>ACCOUNT</strong>."
invite-signed-in-as-before = You are signed in as
invite-signed-in-as-after = .
invite-accept = Accept invitation
invite-other-account = Use another account
# "You were invited to the team <strong>TEAM</strong>. Sign in, …"
invite-invited-before = You were invited to the team
invite-invited-after = . Sign in, or create an account, to accept.
invite-sign-in = Sign in to accept
invite-new-here = New here?
invite-create-account = Create Account
invite-invalid-title = This invitation link does not work
invite-invalid = The link is not a whole invitation, or the invitation was already accepted. If you accepted it, the team is under Teams once you sign in; otherwise ask the person who invited you for a new one.

# /federate: "Sign in with NAME" (an upstream identity provider, { $name }).
federate-failed-title = Sign-in did not work
federate-unreachable = { $name } could not be reached. Try again in a moment.
federate-refused = { $name } did not sign you in. Try again, or sign in another way.
federate-invalid = The sign-in with { $name } could not be verified, so it was not accepted.
federate-bad-state = This sign-in link expired or was not started in this browser. Start again.
federate-bad-email = { $name } sent an email address that is not valid, so the sign-in was not accepted. Correct your email address at { $name }, or sign in another way.
federate-unknown-title = Unknown sign-in method
federate-unknown = This server has no such sign-in method.
federate-disabled-title = This account is disabled
federate-disabled = Contact your administrator.
federate-no-email-title = No email address
federate-no-email = { $name } did not share an email address, which a { $product } account needs.
federate-exists-title = You already have an account
federate-exists-unconfirmed = An account already uses { $email }. Sign in with your password. { $name } did not confirm that this address is yours, so it cannot be linked.
federate-link-title = Link your account
federate-link = An account already uses { $email }. Sign in to it with your password to link { $name }; after that you can use either.
federate-link-sign-in = Sign in to link
federate-lookalike-title = You may already have an account
federate-lookalike = An account already uses an address that looks the same as { $email }, so no account can be made with it. Sign in to that account, or sign up with another address.
federate-unconfirmed-title = Email address not confirmed
federate-unconfirmed = { $name } has not confirmed that { $email } is yours, so no account can be made with it. Confirm it at { $name }, or sign up with a password.

invite-expired-title = This invitation has expired
invite-expired = The invitation from { $inviter } to join “{ $team }” has expired. Ask for a new one: { $inviter } gets a message and can invite you again.
invite-expired-ask = Ask for a new invitation
invite-renewal-asked-title = New invitation asked for
invite-renewal-asked = { $inviter } was told that you would like a new invitation. It will come to { $email }.
invite-renewal-already = A new invitation was already asked for: { $inviter } was told. It will come to { $email }.

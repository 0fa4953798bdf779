# The signed-in account's pages: home, settings, onboarding, teams, two-step
# verification, the Terms of Use, and what the account rules say about a form.
# Every message may use { $product }, the operator's product name.

# Home (/).
home-title = Your account
home-photo-alt = Your photo
home-hello = Hello, { $name }
home-settings = Settings
home-settings-about = name, photo, email, password, sessions
home-teams = Teams
home-teams-count =
    { $count ->
        [one] { $count } team
       *[other] { $count } teams
    }

# Settings (/settings).
settings-title = Settings
settings-profile-heading = Profile
settings-photo-alt = Your photo
settings-username = Username: { $username }
settings-name = Name
settings-photo = Photo
settings-photo-hint = PNG, JPEG or WebP, up to 5 MB.
settings-save-profile = Save profile
settings-email-heading = Email
# Around the address in bold: “Your email is <address> (not confirmed).”
settings-email-is = Your email is
settings-email-not-confirmed = (not confirmed)
settings-new-email = New email
settings-current-password = Current password
settings-email-hint = We send a link to the new address; it takes effect when you open it.
settings-change-email = Change email
settings-password-heading = Password
settings-new-password = New password
settings-change-password = Change password
settings-two-step-heading = Two-step verification
# Around “on” in bold: “Two-step verification is <on>. Signing in asks …”, then codes-left.
settings-two-step-is = Two-step verification is
settings-two-step-on = on
settings-two-step-on-detail = . Signing in asks for a code from your authenticator app.
# How many unused recovery codes the account has (after settings-two-step-on-detail).
codes-left =
    { $count ->
        [one] { $count } recovery code left.
       *[other] { $count } recovery codes left.
    }
settings-disable-password = Password
settings-disable-code = Code
settings-turn-off-two-step = Turn off two-step verification
settings-new-codes-hint = New recovery codes replace all the ones you have.
settings-new-codes = New recovery codes
settings-two-step-off = Protect your account with a code from an authenticator app in addition to your password.
settings-set-up-two-step = Set up two-step verification
settings-methods-heading = Sign-in methods
settings-method-password = Password
settings-password-set = Set
settings-password-not-set = Not set — use “Trouble signing in?” to set one
settings-unlink = Unlink
settings-unlink-label = Unlink { $name }
settings-sessions-heading = Where you are signed in
settings-session-signed-in = Signed in { $when }
settings-session-this-browser = this browser
settings-session-sign-out = Sign out
settings-session-sign-out-label = Sign out { $device }, signed in { $when }
settings-same-email = That is already your email address.
settings-wrong-password = The current password is not right.
settings-only-method = This is your only way to sign in. Set a password (Trouble signing in?) before removing it.
settings-method-not-linked = That sign-in method is not linked.

# What Settings says after a change (/settings?done=… or ?error=…).
notice-profile-saved = Your profile is saved.
notice-email-link-sent = We sent a link to the new address. Your email changes when you open it.
notice-password-changed = Your password is changed. Your other sessions were signed out.
notice-session-ended = That session is signed out.
notice-method-unlinked = That sign-in method is removed.
notice-two-step-off = Two-step verification is off.
notice-two-step-wrong = That was not right, so two-step verification is still on.

# Onboarding, step 1: the profile (/onboarding/profile).
onboarding-profile-title = Set up your profile
onboarding-profile-step = Step 1 of 2
onboarding-name = Name
onboarding-photo = Photo
onboarding-photo-hint = PNG, JPEG or WebP, up to 5 MB.

# Onboarding, step 2: a team (/onboarding/team).
onboarding-team-title = Create a team
onboarding-team-step = Step 2 of 2 · optional
onboarding-team-lead = Work together: create a team and invite people by email. You can also do this later.
onboarding-team-name = Team name
onboarding-invites = Invite people
onboarding-invites-placeholder = ana@example.com, ben@example.com
onboarding-invites-hint = Email addresses, separated by commas or new lines.
onboarding-skip = Maybe Later
onboarding-team-not-created-title = Your team was not created
onboarding-team-not-created = This account sent many invitations lately. Create the team later from Teams in the account menu.

# Teams (/teams).
teams-title = Teams
teams-none = You are not in a team yet.
teams-role-owner = owner
teams-role-member = member
teams-create-heading = Create a team
teams-team-name = Team name
teams-invites = Invite people
teams-invites-placeholder = ana@example.com, ben@example.com
teams-create = Create team
teams-not-member = You are not a member of this team, or it does not exist.

# One team (/teams/…).
team-members-heading = Members
team-remove = Remove
team-remove-label = Remove { $username }
team-invite-heading = Add members
team-invites = Invite people
team-invites-placeholder = ana@example.com, ben@example.com
team-send-invitations = Send invitations
team-leave = Leave team
team-invited = Invitations sent.
team-owner-only-invite = Only the team's owner can invite people.
team-owner-only-remove = Only the team's owner can remove members.
team-owner-cannot-leave = The owner cannot leave the team.
team-no-invites = Enter at least one email address.

# What a team's name and "Invite people" may be (team pages and onboarding).
# $address is the address as typed, in quotes.
teams-invite-not-email = { $address } is not an email address.
teams-invite-too-many = Invite at most { $max } people at a time.
teams-name-missing = Enter a team name.
teams-name-too-long = Use at most 100 characters for the team name.
teams-name-control = The team name cannot contain control characters.

# Setting up two-step verification (/settings/two-step/setup).
two-step-setup-title = Set up two-step verification
two-step-scan = Scan this QR code with an authenticator app (such as Google Authenticator, 1Password or Aegis), then enter the code it shows.
two-step-qr-alt = QR code for your authenticator app
two-step-by-hand = Or add it by hand with this key:
two-step-secret-label = Secret key
two-step-setup-link = Setup link:
two-step-setup-link-label = Setup link
two-step-code = Code
two-step-verify = Verify
two-step-wrong-code = That code is not right. Check the time on your phone and enter the current code.

# The recovery codes, shown once.
two-step-codes-title = Your recovery codes
two-step-codes-heading = Two-step verification is on
two-step-codes-keep = Keep these recovery codes somewhere safe. Each one signs you in once if you lose your authenticator app. They are shown only now.
two-step-codes-label = Recovery codes
two-step-codes-done = Done

# Terms of Use (/terms), for a server whose operator set no terms_url.
terms-title = Terms of Use
terms-use = This { $product } server is run by its operator, who decides how it may be used. Use your account lawfully, keep your password to yourself, and do not try to break into other accounts or the service.
terms-data = The operator keeps the data needed to sign you in (your email, username, name, photo, password hash, sessions and a record of sign-ins) and shares it with the applications you choose to sign in to, limited to what you allow.
# Around the setting's name: “Operators: set <signup.terms_url> to your own terms.”
terms-operators = Operators: set
terms-operators-end = to your own terms.

# Profile photos and the profile form (settings and onboarding).
photo-too-big = The photo must be 5 MB or smaller.
photo-not-an-image = The photo must be a PNG, JPEG or WebP image.
photo-too-many-pixels = The photo is too large: at most 40 megapixels, and no side larger than 8000 pixels. Use a smaller photo.
photo-corrupt = The photo could not be read; it may be damaged.
upload-unreadable = The form could not be read. Reload the page and try again.
profile-name-too-long = Use at most 100 characters for your name.
profile-not-saved = Your profile could not be saved. Try again.

# What a username, email address and password may be (signup, reset, settings).
# The numbers are the server's limits (account::rules).
rules-username-length = Use 3 to 32 characters.
rules-username-chars = Use only lower-case letters, digits, '.', '_' and '-'.
rules-username-start = Start with a letter or a digit.
rules-email-invalid = Enter an email address like name@example.com.
rules-password-short = Use at least 8 characters.
rules-password-long = Use at most 1024 characters.
rules-password-common = This password is one of the most common ones. Choose another.
rules-password-identifier = Do not use your username or email as your password.

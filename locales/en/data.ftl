# Settings: sections, connected apps, your data (issue 13 §4–6).

# The navigation of Settings (a sidebar on a desktop, a row of links on a phone).
settings-nav-label = Settings sections
settings-nav-sessions = Sessions
settings-nav-methods = Linked sign-in methods
# Email: an address change waiting for its link to be opened.
settings-email-pending = Waiting for confirmation: { $email }
settings-email-pending-hint = Open the link we sent to that address to finish the change.
# Password: an account without one (created through an upstream such as Google).
settings-no-password = Your account has no password yet: you sign in with a linked sign-in method. Set a password to also sign in with your username or email.
settings-set-password = Set a password
settings-set-password-confirm-first = First confirm it's you by signing in again.
settings-password-not-set-here = Not set — use “Set a password” above
# Connected apps: the apps allowed to use the account.
settings-apps-heading = Connected apps
settings-apps-none = No apps have access to your account.
settings-apps-intro = These apps can use your account. If you remove access, the app is signed out and asks you again the next time you use it.
settings-app-allowed = Allowed { $when }
settings-app-last-used = Last used { $when }
# Followed by the list of what the app may see (the consent page's words).
settings-app-may = It may:
settings-app-remove = Remove access
settings-app-remove-label = Remove access for { $name }
# Your data: the download and the deletion.
settings-data-heading = Your data
settings-download = Download my data
settings-download-hint = A JSON file with everything { $product } holds about you: profile, email addresses, sign-in methods, teams, sessions, connected apps and your security log. It contains no passwords or keys.
settings-delete-heading = Delete account
settings-delete-hint = Deletes your account and everything in it. First you confirm it's you.

# What Settings says after a change (/settings?done=…).
notice-password-set = Your password is set. You can now sign in with it too.
notice-app-removed = That app no longer has access to your account.

# Delete account (/settings/delete).
delete-lead = This deletes the account { $username } for good; it cannot be undone. It removes:
delete-what-profile = your profile, photo and email addresses;
delete-what-sign-in = your password, two-step verification, linked sign-in methods and your sessions in every browser;
delete-what-apps = the apps you allowed, and their access;
delete-what-teams = your memberships in other people's teams.
delete-no-owned-teams = You own no teams.
delete-owned-teams = You own these teams. They are deleted with your account, and their members lose them:
delete-team-members =
    { $count ->
        [one] { $count } member
       *[other] { $count } members
    }
delete-log-kept = The security log keeps its records of your account's sign-ins and changes until they expire.
delete-username = Username
delete-username-hint = To confirm, type your username: { $username }
delete-submit = Delete my account
delete-wrong-username = That is not your username. Type it exactly as shown.
deleted-title = Your account is deleted
deleted-message = The account { $username } and its data are deleted.

# Mail about these settings.
mail-password-set-subject = A password was set for your { $product } account
mail-password-set-body = A password was just set for your { $product } account { $username }. You can now sign in with it too.
mail-account-deleted-subject = Your { $product } account was deleted
mail-account-deleted-body = Your { $product } account { $username } and its data were deleted, as asked in its settings.
mail-account-deleted-not-you = If this was not you, contact the operator of { $product } right away.

# Passkeys: sign-in, the second step and Settings. SPEC §8's English labels stay
# exactly as they are: "Sign in with a passkey", "Add a passkey", "Passkey name",
# "Use a passkey".
passkey-sign-in = Sign in with a passkey
passkey-use = Use a passkey
passkey-no-answer = The passkey did not answer (or you cancelled). Try again, or sign in another way.
passkey-expired = That passkey request expired or was already used. Try again.
passkey-refused = That passkey could not be checked. Try again, or sign in another way.
passkey-unknown = That passkey is not one of this account's, or it was removed. Sign in another way, then add it again in Settings.
passkey-taken = That passkey is already added to an account here.
passkey-clone = That passkey was refused: its counter shows it may have been copied. Sign in another way and remove it in Settings; the account's owner was told in its security log.
passkey-throttled = Too many attempts. Wait { $seconds } seconds, then try again.
passkey-off = Passkeys are not available on this server.
passkey-second-step-wrong = That passkey did not verify, or it is not one of this account's. Try again, or enter a code.
passkeys-heading = Passkeys
passkeys-intro = A passkey signs you in with your fingerprint, face or device PIN instead of a password. It works only on this site, so it cannot be phished.
passkeys-none = You have no passkeys yet.
passkeys-add = Add a passkey
passkeys-name = Passkey name
passkeys-name-placeholder = Work laptop
passkeys-name-hint = A name that tells you where this passkey lives. Leave it empty for "Passkey".
passkeys-default-name = Passkey
passkeys-confirm-first = To add a passkey, first confirm it's you.
passkeys-added = Added { $when }
passkeys-used = last used { $when }
passkeys-rename = Rename
passkeys-rename-label = New name for { $name }
passkeys-remove = Remove
passkeys-remove-label = Remove the passkey { $name }
notice-passkey-added = Passkey added. Next time, choose "Sign in with a passkey".
notice-passkey-renamed = Passkey renamed.
notice-passkey-removed = Passkey removed.
notice-passkey-not-added = The passkey was not added: the browser's answer did not verify or came too late. Try again.
notice-passkey-last = That passkey is your only way to sign in. Set a password or add another passkey first.

# "Sign in faster next time": a passkey offered once after a password sign-in.
passkey-offer-title = Sign in faster next time
passkey-offer-intro = Add a passkey, and next time you sign in with your fingerprint, face or device PIN: no password to type, and nothing a fake site could catch.
passkey-offer-skip = Not now

# The recovery link: a passkey instead of a new password.
reset-passkey-heading = Or add a passkey instead
reset-passkey-intro = Sign in from now on with your fingerprint, face or device PIN. Your password, if you had one, stays as it is.
reset-passkey-done-title = Passkey added
reset-passkey-done = You can sign in with your passkey now. You were signed out everywhere else.

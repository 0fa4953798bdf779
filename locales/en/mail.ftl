# Mail. Subjects, paragraphs, the action button, footers and the signature.

mail-signature = { $product }
mail-or-open = Or open this link:
mail-ignore = If you did not ask for this, you can ignore this message.
mail-invitation-ignore = If you do not know the inviter, you can ignore this invitation: nothing happens unless you accept it.
mail-hi = Hi { $username },

mail-confirm-subject = Confirm your email address
mail-confirm-body = Confirm your email address to finish creating your { $product } account. The link works once, for 24 hours.
mail-confirm-action = Confirm email address

mail-existing-subject = You already have a { $product } account
mail-existing-body = Someone tried to create a { $product } account with this email address, which already belongs to the account { $username }.
mail-existing-recover = If it was you, sign in instead, or recover your password at { $link }.
mail-existing-action = Sign in

mail-lookalike-subject = Your { $product } account was not created
mail-lookalike-body = Someone tried to create a { $product } account with this email address. It looks too much like the address of an existing account (some of its characters look the same as others), so no account was created.
mail-lookalike-retry = If it was you, sign up with another address at { $link }.

mail-change-subject = Confirm your new email address
mail-change-body = Confirm this address to make it the email of your { $product } account. Until you do, the old address stays in use. The link works once, for 24 hours.
mail-change-action = Confirm new email address

mail-changed-subject = Your { $product } email address was changed
mail-changed-body = The email address of your { $product } account { $username } was just changed to { $email }. Mail about the account, password resets included, now goes there.
mail-changed-not-you = If this was not you, sign in right away, change your password and your email address at { $link }, or ask the administrator of this service for help.

mail-recovery-subject = Your { $product } username and a password reset link
mail-recovery-username = Your username is: { $username }
mail-recovery-body = To choose a new password, open the link below. It works once, within one hour.
mail-recovery-action = Reset password

mail-password-subject = Your { $product } password was changed
mail-password-body = The password of your { $product } account { $username } was just changed. Your other sessions and app connections were signed out.
mail-password-not-you = If this was not you, reset your password right away at { $link } and check your account.

mail-invite-subject = You are invited to join a team on { $product }
mail-invite-body = Someone with a { $product } account invited you to join their team.
mail-invite-team = Team name, as the inviter wrote it: “{ $team }”
mail-invite-inviter = Inviter's name, as they wrote it: “{ $inviter }”
mail-invite-caution = { $product } does not check what inviters write. Accept only if you expected this invitation. Accept with an account you have, or create one. The invitation is valid for 7 days.
mail-invite-action = Accept invitation

mail-sign-in-subject = New sign-in to your { $product } account
mail-sign-in-body = Your { $product } account { $username } was just signed in to from a browser it had not used before: { $device }, from the address { $ip }.
mail-sign-in-not-you = If this was you, there is nothing to do. If not, change your password and sign that session out in your settings right away.
mail-sign-in-action = Review your sessions

mail-renewal-subject = A new team invitation was asked for
mail-renewal-body = { $email } opened your invitation to a team after it had expired, and asked for a new one. You can invite them again from the team's page.
mail-renewal-team = Team: “{ $team }”
mail-renewal-action = Open the team
mail-renewal-ignore = If you no longer want to invite them, you can ignore this message.

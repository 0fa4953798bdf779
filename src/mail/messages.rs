//! The messages Lanyard sends. Each is a few paragraphs and at most one action link,
//! rendered to plain text and HTML from the same parts.

use super::Email;
use askama::Template;

#[derive(Template)]
#[template(path = "mail/mail.html")]
struct Html<'a> {
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    footer: &'a [String],
}

#[derive(Template)]
#[template(path = "mail/mail.txt", escape = "none")]
struct Text<'a> {
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    footer: &'a [String],
}

fn build(
    to: &str,
    subject: &str,
    paragraphs: Vec<String>,
    action: Option<(&str, &str)>,
    footer: Vec<String>,
) -> Email {
    let html = Html {
        paragraphs: &paragraphs,
        action,
        footer: &footer,
    }
    .render()
    .unwrap_or_default();
    let text = Text {
        paragraphs: &paragraphs,
        action,
        footer: &footer,
    }
    .render()
    .unwrap_or_default();
    Email {
        to: to.to_string(),
        subject: subject.to_string(),
        text,
        html,
    }
}

const IGNORE: &str = "If you did not ask for this, you can ignore this message.";

pub fn confirm_email(to: &str, username: &str, link: &str) -> Email {
    build(
        to,
        "Confirm your email address",
        vec![
            format!("Hi {username},"),
            "Confirm your email address to finish creating your Lanyard account. The link works once, for 24 hours.".into(),
        ],
        Some(("Confirm email address", link)),
        vec![IGNORE.into()],
    )
}

pub fn signup_attempt_on_existing(
    to: &str,
    username: &str,
    login_link: &str,
    recover_link: &str,
) -> Email {
    build(
        to,
        "You already have a Lanyard account",
        vec![
            format!(
                "Someone tried to create a Lanyard account with this email address, which already belongs to the account {username}."
            ),
            format!("If it was you, sign in instead, or recover your password at {recover_link}."),
        ],
        Some(("Sign in", login_link)),
        vec![IGNORE.into()],
    )
}

pub fn lookalike_address(to: &str, signup_link: &str) -> Email {
    build(
        to,
        "Your Lanyard account was not created",
        vec![
            "Someone tried to create a Lanyard account with this email address. It looks too much like the address of an existing account (some of its characters look the same as others), so no account was created.".into(),
            format!("If it was you, sign up with another address at {signup_link}."),
        ],
        None,
        vec![IGNORE.into()],
    )
}

pub fn change_email(to: &str, username: &str, link: &str) -> Email {
    build(
        to,
        "Confirm your new email address",
        vec![
            format!("Hi {username},"),
            "Confirm this address to make it the email of your Lanyard account. Until you do, the old address stays in use. The link works once, for 24 hours.".into(),
        ],
        Some(("Confirm new email address", link)),
        vec![IGNORE.into()],
    )
}

/// To the old address, once a change of address is confirmed.
pub fn email_changed(to: &str, username: &str, new_email: &str, settings_link: &str) -> Email {
    build(
        to,
        "Your Lanyard email address was changed",
        vec![
            format!(
                "The email address of your Lanyard account {username} was just changed to {new_email}. Mail about the account, password resets included, now goes there."
            ),
            format!(
                "If this was not you, sign in right away, change your password and your email address at {settings_link}, or ask the administrator of this service for help."
            ),
        ],
        None,
        vec![],
    )
}

pub fn recovery(to: &str, username: &str, link: &str) -> Email {
    build(
        to,
        "Your Lanyard username and a password reset link",
        vec![
            format!("Your username is: {username}"),
            "To choose a new password, open the link below. It works once, within one hour.".into(),
        ],
        Some(("Reset password", link)),
        vec![IGNORE.into()],
    )
}

pub fn password_changed(to: &str, username: &str, recover_link: &str) -> Email {
    build(
        to,
        "Your Lanyard password was changed",
        vec![
            format!(
                "The password of your Lanyard account {username} was just changed. Your other sessions and app connections were signed out."
            ),
            format!(
                "If this was not you, reset your password right away at {recover_link} and check your account."
            ),
        ],
        None,
        vec![],
    )
}

/// The subject is fixed: the team and inviter names are text anyone can write, so
/// they go in the body only, quoted and marked as the inviter's words, and never
/// make this server's own messages say what a stranger wants them to say.
pub fn team_invitation(to: &str, inviter: &str, team: &str, link: &str) -> Email {
    build(
        to,
        "You are invited to join a team on Lanyard",
        vec![
            "Someone with a Lanyard account invited you to join their team.".into(),
            format!("Team name, as the inviter wrote it: \u{201c}{team}\u{201d}"),
            format!("Inviter's name, as they wrote it: \u{201c}{inviter}\u{201d}"),
            "Lanyard does not check what inviters write. Accept only if you expected this invitation. Accept with an account you have, or create one. The invitation is valid for 7 days."
                .into(),
        ],
        Some(("Accept invitation", link)),
        vec![IGNORE.into()],
    )
}

pub fn new_sign_in(to: &str, username: &str, device: &str, ip: &str, settings_link: &str) -> Email {
    build(
        to,
        "New sign-in to your Lanyard account",
        vec![
            format!("Your Lanyard account {username} was just signed in to from a browser it had not used before: {device}, from the address {ip}."),
            "If this was you, there is nothing to do. If not, change your password and sign that session out in your settings right away.".into(),
        ],
        Some(("Review your sessions", settings_link)),
        vec![],
    )
}

//! The messages Lanyard sends. Each is a few paragraphs and at most one action,
//! rendered to plain text and HTML from the same parts, in the language of the
//! person it goes to (`Look`), under the operator's brand.

use super::Email;
use crate::i18n::Tr;
use askama::Template;

/// The language and brand of one message.
pub struct Look {
    pub tr: Tr,
    /// `[branding] primary_color`: the button.
    pub primary: String,
    /// Its text colour (white or dark ink, whichever reads better).
    pub primary_ink: String,
}

#[derive(Template)]
#[template(path = "mail/mail.html")]
struct Html<'a> {
    lang: &'a str,
    product: &'a str,
    primary: &'a str,
    primary_ink: &'a str,
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    or_open: &'a str,
    footer: &'a [String],
}

#[derive(Template)]
#[template(path = "mail/mail.txt", escape = "none")]
struct Text<'a> {
    product: &'a str,
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    footer: &'a [String],
}

/// A message: its subject, paragraphs, action (label id, link) and footer; the
/// subject and footer are message ids.
struct Parts<'a> {
    to: &'a str,
    subject: &'static str,
    paragraphs: Vec<String>,
    action: Option<(&'static str, &'a str)>,
    footer: Option<&'static str>,
}

fn build(look: &Look, m: Parts<'_>) -> Email {
    let tr = &look.tr;
    let product = tr.t("mail-signature");
    let label = m.action.map(|(id, _)| tr.t(id));
    let action = m.action.zip(label.as_deref()).map(|((_, url), l)| (l, url));
    let or_open = tr.t("mail-or-open");
    let footer: Vec<String> = m.footer.map(|id| tr.t(id)).into_iter().collect();
    let html = Html {
        lang: tr.lang(),
        product: &product,
        primary: &look.primary,
        primary_ink: &look.primary_ink,
        paragraphs: &m.paragraphs,
        action,
        or_open: &or_open,
        footer: &footer,
    }
    .render()
    .unwrap_or_default();
    let text = Text {
        product: &product,
        paragraphs: &m.paragraphs,
        action,
        footer: &footer,
    }
    .render()
    .unwrap_or_default();
    Email {
        to: m.to.to_string(),
        subject: tr.t(m.subject),
        text,
        html,
    }
}

impl<'a> Parts<'a> {
    fn new(to: &'a str, subject: &'static str, paragraphs: Vec<String>) -> Self {
        let (action, footer) = (None, None);
        Parts {
            to,
            subject,
            paragraphs,
            action,
            footer,
        }
    }
}

/// A message that asks for an action the person may not have asked for: it ends
/// with "you can ignore this".
fn request(
    look: &Look,
    to: &str,
    subject: &'static str,
    paragraphs: Vec<String>,
    action: Option<(&'static str, &str)>,
) -> Email {
    let footer = Some("mail-ignore");
    build(
        look,
        Parts {
            action,
            footer,
            ..Parts::new(to, subject, paragraphs)
        },
    )
}

/// A notice of something done to the account: no action, no footer.
fn notice(look: &Look, to: &str, subject: &'static str, paragraphs: Vec<String>) -> Email {
    build(look, Parts::new(to, subject, paragraphs))
}

const CONFIRM_IDS: [&str; 3] = [
    "mail-confirm-subject",
    "mail-confirm-body",
    "mail-confirm-action",
];
const CHANGE_IDS: [&str; 3] = [
    "mail-change-subject",
    "mail-change-body",
    "mail-change-action",
];

/// "Hi NAME," a paragraph and the link that confirms an address: `ids` are the
/// subject, body and action messages.
fn address_link(
    look: &Look,
    to: &str,
    username: &str,
    link: &str,
    ids: [&'static str; 3],
) -> Email {
    let tr = &look.tr;
    let [subject, body, action] = ids;
    let paragraphs = vec![tr.t1("mail-hi", "username", username), tr.t(body)];
    request(look, to, subject, paragraphs, Some((action, link)))
}

pub fn confirm_email(look: &Look, to: &str, username: &str, link: &str) -> Email {
    address_link(look, to, username, link, CONFIRM_IDS)
}

pub fn signup_attempt_on_existing(
    look: &Look,
    to: &str,
    username: &str,
    login_link: &str,
    recover_link: &str,
) -> Email {
    let tr = &look.tr;
    let paragraphs = vec![
        tr.t1("mail-existing-body", "username", username),
        tr.t1("mail-existing-recover", "link", recover_link),
    ];
    let action = Some(("mail-existing-action", login_link));
    request(look, to, "mail-existing-subject", paragraphs, action)
}

pub fn lookalike_address(look: &Look, to: &str, signup_link: &str) -> Email {
    let tr = &look.tr;
    let paragraphs = vec![
        tr.t("mail-lookalike-body"),
        tr.t1("mail-lookalike-retry", "link", signup_link),
    ];
    request(look, to, "mail-lookalike-subject", paragraphs, None)
}

pub fn change_email(look: &Look, to: &str, username: &str, link: &str) -> Email {
    address_link(look, to, username, link, CHANGE_IDS)
}

/// To the old address, once a change of address is confirmed.
pub fn email_changed(
    look: &Look,
    to: &str,
    username: &str,
    new_email: &str,
    settings_link: &str,
) -> Email {
    let tr = &look.tr;
    let body = tr.t2(
        "mail-changed-body",
        "username",
        username,
        "email",
        new_email,
    );
    let not_you = tr.t1("mail-changed-not-you", "link", settings_link);
    notice(look, to, "mail-changed-subject", vec![body, not_you])
}

pub fn recovery(look: &Look, to: &str, username: &str, link: &str) -> Email {
    let tr = &look.tr;
    let paragraphs = vec![
        tr.t1("mail-recovery-username", "username", username),
        tr.t("mail-recovery-body"),
    ];
    let action = Some(("mail-recovery-action", link));
    request(look, to, "mail-recovery-subject", paragraphs, action)
}

pub fn password_changed(look: &Look, to: &str, username: &str, recover_link: &str) -> Email {
    let tr = &look.tr;
    let body = tr.t1("mail-password-body", "username", username);
    let not_you = tr.t1("mail-password-not-you", "link", recover_link);
    notice(look, to, "mail-password-subject", vec![body, not_you])
}

/// A password was set for an account that had none (Settings, "Set a password").
pub fn password_set(look: &Look, to: &str, username: &str, recover_link: &str) -> Email {
    let tr = &look.tr;
    let body = tr.t1("mail-password-set-body", "username", username);
    let not_you = tr.t1("mail-password-not-you", "link", recover_link);
    notice(look, to, "mail-password-set-subject", vec![body, not_you])
}

/// The account was deleted (Settings, "Delete my account"); sent to its address.
pub fn account_deleted(look: &Look, to: &str, username: &str) -> Email {
    let tr = &look.tr;
    let body = tr.t1("mail-account-deleted-body", "username", username);
    let not_you = tr.t("mail-account-deleted-not-you");
    notice(
        look,
        to,
        "mail-account-deleted-subject",
        vec![body, not_you],
    )
}

/// The subject is fixed: the team and inviter names are text anyone can write, so
/// they go in the body only, quoted and marked as the inviter's words, and never
/// make this server's own messages say what a stranger wants them to say.
pub fn team_invitation(look: &Look, to: &str, inviter: &str, team: &str, link: &str) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: "mail-invite-subject",
            paragraphs: vec![
                tr.t("mail-invite-body"),
                tr.t1("mail-invite-team", "team", team),
                tr.t1("mail-invite-inviter", "inviter", inviter),
                tr.t("mail-invite-caution"),
            ],
            action: Some(("mail-invite-action", link)),
            footer: Some("mail-invitation-ignore"),
        },
    )
}

/// To the sender of an invitation that expired: its address asked for a new one.
/// As for the invitation, the team name (anyone's text) stays in the body, quoted.
pub fn invitation_renewal(look: &Look, to: &str, invited: &str, team: &str, link: &str) -> Email {
    let tr = &look.tr;
    let paragraphs = vec![
        tr.t1("mail-renewal-body", "email", invited),
        tr.t1("mail-renewal-team", "team", team),
    ];
    let action = Some(("mail-renewal-action", link));
    let parts = Parts::new(to, "mail-renewal-subject", paragraphs);
    let footer = Some("mail-renewal-ignore");
    build(
        look,
        Parts {
            action,
            footer,
            ..parts
        },
    )
}

pub fn new_sign_in(
    look: &Look,
    to: &str,
    username: &str,
    device: &str,
    ip: &str,
    settings_link: &str,
) -> Email {
    let tr = &look.tr;
    let body = tr.with(
        "mail-sign-in-body",
        &[
            ("username", username.to_string()),
            ("device", device.to_string()),
            ("ip", ip.to_string()),
        ],
    );
    let paragraphs = vec![body, tr.t("mail-sign-in-not-you")];
    let action = Some(("mail-sign-in-action", settings_link));
    let parts = Parts::new(to, "mail-sign-in-subject", paragraphs);
    build(look, Parts { action, ..parts })
}

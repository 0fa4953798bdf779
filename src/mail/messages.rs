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

/// A message: its subject, paragraphs, action (label id, link) and footer.
struct Parts<'a> {
    to: &'a str,
    subject: String,
    paragraphs: Vec<String>,
    action: Option<(&'static str, &'a str)>,
    footer: Vec<String>,
}

fn build(look: &Look, m: Parts<'_>) -> Email {
    let tr = &look.tr;
    let product = tr.t("mail-signature");
    let label = m.action.map(|(id, _)| tr.t(id));
    let action = m.action.zip(label.as_deref()).map(|((_, url), l)| (l, url));
    let or_open = tr.t("mail-or-open");
    let html = Html {
        lang: tr.lang(),
        product: &product,
        primary: &look.primary,
        primary_ink: &look.primary_ink,
        paragraphs: &m.paragraphs,
        action,
        or_open: &or_open,
        footer: &m.footer,
    }
    .render()
    .unwrap_or_default();
    let text = Text {
        product: &product,
        paragraphs: &m.paragraphs,
        action,
        footer: &m.footer,
    }
    .render()
    .unwrap_or_default();
    Email {
        to: m.to.to_string(),
        subject: m.subject,
        text,
        html,
    }
}

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
    build(
        look,
        Parts {
            to,
            subject: tr.t(subject),
            paragraphs: vec![tr.t1("mail-hi", "username", username), tr.t(body)],
            action: Some((action, link)),
            footer: vec![tr.t("mail-ignore")],
        },
    )
}

pub fn confirm_email(look: &Look, to: &str, username: &str, link: &str) -> Email {
    let ids = [
        "mail-confirm-subject",
        "mail-confirm-body",
        "mail-confirm-action",
    ];
    address_link(look, to, username, link, ids)
}

pub fn signup_attempt_on_existing(
    look: &Look,
    to: &str,
    username: &str,
    login_link: &str,
    recover_link: &str,
) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-existing-subject"),
            paragraphs: vec![
                tr.t1("mail-existing-body", "username", username),
                tr.t1("mail-existing-recover", "link", recover_link),
            ],
            action: Some(("mail-existing-action", login_link)),
            footer: vec![tr.t("mail-ignore")],
        },
    )
}

pub fn lookalike_address(look: &Look, to: &str, signup_link: &str) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-lookalike-subject"),
            paragraphs: vec![
                tr.t("mail-lookalike-body"),
                tr.t1("mail-lookalike-retry", "link", signup_link),
            ],
            action: None,
            footer: vec![tr.t("mail-ignore")],
        },
    )
}

pub fn change_email(look: &Look, to: &str, username: &str, link: &str) -> Email {
    let ids = [
        "mail-change-subject",
        "mail-change-body",
        "mail-change-action",
    ];
    address_link(look, to, username, link, ids)
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
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-changed-subject"),
            paragraphs: vec![
                tr.t2(
                    "mail-changed-body",
                    "username",
                    username,
                    "email",
                    new_email,
                ),
                tr.t1("mail-changed-not-you", "link", settings_link),
            ],
            action: None,
            footer: vec![],
        },
    )
}

pub fn recovery(look: &Look, to: &str, username: &str, link: &str) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-recovery-subject"),
            paragraphs: vec![
                tr.t1("mail-recovery-username", "username", username),
                tr.t("mail-recovery-body"),
            ],
            action: Some(("mail-recovery-action", link)),
            footer: vec![tr.t("mail-ignore")],
        },
    )
}

pub fn password_changed(look: &Look, to: &str, username: &str, recover_link: &str) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-password-subject"),
            paragraphs: vec![
                tr.t1("mail-password-body", "username", username),
                tr.t1("mail-password-not-you", "link", recover_link),
            ],
            action: None,
            footer: vec![],
        },
    )
}

/// A password was set for an account that had none (Settings, "Set a password").
pub fn password_set(look: &Look, to: &str, username: &str, recover_link: &str) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-password-set-subject"),
            paragraphs: vec![
                tr.t1("mail-password-set-body", "username", username),
                tr.t1("mail-password-not-you", "link", recover_link),
            ],
            action: None,
            footer: vec![],
        },
    )
}

/// The account was deleted (Settings, "Delete my account"); sent to its address.
pub fn account_deleted(look: &Look, to: &str, username: &str) -> Email {
    let tr = &look.tr;
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-account-deleted-subject"),
            paragraphs: vec![
                tr.t1("mail-account-deleted-body", "username", username),
                tr.t("mail-account-deleted-not-you"),
            ],
            action: None,
            footer: vec![],
        },
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
            subject: tr.t("mail-invite-subject"),
            paragraphs: vec![
                tr.t("mail-invite-body"),
                tr.t1("mail-invite-team", "team", team),
                tr.t1("mail-invite-inviter", "inviter", inviter),
                tr.t("mail-invite-caution"),
            ],
            action: Some(("mail-invite-action", link)),
            footer: vec![tr.t("mail-invitation-ignore")],
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
    build(
        look,
        Parts {
            to,
            subject: tr.t("mail-sign-in-subject"),
            paragraphs: vec![body, tr.t("mail-sign-in-not-you")],
            action: Some(("mail-sign-in-action", settings_link)),
            footer: vec![],
        },
    )
}

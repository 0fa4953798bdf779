//! Email links an account receives: each creates a single-use token (stored as a
//! hash), builds the absolute link and queues the message.

use super::Services;
use crate::{
    mail::messages,
    store::{email_tokens, users::User},
};

/// How long confirmation and email-change links work.
pub const CONFIRM_TTL: i64 = 24 * 3600;
/// How long a password reset link works.
pub const RESET_TTL: i64 = 3600;

fn link(state: &Services<'_>, path: &str, token: &str) -> String {
    format!("{}{path}?token={token}", state.config.issuer())
}

/// A new single-use token for `purpose` sent to `address`, stored as its hash.
async fn email_token(
    state: &Services<'_>,
    user: &User,
    purpose: &str,
    address: &str,
) -> anyhow::Result<String> {
    let token = crate::crypto::random_token();
    let (hash, now) = (crate::crypto::token_hash(&token), state.now);
    let expires = now + CONFIRM_TTL;
    let store = state.store();
    store
        .create_email_token(&hash, &user.id, purpose, address, now, expires)
        .await?;
    Ok(token)
}

/// Sends the "confirm your email address" link; `next` is where to go after signing in.
pub async fn send_confirmation(
    state: &Services<'_>,
    user: &User,
    next: &str,
) -> anyhow::Result<()> {
    let token = email_token(state, user, email_tokens::CONFIRM, &user.email).await?;
    let mut url = link(state, "/confirm", &token);
    if !next.is_empty() {
        url.push_str("&next=");
        url.extend(url::form_urlencoded::byte_serialize(next.as_bytes()));
    }
    state
        .mailer
        .queue(&messages::confirm_email(
            &state.look(user.locale.as_deref()),
            &user.email,
            &user.username,
            &url,
        ))
        .await
}

/// Sends a link to `new_email`; the address changes when it is opened.
pub async fn send_email_change(
    state: &Services<'_>,
    user: &User,
    new_email: &str,
) -> anyhow::Result<()> {
    let token = email_token(state, user, email_tokens::CHANGE_EMAIL, new_email).await?;
    let url = link(state, "/confirm", &token);
    state
        .mailer
        .queue(&messages::change_email(
            &state.look(user.locale.as_deref()),
            new_email,
            &user.username,
            &url,
        ))
        .await
}

/// Tells the old address that the account's email address changed.
pub async fn send_email_changed(
    state: &Services<'_>,
    old_email: &str,
    username: &str,
    new_email: &str,
) -> anyhow::Result<()> {
    let settings = page(state, "/settings");
    let mail =
        messages::email_changed(&state.look(None), old_email, username, new_email, &settings);
    state.mailer.queue(&mail).await
}

/// Sends the username and a password reset link ("Trouble signing in?").
pub async fn send_recovery(state: &Services<'_>, user: &User) -> anyhow::Result<()> {
    let token = crate::crypto::random_token();
    let now = state.now;
    state
        .store()
        .create_password_reset(
            &crate::crypto::token_hash(&token),
            &user.id,
            now,
            now + RESET_TTL,
        )
        .await?;
    let url = link(state, "/reset", &token);
    state
        .mailer
        .queue(&messages::recovery(
            &state.look(user.locale.as_deref()),
            &user.email,
            &user.username,
            &url,
        ))
        .await
}

pub async fn send_password_changed(state: &Services<'_>, user: &User) -> anyhow::Result<()> {
    send_password_notice(state, user, messages::password_changed).await
}

/// Tells the owner that a password was set for the account (it had none).
pub async fn send_password_set(state: &Services<'_>, user: &User) -> anyhow::Result<()> {
    send_password_notice(state, user, messages::password_set).await
}

/// A notice about the account's password, with the way to recover it.
async fn send_password_notice(
    state: &Services<'_>,
    user: &User,
    message: fn(&messages::Look, &str, &str, &str) -> crate::mail::Email,
) -> anyhow::Result<()> {
    let recover = page(state, "/recover");
    let look = state.look(user.locale.as_deref());
    let mail = message(&look, &user.email, &user.username, &recover);
    state.mailer.queue(&mail).await
}

/// Tells the address of a deleted account that it is gone.
pub async fn send_account_deleted(state: &Services<'_>, user: &User) -> anyhow::Result<()> {
    let look = state.look(user.locale.as_deref());
    let mail = messages::account_deleted(&look, &user.email, &user.username);
    state.mailer.queue(&mail).await
}

/// Someone tried to sign up with an address that has an account: tell its owner,
/// and show the person at the form the same page as for a new address.
pub async fn send_signup_attempt(state: &Services<'_>, user: &User) -> anyhow::Result<()> {
    let (login, recover) = (page(state, "/login"), page(state, "/recover"));
    let mail = messages::signup_attempt_on_existing(
        &state.look(user.locale.as_deref()),
        &user.email,
        &user.username,
        &login,
        &recover,
    );
    state.mailer.queue(&mail).await
}

/// Someone tried to sign up with `email`, which looks like (but is not) the address
/// of an account here: tell the typed address why nothing was created, as the
/// owner of a taken address is told.
pub async fn send_lookalike_address(state: &Services<'_>, email: &str) -> anyhow::Result<()> {
    let mail = messages::lookalike_address(&state.look(None), email, &page(state, "/signup"));
    state.mailer.queue(&mail).await
}

/// Tells the account's owner about a sign-in from a browser it had not used.
pub async fn send_new_sign_in(
    state: &Services<'_>,
    user: &User,
    user_agent: Option<&str>,
    ip: &str,
) -> anyhow::Result<()> {
    let settings = page(state, "/settings");
    let look = state.look(user.locale.as_deref());
    let device = crate::audit::device(&look.tr, user_agent);
    let mail = messages::new_sign_in(&look, &user.email, &user.username, &device, ip, &settings);
    state.mailer.queue(&mail).await
}

/// The absolute URL of a page, for a mail.
fn page(state: &Services<'_>, path: &str) -> String {
    format!("{}{path}", state.config.issuer())
}

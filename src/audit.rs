//! The audit log: security-relevant events with time, account, IP and user agent.
//! Writing a record never fails the request it describes; a failure is logged.

use crate::{
    i18n::Tr,
    oidc::now,
    store::{Store, audit::NewAuditRecord},
};
use std::net::IpAddr;

/// Who made a request: the client's address (behind trusted proxies, the one they
/// forwarded) and its user agent (at most 300 characters).
#[derive(Debug, Clone)]
pub struct Requester {
    pub ip: IpAddr,
    pub user_agent: Option<String>,
}

impl Requester {
    pub fn ip_text(&self) -> String {
        self.ip.to_string()
    }
}

/// Names a user agent the way people do, in `tr`'s language: "Chrome on Android",
/// "A browser". Browser and system names are product names, never translated.
pub fn device(tr: &Tr, user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or_default();
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map_or_else(|| tr.t("device-a-browser"), |(_, v)| v.to_string());
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k));
    match os {
        Some((_, os)) => tr.t2("device-on", "browser", browser, "os", os),
        None => browser,
    }
}

/// Counts a sign-in attempt for `/metrics` (`lanyard_sign_ins_total`): `method` is
/// `pwd`, `fed` or `otp`, a fixed set.
pub fn count_sign_in(method: &'static str, ok: bool) {
    metrics::counter!("lanyard_sign_ins_total", "method" => method, "result" => if ok { "ok" } else { "failed" }).increment(1);
}

/// Event names, stable for anyone who filters the log.
pub mod event {
    pub const SIGN_IN: &str = "sign_in";
    pub const SIGN_IN_FAILED: &str = "sign_in_failed";
    pub const SIGN_IN_THROTTLED: &str = "sign_in_throttled";
    pub const SECOND_FACTOR_FAILED: &str = "second_factor_failed";
    pub const RECOVERY_CODE_USED: &str = "recovery_code_used";
    pub const TWO_STEP_ENABLED: &str = "two_step_enabled";
    pub const TWO_STEP_DISABLED: &str = "two_step_disabled";
    pub const RECOVERY_CODES_RENEWED: &str = "recovery_codes_renewed";
    pub const REAUTHENTICATED: &str = "reauthenticated";
    pub const PASSWORD_CHANGED: &str = "password_changed";
    /// A password set for an account that had none (Settings, "Set a password").
    pub const PASSWORD_SET: &str = "password_set";
    pub const PASSWORD_RESET: &str = "password_reset";
    pub const PASSWORD_RESET_REQUESTED: &str = "password_reset_requested";
    pub const EMAIL_CHANGE_REQUESTED: &str = "email_change_requested";
    pub const EMAIL_CHANGED: &str = "email_changed";
    pub const SESSION_ENDED: &str = "session_ended";
    pub const SIGNED_OUT: &str = "signed_out";
    pub const IDENTITY_UNLINKED: &str = "identity_unlinked";
    /// "Remove access" for a connected app; the detail is its client id.
    pub const APP_ACCESS_REMOVED: &str = "app_access_removed";
    /// "Download my data".
    pub const DATA_EXPORTED: &str = "data_exported";
    /// "Delete my account"; the detail is the username (the record outlives it).
    pub const ACCOUNT_DELETED: &str = "account_deleted";
    pub const TOKEN_REVOKED: &str = "token_revoked";
    pub const CLIENT_AUTH_FAILED: &str = "client_auth_failed";
    pub const ADMIN: &str = "admin";
    /// A passkey added, renamed or removed; the detail is its name and credential id.
    pub const PASSKEY_ADDED: &str = "passkey_added";
    pub const PASSKEY_RENAMED: &str = "passkey_renamed";
    pub const PASSKEY_REMOVED: &str = "passkey_removed";
    /// A passkey's signature counter went backwards (a cloned authenticator?): the
    /// sign-in was refused.
    pub const PASSKEY_CLONE_SUSPECTED: &str = "passkey_clone_suspected";
    /// "Allow" or "Deny" on `/device` (RFC 8628); the detail is the client id.
    pub const DEVICE_ALLOWED: &str = "device_allowed";
    pub const DEVICE_DENIED: &str = "device_denied";
}

/// Appends one record from a web request.
pub async fn record(
    store: &Store,
    client: &Requester,
    event: &str,
    user_id: Option<&str>,
    detail: Option<&str>,
) {
    let ip = client.ip_text();
    write(
        store,
        &NewAuditRecord {
            event,
            user_id,
            ip: Some(&ip),
            user_agent: client.user_agent.as_deref(),
            detail,
        },
    )
    .await;
}

/// Appends one record of an event on an account, with no detail.
pub async fn record_user(store: &Store, client: &Requester, event: &str, user_id: &str) {
    record(store, client, event, Some(user_id), None).await;
}

/// Appends one record of an admin CLI action (no IP: it ran on the server).
pub async fn record_admin(store: &Store, user_id: Option<&str>, detail: &str) {
    let who = std::env::var("USER").unwrap_or_default();
    write(
        store,
        &NewAuditRecord {
            event: event::ADMIN,
            user_id,
            ip: None,
            user_agent: Some(&format!("lanyard CLI ({who})")),
            detail: Some(detail),
        },
    )
    .await;
}

async fn write(store: &Store, r: &NewAuditRecord<'_>) {
    if let Err(e) = store.append_audit(r, now()).await {
        tracing::error!(error = %e, event = r.event, "writing the audit log failed");
    }
}

//! "Download my data" (SPEC §8): everything the server holds about an account, as
//! one JSON document: the profile and photo, its addresses (a pending change too),
//! linked sign-in methods, teams, live sessions, connected apps and its audit
//! records. Never a secret: no password hash, TOTP secret, recovery code, session
//! id or token (hash) leaves this way; only whether a password or two-step
//! verification is set.

use super::{Services, links::CONFIRM_TTL};
use crate::store::users::User;
use base64::Engine;
use serde_json::{Value, json};

/// At most this many audit records are exported, oldest first (the log keeps
/// `[audit] retention`, 400 days by default).
pub const MAX_AUDIT_RECORDS: i64 = 10_000;

/// A time as RFC 3339 (UTC), or `null`.
fn at(t: Option<i64>) -> Value {
    t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .map_or(Value::Null, Value::String)
}

/// How the pages show a relying app: its name (else its id).
pub trait AppNames {
    fn app_name(&self, client_id: &str) -> String;
}

/// The whole export of `user`. `picture_url` is the photo's public address (if it
/// has one); `apps` names the connected apps.
pub async fn collect(
    services: &Services<'_>,
    user: &User,
    picture_url: Option<String>,
    apps: &impl AppNames,
) -> anyhow::Result<Value> {
    let store = services.store();
    let now = services.now;
    let photo = match store.avatar(&user.id).await? {
        Some((png, updated)) => json!({
            "url": picture_url,
            "updated_at": at(Some(updated)),
            "content_type": "image/png",
            "base64": base64::engine::general_purpose::STANDARD.encode(png),
        }),
        None => Value::Null,
    };
    let mut addresses = vec![json!({
        "email": user.email,
        "status": if user.email_verified { "confirmed" } else { "not_confirmed" },
    })];
    if let Some((email, asked)) = store.pending_email(&user.id).await? {
        addresses.push(json!({
            "email": email,
            "status": "pending",
            "requested_at": at(Some(asked)),
            "link_expires_at": at(Some(asked + CONFIRM_TTL)),
        }));
    }
    let identities: Vec<Value> = store
        .user_identities(&user.id)
        .await?
        .into_iter()
        .map(|i| {
            json!({
                "upstream": i.upstream_id,
                "issuer": i.issuer,
                "subject": i.subject,
                "email": i.email,
            })
        })
        .collect();
    let teams: Vec<Value> = store
        .user_teams(&user.id)
        .await?
        .into_iter()
        .map(|t| {
            json!({
                "id": t.id,
                "name": t.name,
                "role": t.role,
                "owner": t.owner_id == user.id,
            })
        })
        .collect();
    let tr = services.tr_for(user.locale.as_deref());
    let sessions: Vec<Value> = store
        .user_sessions(&user.id, now)
        .await?
        .into_iter()
        .map(|(_sid, ua, signed_in)| {
            json!({
                "device": crate::audit::device(&tr, ua.as_deref()),
                "user_agent": ua,
                "signed_in_at": at(Some(signed_in)),
            })
        })
        .collect();
    let connected: Vec<Value> = store
        .connected_apps(&user.id, now)
        .await?
        .into_iter()
        .map(|a| {
            json!({
                "client_id": a.client_id,
                "name": apps.app_name(&a.client_id),
                "scopes": a.scope.split_whitespace().collect::<Vec<_>>(),
                "allowed_at": at(a.allowed_at),
                "last_used_at": at(a.last_used_at),
            })
        })
        .collect();
    let audit: Vec<Value> = store
        .audit_records(Some(&user.id), 0, MAX_AUDIT_RECORDS)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "at": at(Some(r.at)),
                "event": r.event,
                "ip": r.ip,
                "user_agent": r.user_agent,
                "detail": r.detail,
            })
        })
        .collect();
    // Passkeys: their public parts only (a credential id and a public key are no
    // secret; the private key never leaves the person's device).
    let passkeys: Vec<Value> = store
        .user_passkeys(&user.id)
        .await?
        .into_iter()
        .map(|p| {
            json!({
                "name": p.name,
                "credential_id": p.cred_id,
                "synced": p.backup_eligible,
                "added_at": at(Some(p.created_at)),
                "last_used_at": at(p.last_used_at),
            })
        })
        .collect();
    let two_step = match user.totp_enabled_at {
        Some(since) => json!({
            "enabled": true,
            "since": at(Some(since)),
            "recovery_codes_left": store.recovery_codes_left(&user.id).await?,
        }),
        None => json!({ "enabled": false }),
    };
    Ok(json!({
        "exported_at": at(Some(now)),
        "profile": {
            "id": user.id,
            "username": user.username,
            "name": user.name,
            "email": user.email,
            "email_verified": user.email_verified,
            "locale": user.locale,
            "created_at": at(Some(user.created_at)),
            "updated_at": at(Some(user.updated_at)),
            "onboarded_at": at(user.onboarded_at),
            "disabled": user.disabled,
            "has_password": user.password_hash.is_some(),
            "two_step": two_step,
            "photo": photo,
        },
        "addresses": addresses,
        "linked_identities": identities,
        "passkeys": passkeys,
        "teams": teams,
        "sessions": sessions,
        "connected_apps": connected,
        "audit_log": audit,
    }))
}

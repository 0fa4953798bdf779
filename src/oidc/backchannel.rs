//! OIDC Back-Channel Logout 1.0: when a person signs out (of one account, of all
//! accounts, of a session in Settings), resets the password, or is disabled or
//! deleted, every app that holds a grant of that session and has a
//! `backchannel_logout_uri` gets a signed logout token (§2.4), POSTed as
//! `logout_token` (§2.5). Tokens wait in the database and a worker on each instance
//! sends them, with retries and backoff, so a slow or failing app never holds up a
//! sign-out and nothing is lost on restart.

use super::{Provider, clients::Clients, now};
use crate::store::{Store, StoreResult};
use serde_json::{Map, Value, json};
use std::time::Duration;

/// The `events` member that makes a JWT a logout token (§2.4).
pub const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// A logout token's life: short, it is used at once (§2.4 `exp`).
const TOKEN_TTL: i64 = 120;
/// Attempts before a token is given up on (the backoff spreads them over ~2 hours).
const MAX_ATTEMPTS: i64 = 8;
/// How long an app may take to answer (§2.8: the OP should not wait long).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(5);

/// Queues a logout token for each app with a grant of `user_id` from the session
/// `sid` (`None`: from any of the account's sessions), and wakes this instance's
/// sender. Call it before the grants go (an account's deletion removes them).
/// Returns how many were queued.
pub async fn notify(
    provider: &Provider,
    user_id: &str,
    sid: Option<&str>,
    now: i64,
) -> StoreResult<usize> {
    let queued = queue(
        &provider.store,
        &provider.clients,
        &provider.issuer,
        user_id,
        sid,
        now,
    )
    .await?;
    if queued > 0 {
        provider.backchannel_wake.notify_one();
    }
    Ok(queued)
}

/// [`notify`] without a running instance (the CLI): the tokens are queued, and
/// the servers' senders pick them up within 5 s.
pub async fn queue(
    store: &Store,
    clients: &Clients,
    issuer: &str,
    user_id: &str,
    sid: Option<&str>,
    now: i64,
) -> StoreResult<usize> {
    let mut queued = 0;
    for target in store.logout_targets(user_id, sid, now).await? {
        let Some(client) = clients.get(&target.client_id) else {
            continue;
        };
        let Some(uri) = &client.backchannel_logout_uri else {
            continue;
        };
        let mut claims = json!({
            "iss": issuer,
            "aud": client.id,
            "sub": user_id,
            "jti": crate::crypto::random_id(),
            "events": { EVENT: {} },
        });
        if let Some(sid) = &target.sid {
            claims["sid"] = json!(sid);
        }
        let id = crate::crypto::random_id();
        store
            .queue_logout(&id, &client.id, uri, &claims.to_string(), now)
            .await?;
        queued += 1;
    }
    Ok(queued)
}

/// Sends the logout tokens that are due (this instance's share: each row is
/// claimed with a lease first).
pub async fn deliver_due(provider: &Provider, http: &reqwest::Client) -> anyhow::Result<()> {
    for row in provider.store.claim_logouts(now(), 60, 20).await? {
        match send(provider, http, &row.client_id, &row.uri, &row.claims).await {
            Ok(()) => {
                provider.store.logout_delivered(&row.id, now()).await?;
                metrics::counter!("lanyard_backchannel_logouts_total", "result" => "delivered")
                    .increment(1);
            }
            Err(e) => {
                let attempts = row.attempts + 1;
                let (next, result) = if attempts >= MAX_ATTEMPTS {
                    tracing::error!(client = %row.client_id, error = %e, "giving up on a logout token after {attempts} attempts");
                    (i64::MAX, "given_up")
                } else {
                    let delay = (15_i64 << attempts.min(10)).min(3600);
                    tracing::warn!(client = %row.client_id, error = %e, retry_in_s = delay, "back-channel logout failed; will retry");
                    (now() + delay, "failed")
                };
                let error = e.to_string();
                provider.store.logout_failed(&row.id, &error, next).await?;
                metrics::counter!("lanyard_backchannel_logouts_total", "result" => result)
                    .increment(1);
            }
        }
    }
    Ok(())
}

/// Signs the token now (fresh `iat` and `exp`, the same `jti` on every attempt)
/// and POSTs it; only a 2xx answer counts (§2.8).
async fn send(
    provider: &Provider,
    http: &reqwest::Client,
    client_id: &str,
    uri: &str,
    claims: &str,
) -> anyhow::Result<()> {
    let client = provider
        .clients
        .get(client_id)
        .ok_or_else(|| anyhow::anyhow!("the client {client_id:?} is no longer configured"))?;
    let mut claims: Map<String, Value> = serde_json::from_str(claims)?;
    let at = now();
    claims.insert("iat".into(), json!(at));
    claims.insert("exp".into(), json!(at + TOKEN_TTL));
    let token = provider
        .keys
        .current()
        .signer(client.alg)
        .sign_jwt("logout+jwt", &Value::Object(claims));
    let answer = http
        .post(uri)
        .form(&[("logout_token", token)])
        .send()
        .await?;
    match answer.status() {
        s if s.is_success() => Ok(()),
        s => anyhow::bail!("the app answered {s}"),
    }
}

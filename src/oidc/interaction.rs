//! Finishing an authorization request: issuing the code and building the redirect
//! back to the client (RFC 6749 §4.1.2, RFC 9207 `iss`).

use super::{Provider, authorize::AuthRequest, error::OAuthError};
use crate::store::{codes::AuthCode, grants::Grant};
use url::Url;

/// Issues a code for `req` on behalf of the signed-in session and returns the
/// redirect URL that carries it.
pub async fn issue_code(
    provider: &Provider,
    req: &AuthRequest,
    sid: &str,
    user_id: &str,
    auth_time: i64,
    amr: &str,
    now: i64,
) -> Result<String, OAuthError> {
    let grant = Grant {
        id: crate::crypto::random_id(),
        client_id: req.client_id.clone(),
        user_id: user_id.to_string(),
        sid: Some(sid.to_string()),
        scope: req.scope.clone(),
        auth_time,
        amr: amr.to_string(),
        expires_at: now + provider.code_ttl,
        revoked_at: None,
        claims: req
            .id_token
            .as_ref()
            .and_then(|r| serde_json::to_string(r).ok()),
    };
    provider.store.create_grant(&grant, now).await?;
    let code = crate::crypto::random_token();
    provider
        .store
        .create_code(
            &crate::crypto::token_hash(&code),
            &AuthCode {
                grant_id: grant.id,
                client_id: req.client_id.clone(),
                redirect_uri: req.redirect_uri.clone(),
                nonce: req.nonce.clone(),
                code_challenge: req.code_challenge.clone(),
                expires_at: now + provider.code_ttl,
                consumed_at: None,
            },
        )
        .await?;
    Ok(redirect_with(
        provider,
        &req.redirect_uri,
        &[
            ("code", Some(code.as_str())),
            ("state", req.state.as_deref()),
        ],
    ))
}

/// The error redirect of RFC 6749 §4.1.2.1. The error's detail is logged here,
/// never sent.
pub fn error_redirect(
    provider: &Provider,
    redirect_uri: &str,
    state: Option<&str>,
    e: &OAuthError,
) -> String {
    e.log();
    redirect_with(
        provider,
        redirect_uri,
        &[
            ("error", Some(e.code.as_str())),
            ("error_description", Some(e.description.as_str())),
            ("state", state),
        ],
    )
}

/// Appends parameters (and `iss`) to a registered redirect URI, keeping its own query.
fn redirect_with(
    provider: &Provider,
    redirect_uri: &str,
    params: &[(&str, Option<&str>)],
) -> String {
    let Ok(mut url) = Url::parse(redirect_uri) else {
        // Registered URIs were validated at start; this cannot happen.
        return redirect_uri.to_string();
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            if let Some(v) = v {
                q.append_pair(k, v);
            }
        }
        q.append_pair("iss", &provider.issuer);
    }
    url.to_string()
}

//! The authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2): validating the
//! request, and the prompt policy that decides whether the person must sign in,
//! pick an account or consent before a code is issued.

use super::{
    Provider,
    error::OAuthError,
    has_scope,
    params::Params,
    pkce, scope_list,
    vocab::{GrantType, Prompt},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A validated authorization request, as stored while the person interacts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthRequest {
    pub client_id: String,
    pub redirect_uri: String,
    /// Granted scope: requested scopes the client may have, in request order.
    pub scope: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Vec<Prompt>,
    pub max_age: Option<i64>,
    pub login_hint: Option<String>,
    /// The `sub` of a valid `id_token_hint`.
    pub hint_sub: Option<String>,
    /// What the ID token must carry beyond the defaults: the `claims` parameter's
    /// `id_token` member (OIDC Core §5.5) and `acr_values` (§3.1.2.1).
    #[serde(default)]
    pub id_token: Option<super::claims::IdTokenRequest>,
}

impl AuthRequest {
    pub fn prompts(&self, p: Prompt) -> bool {
        self.prompt.contains(&p)
    }
}

/// Why a request cannot proceed, and how the person or app must be told.
#[derive(Debug)]
pub enum AuthorizeError {
    /// The client or redirect_uri cannot be trusted: show an error page, never redirect
    /// (RFC 6749 §4.1.2.1 first paragraph). The problem picks the page's plain words;
    /// the text is the developer's detail (shown folded away).
    Page(PageProblem, String),
    /// Redirect to the client with `error` and `state` (RFC 6749 §4.1.2.1).
    Redirect {
        redirect_uri: String,
        state: Option<String>,
        error: OAuthError,
    },
}

/// What is wrong with a request that cannot go back to its app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageProblem {
    /// No such client here.
    UnknownClient,
    /// The client is known, but the redirect_uri is missing or not one of its own.
    BadRedirectUri,
    /// A parameter cannot be read (repeated, say), before the client is known.
    Unreadable,
}

/// Validates the request parameters.
pub fn validate(
    provider: &Provider,
    params: &Params,
    now: i64,
) -> Result<AuthRequest, AuthorizeError> {
    let page = |problem| move |e: OAuthError| AuthorizeError::Page(problem, e.description);
    let client_id = params
        .get("client_id")
        .map_err(page(PageProblem::Unreadable))?
        .ok_or_else(|| {
            AuthorizeError::Page(
                PageProblem::UnknownClient,
                "The request has no client_id.".into(),
            )
        })?;
    let client = provider.clients.get(client_id).ok_or_else(|| {
        AuthorizeError::Page(
            PageProblem::UnknownClient,
            format!("The application {client_id:?} is not registered here."),
        )
    })?;
    let redirect_uri = params
        .get("redirect_uri")
        .map_err(page(PageProblem::BadRedirectUri))?
        .ok_or_else(|| {
            AuthorizeError::Page(
                PageProblem::BadRedirectUri,
                "The request has no redirect_uri (OIDC Core §3.1.2.1).".into(),
            )
        })?;
    if !client.has_redirect_uri(redirect_uri) {
        let hint = if super::clients::is_http_localhost(redirect_uri) {
            " A desktop app should listen on http://127.0.0.1 or http://[::1] instead of localhost, which matches on any port (RFC 8252 §7.3, §8.3)."
        } else {
            ""
        };
        return Err(AuthorizeError::Page(
            PageProblem::BadRedirectUri,
            format!(
                "The redirect_uri {redirect_uri:?} is not registered for this application.{hint}"
            ),
        ));
    }
    // From here on, errors go back to the client. `state` is echoed even when the
    // rest of the request is broken, if it can be read at all.
    let state = params.get("state").ok().flatten().map(str::to_string);
    let redirect = |error: OAuthError| AuthorizeError::Redirect {
        redirect_uri: redirect_uri.to_string(),
        state: state.clone(),
        error,
    };
    fn r<'p>(
        res: Result<Option<&'p str>, OAuthError>,
        redirect: &impl Fn(OAuthError) -> AuthorizeError,
    ) -> Result<Option<&'p str>, AuthorizeError> {
        res.map_err(redirect)
    }

    r(params.get("state"), &redirect)?;
    if r(params.get("request"), &redirect)?.is_some() {
        return Err(redirect(OAuthError::request_not_supported(
            "request objects are not supported",
        )));
    }
    if r(params.get("request_uri"), &redirect)?.is_some() {
        return Err(redirect(OAuthError::request_uri_not_supported(
            "request_uri is not supported",
        )));
    }
    match r(params.get("response_type"), &redirect)? {
        Some("code") => {}
        None => {
            return Err(redirect(OAuthError::invalid_request(
                "response_type is missing",
            )));
        }
        Some(other) => {
            return Err(redirect(OAuthError::unsupported_response_type(format!(
                "response_type {other:?} is not supported; use code"
            ))));
        }
    }
    match r(params.get("response_mode"), &redirect)? {
        None | Some("query") => {}
        Some(other) => {
            return Err(redirect(OAuthError::invalid_request(format!(
                "response_mode {other:?} is not supported; use query"
            ))));
        }
    }
    if !client.allows_grant(GrantType::AuthorizationCode) {
        return Err(redirect(OAuthError::unauthorized_client(
            "this client may not use the authorization code flow",
        )));
    }

    let requested = r(params.get("scope"), &redirect)?.ok_or_else(|| {
        redirect(OAuthError::invalid_scope(
            "scope is missing; include openid",
        ))
    })?;
    let mut granted = Vec::new();
    for s in scope_list(requested) {
        if !client.allows_scope(s) {
            return Err(redirect(OAuthError::invalid_scope(format!(
                "scope {s:?} is not allowed for this client"
            ))));
        }
        // offline_access only means something when the client may refresh.
        if s == "offline_access" && !client.allows_grant(GrantType::RefreshToken) {
            continue;
        }
        granted.push(s);
    }
    let scope = granted.join(" ");

    let code_challenge = r(params.get("code_challenge"), &redirect)?;
    let method = r(params.get("code_challenge_method"), &redirect)?;
    match code_challenge {
        Some(c) => pkce::check_challenge(c, method).map_err(redirect)?,
        None if client.is_public() => {
            return Err(redirect(OAuthError::invalid_request(
                "code_challenge is required for public clients (PKCE S256, RFC 7636)",
            )));
        }
        None if method.is_some() => {
            return Err(redirect(OAuthError::invalid_request(
                "code_challenge_method without code_challenge",
            )));
        }
        None => {}
    }

    let prompt = r(params.get("prompt"), &redirect)?
        .map(scope_list)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            p.parse::<Prompt>().map_err(|_| {
                redirect(OAuthError::invalid_request(format!(
                    "prompt {p:?} is not supported"
                )))
            })
        })
        .collect::<Result<Vec<Prompt>, _>>()?;
    if prompt.len() > 1 && prompt.contains(&Prompt::None) {
        return Err(redirect(OAuthError::invalid_request(
            "prompt=none cannot be combined with other values (OIDC Core §3.1.2.1)",
        )));
    }
    let max_age = match r(params.get("max_age"), &redirect)? {
        None => None,
        Some(v) => Some(v.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            redirect(OAuthError::invalid_request(
                "max_age must be a non-negative number of seconds",
            ))
        })?),
    };
    let hint_sub = match r(params.get("id_token_hint"), &redirect)? {
        None => None,
        Some(hint) => Some(
            id_token_hint_sub(provider, hint, &client.id).ok_or_else(|| {
                redirect(OAuthError::invalid_request(
                    "id_token_hint is not an ID token issued by this provider",
                ))
            })?,
        ),
    };
    let _ = now;
    let id_token = super::claims::IdTokenRequest::parse(
        r(params.get("claims"), &redirect)?,
        r(params.get("acr_values"), &redirect)?,
    )
    .map_err(redirect)?;
    Ok(AuthRequest {
        client_id: client.id.clone(),
        redirect_uri: redirect_uri.to_string(),
        scope,
        state: state.clone(),
        nonce: r(params.get("nonce"), &redirect)?.map(String::from),
        code_challenge: code_challenge.map(String::from),
        prompt,
        max_age,
        login_hint: r(params.get("login_hint"), &redirect)?.map(String::from),
        hint_sub,
        id_token,
    })
}

/// The `sub` of an ID token we issued (expired ones are fine as hints, OIDC Core
/// §3.1.2.1), checked for our signature and issuer and, when given, its audience.
pub fn id_token_hint_sub(provider: &Provider, token: &str, client_id: &str) -> Option<String> {
    let claims = provider.keys.current().verify_jwt(token, "JWT").ok()?;
    if claims.get("iss").and_then(Value::as_str) != Some(provider.issuer.as_str()) {
        return None;
    }
    if !client_id.is_empty() && !audience_contains(&claims, client_id) {
        return None;
    }
    claims.get("sub").and_then(Value::as_str).map(String::from)
}

pub fn audience_contains(claims: &Value, client_id: &str) -> bool {
    match claims.get("aud") {
        Some(Value::String(a)) => a == client_id,
        Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    }
}

/// The signed-in account the policy looks at.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub sid: String,
    pub user_id: String,
    pub auth_time: i64,
}

/// What happened in this interaction so far.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// The person signed in (entered credentials) for this very request.
    pub signed_in_now: bool,
    /// The person picked the account on the chooser for this request.
    pub chose_now: bool,
    pub consented_now: bool,
}

/// What the request needs next.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    NeedLogin,
    SelectAccount,
    NeedConsent,
    /// All checks passed: issue a code.
    Proceed,
    /// prompt=none could not be satisfied.
    Fail(OAuthError),
}

/// The prompt policy: named checks, in order. `prior_consent` is the scope the person
/// already allowed this client, if any.
pub fn decide(
    provider: &Provider,
    req: &AuthRequest,
    session: Option<&SessionView>,
    progress: &Progress,
    prior_consent: Option<&str>,
    now: i64,
) -> Outcome {
    let interactive = !req.prompts(Prompt::None);
    let need = |outcome: Outcome, error: OAuthError| {
        if interactive {
            outcome
        } else {
            Outcome::Fail(error)
        }
    };

    // 1. Nobody signed in.
    let Some(session) = session else {
        return need(
            Outcome::NeedLogin,
            OAuthError::login_required("no one is signed in"),
        );
    };
    // 2. prompt=login: the person must sign in again for this request.
    if req.prompts(Prompt::Login) && !progress.signed_in_now {
        return Outcome::NeedLogin;
    }
    // 3. max_age: the sign-in is too old (OIDC Core §3.1.2.1).
    if let Some(max_age) = req.max_age
        && now - session.auth_time > max_age
        && !progress.signed_in_now
    {
        return need(
            Outcome::NeedLogin,
            OAuthError::login_required("the sign-in is older than max_age"),
        );
    }
    // 4. id_token_hint names someone else.
    if let Some(sub) = &req.hint_sub
        && sub != &session.user_id
    {
        return need(
            Outcome::NeedLogin,
            OAuthError::login_required("the account in id_token_hint is not the one signed in"),
        );
    }
    // 5. prompt=select_account: the person picks the account for this request.
    if req.prompts(Prompt::SelectAccount) && !progress.signed_in_now && !progress.chose_now {
        return Outcome::SelectAccount;
    }
    // 6. Consent, for clients that are not first party.
    let client = provider.clients.get(&req.client_id);
    let first_party = client.is_some_and(|c| c.first_party);
    let consent_covers = prior_consent
        .is_some_and(|prior| scope_list(&req.scope).iter().all(|s| has_scope(prior, s)));
    if !progress.consented_now
        && (req.prompts(Prompt::Consent) || (!first_party && !consent_covers))
    {
        return need(
            Outcome::NeedConsent,
            OAuthError::consent_required(
                "the person has not allowed this application these scopes",
            ),
        );
    }
    Outcome::Proceed
}

#[cfg(test)]
#[path = "authorize_tests/mod.rs"]
mod tests;

//! Thin HTTP adapters for the protocol endpoints: parse the request, call the
//! `oidc` core, shape the response (JSON errors per RFC 6749 §5.2 / RFC 6750 §3).

use super::{
    extract::Now,
    oauth_extract::{Bearer, OAuthForm, OAuthRejection, authorization},
    render::{PageError, PageResult, error_page_with, see_other, with_retry_after},
    request_binding, session, urls,
};
use crate::{
    audit::Requester,
    audit::{self, event},
    auth::throttle::{Key, Kind},
    oidc::{
        authorize::{self, AuthRequest, AuthorizeError, Outcome, PageProblem, Progress},
        device,
        error::{ErrorCode, OAuthError},
        interaction, introspection, par,
        params::Params,
        revocation, token, userinfo,
    },
    store::{
        interactions::{Interaction, NewInteraction},
        sessions::Session,
        users::User,
    },
    web::state::AppState,
};
use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// A JSON response that must not be cached (RFC 6749 §5.1).
fn json_no_store(status: StatusCode, body: impl Into<axum::body::Body>) -> Response {
    let mut r = (status, body.into()).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    r
}

/// An OAuth error as JSON, with `WWW-Authenticate` where the RFCs require it. The
/// error's detail is logged here, never sent.
pub fn oauth_error(e: &OAuthError) -> Response {
    e.log();
    let body = serde_json::json!({"error": e.code.as_str(), "error_description": e.description})
        .to_string();
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut r = json_no_store(status, body);
    let challenge = match e.code {
        ErrorCode::InvalidClient => Some("Basic realm=\"lanyard\"".to_string()),
        ErrorCode::InvalidToken | ErrorCode::InsufficientScope => Some(format!(
            "Bearer realm=\"lanyard\", error=\"{}\", error_description=\"{}\"",
            e.code,
            e.description.replace('"', "'")
        )),
        _ => None,
    };
    if let Some(c) = challenge.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, c);
    }
    r
}

pub async fn discovery(State(state): State<AppState>) -> Response {
    cached_json(state.provider.discovery_json.clone())
}

pub async fn jwks(State(state): State<AppState>) -> Response {
    cached_json(state.provider.keys.current().jwks_json.clone())
}

fn cached_json(body: Bytes) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    // Short enough that a rotation reaches relying parties quickly.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

/// The throttle key of client authentication from one IP.
fn client_auth_key(from: &Requester) -> Key {
    Key::ip(Kind::ClientFailures, "client_auth", from.ip)
}

/// Refuses an IP that keeps failing client authentication (429 + Retry-After). The
/// shared counter is touched only for an IP that failed lately on this instance, so
/// the token endpoint's hot path does no extra query. For such an IP the attempt is
/// counted before the secret is checked (`Ok(true)`), so a burst of parallel
/// guesses gets no more checks than sequential ones.
async fn client_auth_gate(state: &AppState, from: &Requester) -> Result<bool, Response> {
    let key = client_auth_key(from);
    if !state.throttle.is_suspect(&key) {
        return Ok(false);
    }
    match state.throttle.attempt(state.store(), &[key]).await {
        Ok(()) => Ok(true),
        Err(wait) => {
            let body = serde_json::json!({
                "error": "invalid_client",
                "error_description": format!("too many failed client authentications from this address; retry after {} s", wait.0),
            });
            Err(with_retry_after(
                json_no_store(StatusCode::TOO_MANY_REQUESTS, body.to_string()),
                wait.0,
            ))
        }
    }
}

/// Counts a failed client authentication (unless the gate counted it already) and
/// records it in the audit log.
async fn client_auth_failed(state: &AppState, from: &Requester, e: &OAuthError, counted: bool) {
    if e.code != ErrorCode::InvalidClient {
        return;
    }
    let key = client_auth_key(from);
    if !counted {
        state
            .throttle
            .hit(state.store(), std::slice::from_ref(&key))
            .await;
    }
    state.throttle.suspect(&key);
    audit::record(
        state.store(),
        from,
        event::CLIENT_AUTH_FAILED,
        None,
        Some(&e.description),
    )
    .await;
}

/// Runs an endpoint that authenticates the client (token, revocation, introspection):
/// refuses an address throttled for failed client authentication before `run`, and
/// counts a failure when `run` ends in `invalid_client`.
async fn with_client_auth<T>(
    state: &AppState,
    from: &Requester,
    run: impl Future<Output = Result<T, OAuthError>>,
) -> Result<T, Response> {
    let counted = client_auth_gate(state, from).await?;
    let result = run.await;
    let failed = matches!(&result, Err(e) if e.code == ErrorCode::InvalidClient);
    if counted && !failed {
        // Counted before checking, and it was no failed client authentication.
        let key = client_auth_key(from);
        state.throttle.refund(state.store(), &key).await;
    }
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            client_auth_failed(state, from, &e, counted).await;
            Err(oauth_error(&e))
        }
    }
}

pub async fn token(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    from: Requester,
    OAuthForm(params): OAuthForm,
) -> Response {
    let result = with_client_auth(&state, &from, async {
        token::exchange(&state.provider, authorization(&headers)?, &params, now).await
    })
    .await;
    match result {
        Ok((grant, t)) => {
            super::metrics::token_issued(grant);
            json_no_store(
                StatusCode::OK,
                serde_json::to_string(&t).unwrap_or_default(),
            )
        }
        Err(r) => r,
    }
}

/// RFC 8628 §3.1, §3.2: a device (authenticated like at the token endpoint) asks
/// for a device code and a user code.
pub async fn device_authorization(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    from: Requester,
    OAuthForm(params): OAuthForm,
) -> Response {
    let result = with_client_auth(&state, &from, async {
        device::authorize(&state.provider, authorization(&headers)?, &params, now).await
    })
    .await;
    json_answer(StatusCode::OK, result)
}

/// RFC 9126 §2: a client pushes its authorization request; 201 with the
/// `request_uri` for `/authorize`.
pub async fn pushed_authorization(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    from: Requester,
    OAuthForm(params): OAuthForm,
) -> Response {
    let result = with_client_auth(&state, &from, async {
        par::push(&state.provider, authorization(&headers)?, &params, now).await
    })
    .await;
    json_answer(StatusCode::CREATED, result)
}

/// A JSON answer with `status`, or the error response already made.
fn json_answer<T: serde::Serialize>(status: StatusCode, result: Result<T, Response>) -> Response {
    match result {
        Ok(v) => json_no_store(status, serde_json::to_string(&v).unwrap_or_default()),
        Err(r) => r,
    }
}

pub async fn userinfo(
    State(state): State<AppState>,
    Now(now): Now,
    Bearer(token): Bearer,
) -> Response {
    match userinfo::userinfo(&state.provider, &token, now).await {
        Ok(claims) => json_no_store(
            StatusCode::OK,
            serde_json::Value::Object(claims).to_string(),
        ),
        Err(e) => oauth_error(&e),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    from: Requester,
    OAuthForm(params): OAuthForm,
) -> Response {
    let result = with_client_auth(&state, &from, async {
        revocation::revoke(&state.provider, authorization(&headers)?, &params, now).await
    })
    .await;
    match result {
        Ok(()) => {
            audit::record(state.store(), &from, event::TOKEN_REVOKED, None, None).await;
            json_no_store(StatusCode::OK, "{}")
        }
        Err(r) => r,
    }
}

pub async fn introspect(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    from: Requester,
    OAuthForm(params): OAuthForm,
) -> Response {
    let result = with_client_auth(&state, &from, async {
        introspection::introspect(&state.provider, authorization(&headers)?, &params, now).await
    })
    .await;
    match result {
        Ok(v) => json_no_store(StatusCode::OK, v.to_string()),
        Err(r) => r,
    }
}

pub async fn authorize_get(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let params = Params::parse(q.unwrap_or_default().as_bytes());
    start_authorization(&state, &headers, &params, now).await
}

/// OIDC Core §3.1.2.1: the authorization endpoint also takes form POSTs.
pub async fn authorize_post(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    form: Result<OAuthForm, OAuthRejection>,
) -> PageResult {
    let params = match form {
        Ok(OAuthForm(params)) => params,
        Err(OAuthRejection::OAuth(e)) => {
            return Ok(invalid_request_page(
                &state,
                PageProblem::Unreadable,
                &e.description,
                None,
            ));
        }
        Err(body) => return Ok(body.into_response()),
    };
    start_authorization(&state, &headers, &params, now).await
}

async fn start_authorization(
    state: &AppState,
    headers: &HeaderMap,
    params: &Params,
    now: i64,
) -> PageResult {
    let client_id = params.get("client_id").ok().flatten();
    let (pushed, params) = match par::resolve(&state.provider, params, now).await? {
        par::Resolution::NotPushed => (None, params),
        par::Resolution::Pushed(p) => (Some(p), params),
        par::Resolution::Unusable(detail) => {
            let problem = PageProblem::Unreadable;
            return Ok(invalid_request_page(state, problem, &detail, client_id));
        }
    };
    let params = pushed.as_ref().unwrap_or(params);
    let req = match authorize::validate(&state.provider, params, now) {
        Ok(r) => r,
        Err(AuthorizeError::Page(problem, detail)) => {
            let client_id = params.get("client_id").ok().flatten();
            return Ok(invalid_request_page(state, problem, &detail, client_id));
        }
        Err(AuthorizeError::Redirect {
            redirect_uri,
            state: st,
            error,
        }) => {
            let to =
                interaction::error_redirect(&state.provider, &redirect_uri, st.as_deref(), &error);
            return Ok(see_other(&to, []));
        }
    };
    let client = state.provider.clients.get(&req.client_id);
    if let Some(e) = client.and_then(|c| par::required_but_not_pushed(c, pushed.is_some())) {
        let to = interaction::error_redirect(
            &state.provider,
            &req.redirect_uri,
            req.state.as_deref(),
            &e,
        );
        return Ok(see_other(&to, []));
    }
    proceed(state, headers, req, None, now).await
}

/// The page for an authorization request that cannot go back to its app: what
/// happened in plain words, the way back to the app when it is known and has a
/// `client_uri`, and the developer's detail folded away.
fn invalid_request_page(
    state: &AppState,
    problem: PageProblem,
    detail: &str,
    client_id: Option<&str>,
) -> Response {
    let ui = crate::web::ui::Ui::current();
    let message = ui.t(match problem {
        PageProblem::UnknownClient => "authorize-unknown-app",
        PageProblem::BadRedirectUri => "authorize-bad-return",
        PageProblem::Unreadable => "authorize-bad-request",
    });
    // Only a registered app has a name and an address of its own to go back to.
    let app = client_id
        .filter(|id| state.provider.clients.get(id).is_some())
        .map(|id| state.app(id));
    let back = app.as_ref().and_then(|a| {
        let uri = a.client_uri.clone()?;
        Some((uri, ui.t1("back-to-app", "client", &a.name)))
    });
    error_page_with(
        StatusCode::BAD_REQUEST,
        &ui.t("authorize-invalid-title"),
        &message,
        Some(detail),
        back.as_ref().map(|(u, t)| (u.as_str(), t.as_str())),
    )
}

/// Resumes a pending request after sign-in, account choice or consent. Only the
/// browser that started the request may resume it (`request_binding`).
pub async fn resume(
    State(state): State<AppState>,
    Now(now): Now,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let params = Params::parse(q.unwrap_or_default().as_bytes());
    let uid = params.get("uid").ok().flatten().unwrap_or_default();
    let cont = crate::signin::Continuation::new(uid, "");
    let Some((ix, req)) = super::signin::pending(&state, &headers, &cont, Now(now)).await? else {
        return Err(PageError::RequestUnavailable);
    };
    proceed(&state, &headers, req, Some(ix), now).await
}

/// The account of this browser a request is about, and what was done for it.
pub struct RequestAccount {
    pub account: Option<(Session, User)>,
    pub progress: Progress,
    /// The account was picked by `login_hint` alone (no action of the person).
    pub by_login_hint: bool,
}

/// Picks the account a request is about, in order: the account signed in or chosen
/// for this very request; the one `id_token_hint` or `login_hint` names, if it is
/// signed in here (for this request only: the browser's current account does not
/// change without the person's action); else the current account. A `login_hint`
/// that names nobody signed in here means nobody: the login form opens, prefilled.
/// Consent counts only when it was given on this request by the picked account.
pub async fn request_account(
    state: &AppState,
    headers: &HeaderMap,
    req: &AuthRequest,
    ix: Option<&Interaction>,
    now: i64,
) -> anyhow::Result<RequestAccount> {
    let mut all = session::all(state, headers, now).await?;
    let position = |all: &[(Session, User)], sid: Option<&str>| {
        sid.and_then(|sid| all.iter().position(|(s, _)| s.sid == sid))
    };
    let acted = ix.and_then(|ix| {
        position(&all, ix.login_sid.as_deref()).or(position(&all, ix.chosen_sid.as_deref()))
    });
    let hint = req.login_hint.as_deref().map(str::to_lowercase);
    let hinted = || {
        all.iter().position(|(_, u)| match (&req.hint_sub, &hint) {
            (Some(sub), _) => &u.id == sub,
            (None, Some(h)) => &u.email == h || &u.username == h,
            (None, None) => false,
        })
    };
    let (index, by_login_hint) = match acted {
        Some(i) => (Some(i), false),
        None => match hinted() {
            Some(i) => (Some(i), req.hint_sub.is_none()),
            None if hint.is_some() && req.hint_sub.is_none() => (None, false),
            None => ((!all.is_empty()).then_some(0), false),
        },
    };
    let account = index.map(|i| all.swap_remove(i));
    let sid = account.as_ref().map(|(s, _)| s.sid.as_str());
    let is = |field: Option<&String>| sid.is_some() && field.map(String::as_str) == sid;
    let progress = Progress {
        signed_in_now: ix.is_some_and(|ix| is(ix.login_sid.as_ref())),
        chose_now: ix.is_some_and(|ix| is(ix.chosen_sid.as_ref())),
        consented_now: ix.is_some_and(|ix| is(ix.consent_sid.as_ref())),
    };
    Ok(RequestAccount {
        account,
        progress,
        by_login_hint,
    })
}

/// Runs the prompt policy and acts on its outcome.
async fn proceed(
    state: &AppState,
    headers: &HeaderMap,
    req: AuthRequest,
    ix: Option<Interaction>,
    now: i64,
) -> PageResult {
    let p = &state.provider;
    let picked = request_account(state, headers, &req, ix.as_ref(), now).await?;
    let current = picked.account;
    let prior = match &current {
        Some((_, user)) => p.store.consented_scope(&user.id, &req.client_id).await?,
        None => None,
    };
    let view = current.as_ref().map(|(s, _)| session::view(s));
    let mut outcome = authorize::decide(
        p,
        &req,
        view.as_ref(),
        &picked.progress,
        prior.as_deref(),
        now,
    );
    // prompt=none: a client the hinted account has not allowed must not learn that
    // the account is signed in here, so it gets the answer it would get if it were
    // not (OIDC Core §3.1.2.6 leaves the choice between these errors to the OP).
    if picked.by_login_hint
        && matches!(&outcome, Outcome::Fail(e) if e.code == ErrorCode::ConsentRequired)
    {
        outcome = Outcome::Fail(OAuthError::login_required("no one is signed in"));
    }
    let uid = ix.map(|ix| ix.uid);
    let page: fn(&str) -> String = match outcome {
        Outcome::Proceed => {
            let (s, _) = current.expect("Proceed implies a session");
            if let Some(uid) = &uid
                && !p.store.take_interaction(uid).await?
            {
                return Err(PageError::RequestUnavailable);
            }
            let to = interaction::issue_code(p, &req, &s.sid, &s.user_id, s.auth_time, &s.amr, now)
                .await
                // Delivered as the error page: its log line carries the detail.
                .map_err(|e| {
                    PageError::Internal(anyhow::anyhow!(e.detail.unwrap_or(e.description)))
                })?;
            return Ok(see_other(&to, []));
        }
        Outcome::Fail(e) => {
            if let Some(uid) = &uid {
                p.store.take_interaction(uid).await?;
            }
            let to = interaction::error_redirect(p, &req.redirect_uri, req.state.as_deref(), &e);
            return Ok(see_other(&to, []));
        }
        Outcome::NeedLogin => urls::login_for,
        Outcome::SelectAccount => urls::accounts,
        Outcome::NeedConsent => urls::consent,
    };
    if let Some(uid) = uid {
        return Ok(see_other(&page(&uid), []));
    }
    let uid = crate::crypto::random_token();
    let (binding, cookie) = request_binding::bind_new_request(state, headers);
    p.store
        .create_interaction(
            &NewInteraction {
                uid: &uid,
                client_id: &req.client_id,
                params: &serde_json::to_string(&req)?,
                binding: &binding,
            },
            now,
            now + p.interaction_ttl,
        )
        .await?;
    Ok(see_other(&page(&uid), [cookie]))
}

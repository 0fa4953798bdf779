//! `/recover` ("Trouble signing in?"): "Email", the "I'm not a robot" captcha,
//! "Submit". The answer is the same whether or not the address has an account, and
//! so is the timing: the lookup happens either way and the mail is queued off the
//! request path.

use super::prelude::*;
use crate::{
    account::{links, rules},
    auth::{
        captcha::Captcha,
        throttle::{Key, Kind},
    },
    web::{signin::Carried, ui::Ui},
};

#[derive(Template)]
#[template(path = "recover.html")]
struct RecoverPage<'a> {
    ui: Ui,
    csrf: &'a str,
    email: &'a str,
    error: Option<&'a str>,
    captcha_site_key: Option<&'a str>,
    captcha_class: &'a str,
    captcha_script: Option<&'a str>,
    cont: &'a Continuation,
    /// "Back to sign in", keeping the pending request.
    back: String,
}

/// `text` for an HTML text node: `<`, `>`, `&` and `"` escaped; quotes kept.
fn render(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    (email, cont): (&str, &Continuation),
    error: Option<&str>,
) -> Response {
    let (csrf, cookie) = csrf::token(state, headers);
    let (site_key, class, script, origins) = match &state.captcha {
        Captcha::Pow { .. } => (None, "", None, None),
        Captcha::Remote(r) => {
            let (_, script, class) = r.field_and_script();
            (
                Some(r.site_key.as_str()),
                class,
                Some(script),
                Some(r.origins()),
            )
        }
    };
    let ui = Ui::current();
    let mut resp = page(
        status,
        &RecoverPage {
            ui,
            csrf: &csrf,
            email,
            error,
            captcha_site_key: site_key,
            captcha_class: class,
            captcha_script: script,
            cont,
            back: urls::login(cont),
        },
        cookie,
    );
    // A third-party widget needs its provider's scripts and frames on this page.
    if let Some(origins) = origins {
        let csp = format!(
            "default-src 'self'; script-src 'self' {origins}; frame-src {origins}; connect-src 'self' {origins}; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        );
        if let Ok(v) = axum::http::HeaderValue::from_str(&csp) {
            resp.headers_mut()
                .insert(axum::http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    resp
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Carried>,
) -> PageResult {
    let cont = q.continuation();
    Ok(render(&state, &headers, StatusCode::OK, ("", &cont), None))
}

/// "Email" and the captcha's answer, in the field of the configured captcha.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RecoverForm {
    uid: String,
    next: String,
    email: String,
    altcha: Option<String>,
    #[serde(rename = "g-recaptcha-response")]
    recaptcha: Option<String>,
    #[serde(rename = "h-captcha-response")]
    hcaptcha: Option<String>,
    #[serde(rename = "cf-turnstile-response")]
    turnstile: Option<String>,
}

impl RecoverForm {
    fn captcha_answer(&self, field: &str) -> Option<&str> {
        match field {
            "altcha" => self.altcha.as_deref(),
            "g-recaptcha-response" => self.recaptcha.as_deref(),
            "h-captcha-response" => self.hcaptcha.as_deref(),
            _ => self.turnstile.as_deref(),
        }
    }
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    Now(now): Now,
    CsrfForm(f): CsrfForm<RecoverForm>,
) -> PageResult {
    let email = f.email.trim().to_lowercase();
    let cont = Continuation::new(&f.uid, &f.next);
    let per_ip = Key::ip(Kind::IpRequests, "recover", client.ip);
    if let Err(wait) = state.throttle.request(state.store(), &[per_ip]).await {
        return Ok(too_many(wait.0));
    }
    if let Some(p) = rules::email_problem(&email) {
        return Ok(render(
            &state,
            &headers,
            StatusCode::BAD_REQUEST,
            (&email, &cont),
            Some(&Ui::current().t(p)),
        ));
    }
    let ip = client.ip_text();
    let answer = f.captcha_answer(state.captcha.field());
    if let Err(e) = state
        .captcha
        .verify(state.store(), answer, Some(&ip), now)
        .await
    {
        // Failing makes this address's next puzzles harder.
        let key = Captcha::throttle_key(client.ip);
        state.throttle.hit(state.store(), &[key]).await;
        return Ok(render(
            &state,
            &headers,
            StatusCode::BAD_REQUEST,
            (&email, &cont),
            Some(&Ui::current().t(e.message_id())),
        ));
    }
    // Per address typed (known or not, so the limit reveals nothing), counted once
    // the captcha is solved: nobody can flood an inbox with recovery mail.
    let per_address = Key::account("recover", &email);
    if let Err(wait) = state.throttle.request(state.store(), &[per_address]).await {
        return Ok(too_many(wait.0));
    }
    let user = state.store().user_by_login(&email).await?;
    if let Some(user) = user.filter(|u| !u.disabled) {
        let event = event::PASSWORD_RESET_REQUESTED;
        audit::record_user(state.store(), &client, event, &user.id).await;
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = links::send_recovery(&state.account(now), &user).await {
                tracing::error!(error = %e, "queueing a recovery email failed");
            }
        });
    }
    let ui = Ui::current();
    let title = ui.t("check-email-title");
    let message = ui.t1("recover-sent", "email", &email);
    let back = ui.t("recover-back");
    let login = urls::login(&cont);
    Ok(page(
        StatusCode::OK,
        &MessagePage::new(&title, &message, Some((&login, &back))),
        [],
    ))
}

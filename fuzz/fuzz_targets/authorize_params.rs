//! Authorization request validation (`oidc::authorize::validate`) against the
//! configured clients, the prompt policy (`decide`) on what it accepts, and
//! RP-initiated logout validation (`oidc::end_session::validate`). The input is the
//! query string of `/authorize` (or `/end_session`).
//!
//! Checked: an error is only ever redirected to a redirect_uri registered for the
//! client; an accepted request keeps to the client's scopes and PKCE rules and
//! survives the JSON round trip it takes through the interactions table; a logout
//! redirect only goes to a registered post_logout_redirect_uri.
#![no_main]

use lanyard::oidc::{
    authorize::{self, AuthRequest, AuthorizeError, Outcome, Progress, SessionView},
    end_session,
    params::Params,
    vocab::{GrantType, Prompt},
};
use lanyard_fuzz::{NOW, provider};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = provider();
    let params = Params::parse(data);
    let res = authorize::validate(p, &params, NOW);
    lanyard_fuzz::debug(|| format!("validate = {res:?}"));
    match res {
        Ok(req) => {
            let client = p.clients.get(&req.client_id).expect("a registered client");
            assert!(client.has_redirect_uri(&req.redirect_uri));
            assert!(client.allows_grant(GrantType::AuthorizationCode));
            for s in req.scope.split(' ').filter(|s| !s.is_empty()) {
                assert!(client.allows_scope(s), "scope {s:?} granted to {}", client.id);
            }
            if client.is_public() {
                assert!(req.code_challenge.is_some(), "public client without PKCE");
            }
            if let Some(c) = &req.code_challenge {
                assert_eq!(c.len(), 43);
            }
            if req.prompts(Prompt::None) {
                assert_eq!(req.prompt.len(), 1);
            }
            assert!(req.max_age.is_none_or(|m| m >= 0));

            let json = serde_json::to_string(&req).expect("AuthRequest serializes");
            let back: AuthRequest = serde_json::from_str(&json).expect("AuthRequest round trip");
            assert_eq!(serde_json::to_string(&back).unwrap(), json);

            let session = SessionView {
                sid: "sid".into(),
                user_id: "user-1".into(),
                auth_time: NOW - 600,
            };
            let progress = [
                Progress::default(),
                Progress {
                    signed_in_now: true,
                    chose_now: true,
                    consented_now: true,
                },
            ];
            for s in [None, Some(&session)] {
                for pr in &progress {
                    for prior in [None, Some("openid"), Some(req.scope.as_str())] {
                        let out = authorize::decide(p, &req, s, pr, prior, NOW);
                        if req.prompts(Prompt::None) {
                            assert!(matches!(out, Outcome::Proceed | Outcome::Fail(_)));
                        }
                        if s.is_none() {
                            assert!(matches!(out, Outcome::NeedLogin | Outcome::Fail(_)));
                        }
                    }
                }
            }
        }
        Err(AuthorizeError::Redirect { redirect_uri, error, .. }) => {
            // Redirecting anywhere not registered would be an open redirect.
            let client_id = params.get("client_id").unwrap().unwrap();
            let client = p.clients.get(client_id).expect("redirect for an unknown client");
            assert!(client.has_redirect_uri(&redirect_uri), "open redirect to {redirect_uri:?}");
            assert!(!error.code.as_str().is_empty());
        }
        Err(AuthorizeError::Page(_, detail)) => assert!(!detail.is_empty()),
    }

    let res = end_session::validate(p, &params);
    lanyard_fuzz::debug(|| format!("end_session = {res:?}"));
    if let Ok(out) = res {
        if let Some(redirect) = &out.redirect {
            let client = out
                .client_id
                .as_deref()
                .and_then(|id| p.clients.get(id))
                .expect("a logout redirect needs a known client");
            let to = url::Url::parse(redirect).expect("the logout redirect is a URL");
            let registered = client.post_logout_redirect_uris.iter().any(|u| {
                let u = url::Url::parse(u).unwrap();
                u.scheme() == to.scheme() && u.host() == to.host() && u.port() == to.port() && u.path() == to.path()
            });
            assert!(registered, "logout redirect to unregistered {redirect:?}");
        }
    }
});

//! The token endpoint's grants, called directly (no HTTP) on both databases with a
//! fixed clock: `token::exchange` with the code an authorization request got from
//! `interaction::issue_code`, as the web layer does. Table rows name the rule they
//! check; sequences check reuse, revocation and rotation.

use crate::{
    common::{Backend, REDIRECT, SECRET, query_param},
    fixture::{Db, NOW},
    on_both_backends,
};
use lanyard::{
    oidc::{Provider, authorize, claims, interaction, params::Params, token},
    store::users::User,
};
use serde_json::Value;

/// RFC 7636 appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const PKCE: &str =
    "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const SCOPE: &str = "openid profile offline_access";
/// When the person signed in, for the grants of these tests.
const AUTH_TIME: i64 = NOW - 30;

/// What the token endpoint answered, by field (the response type may move).
struct Issued {
    access_token: String,
    refresh_token: Option<String>,
    id_token: Option<String>,
    scope: String,
    expires_in: i64,
}

/// Without the tokens themselves: failures stay readable.
impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field("scope", &self.scope)
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &self.refresh_token.is_some())
            .field("id_token", &self.id_token.is_some())
            .finish_non_exhaustive()
    }
}

/// The error code of a refused request, as a string.
type Answer = Result<Issued, String>;

struct Env {
    /// Kept for its lifetime: dropping it drops a PostgreSQL test database.
    _db: Db,
    p: Provider,
    alice: User,
}

async fn env(backend: &Backend) -> Env {
    let db = Db::new(backend).await;
    // A service that may also ask for a person's scope (teams): its own tokens
    // still may not carry it.
    let team_service = serde_json::from_value(serde_json::json!({
        "id": "teamservice",
        "secret": SECRET,
        "grant_types": ["client_credentials"],
        "scopes": ["teams", "api.read", "api.write"],
    }))
    .unwrap();
    let p = db.provider(vec![team_service]).await;
    let alice = db.user("alice").await;
    Env { _db: db, p, alice }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

impl Env {
    /// An authorization request of `client_id` (with `extra` query parameters)
    /// that the policy let through: validated, then a code issued for alice.
    async fn code(&self, client_id: &str, extra: &str, now: i64) -> String {
        let query = format!(
            "client_id={client_id}&redirect_uri={}&response_type=code&scope={}&state=st&nonce=n-1{extra}",
            enc(REDIRECT),
            enc(SCOPE)
        );
        let req = authorize::validate(&self.p, &Params::parse(query.as_bytes()), now)
            .unwrap_or_else(|e| panic!("{query}: {e:?}"));
        let to = interaction::issue_code(
            &self.p,
            &req,
            "sid-1",
            &self.alice.id,
            AUTH_TIME,
            "pwd",
            now,
        )
        .await
        .unwrap();
        assert_eq!(query_param(&to, "state").as_deref(), Some("st"));
        query_param(&to, "code").expect("a code in the redirect")
    }

    /// POST /token with `form` (client authentication in the body, or `basic`).
    async fn token_with(&self, basic: Option<&str>, form: &[(&str, &str)], now: i64) -> Answer {
        let params = Params::from_pairs(
            form.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        token::exchange(&self.p, basic, &params, now)
            .await
            .map(|(_, r)| Issued {
                access_token: r.access_token,
                refresh_token: r.refresh_token,
                id_token: r.id_token,
                scope: r.scope,
                expires_in: r.expires_in,
            })
            .map_err(|e| e.code.to_string())
    }

    async fn token(&self, form: &[(&str, &str)], now: i64) -> Answer {
        self.token_with(None, form, now).await
    }

    /// Exchanges a code the usual way: `client_id` (with its secret when it has
    /// one), the registered redirect_uri and an optional verifier.
    async fn redeem(
        &self,
        client_id: &str,
        code: &str,
        verifier: Option<&str>,
        now: i64,
    ) -> Answer {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("client_id", client_id),
        ];
        if client_id != "spa" {
            form.push(("client_secret", SECRET));
        }
        if let Some(v) = verifier {
            form.push(("code_verifier", v));
        }
        self.token(&form, now).await
    }

    async fn refresh(&self, client_id: &str, token: &str, scope: Option<&str>, now: i64) -> Answer {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", token),
            ("client_id", client_id),
        ];
        if client_id != "spa" {
            form.push(("client_secret", SECRET));
        }
        if let Some(s) = scope {
            form.push(("scope", s));
        }
        self.token(&form, now).await
    }

    /// The claims of an access token we issued, checked as a resource server would.
    fn access_claims(&self, at: &str, now: i64) -> Value {
        claims::verify_access_token(&self.p, at, now).expect("a valid access token")
    }

    /// Whether an access token still works server-side (not revoked, grant live).
    async fn live(&self, at: &str, now: i64) -> bool {
        let c = self.access_claims(at, now);
        self.p
            .store
            .access_token_live(c["jti"].as_str().unwrap(), c["gid"].as_str(), now)
            .await
            .unwrap()
    }

    /// The grant an access token hangs off.
    async fn grant_of(&self, at: &str, now: i64) -> lanyard::store::grants::Grant {
        let c = self.access_claims(at, now);
        self.p
            .store
            .grant(c["gid"].as_str().expect("a person's token has gid"))
            .await
            .unwrap()
            .expect("the grant exists")
    }

    /// A code of `client` exchanged: (access token, refresh token).
    async fn tokens(&self, client: &str, now: i64) -> (String, String) {
        let code = self.code(client, "", now).await;
        let t = self.redeem(client, &code, None, now).await.unwrap();
        (
            t.access_token,
            t.refresh_token
                .expect("offline_access gives a refresh token"),
        )
    }
}

/// The claims of a JWT, unverified (verification is checked elsewhere).
fn jwt_claims(jwt: &str) -> Value {
    use base64::Engine;
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}

struct CodeRow {
    name: &'static str,
    /// The client of the authorization request.
    client: &'static str,
    /// Extra parameters of the authorization request.
    authorize: &'static str,
    /// The client at the token endpoint.
    presenter: &'static str,
    /// The secret it authenticates with (None: its usual one, if it has one).
    secret: Option<&'static str>,
    verifier: Option<&'static str>,
    /// `None`: the parameter is left out.
    redirect_uri: Option<&'static str>,
    /// Present this instead of the issued code.
    code: Option<&'static str>,
    /// Seconds between issuing the code and exchanging it.
    after: i64,
    /// Ok, or the error code.
    expect: Result<(), &'static str>,
    /// For a refused row: whether the right request still gets tokens afterwards
    /// (false: the failed attempt used the code up).
    code_survives: bool,
}

const CODE_BASE: CodeRow = CodeRow {
    name: "",
    client: "webapp",
    authorize: "",
    presenter: "webapp",
    secret: None,
    verifier: None,
    redirect_uri: Some(REDIRECT),
    code: None,
    after: 5,
    expect: Ok(()),
    code_survives: false,
};

const CODE_ROWS: &[CodeRow] = &[
    CodeRow {
        name: "confidential client, no PKCE",
        ..CODE_BASE
    },
    CodeRow {
        name: "confidential client, PKCE S256 verifier matches",
        authorize: PKCE,
        verifier: Some(VERIFIER),
        ..CODE_BASE
    },
    CodeRow {
        name: "public client, PKCE S256 verifier matches",
        client: "spa",
        presenter: "spa",
        authorize: PKCE,
        verifier: Some(VERIFIER),
        ..CODE_BASE
    },
    CodeRow {
        name: "PKCE: wrong verifier (uses the code up)",
        client: "spa",
        presenter: "spa",
        authorize: PKCE,
        verifier: Some("eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "PKCE: verifier missing",
        client: "spa",
        presenter: "spa",
        authorize: PKCE,
        verifier: None,
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "PKCE: the challenge sent back as verifier (plain is not supported)",
        client: "spa",
        presenter: "spa",
        authorize: PKCE,
        verifier: Some(CHALLENGE),
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "PKCE: verifier of 42 characters (RFC 7636 §4.1 needs 43)",
        client: "spa",
        presenter: "spa",
        authorize: PKCE,
        verifier: Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX"),
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "PKCE: verifier with a character outside [A-Za-z0-9-._~]",
        client: "spa",
        presenter: "spa",
        authorize: PKCE,
        verifier: Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX+"),
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "PKCE: verifier sent, but the request had no challenge",
        verifier: Some(VERIFIER),
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "redirect_uri differs from the request's",
        redirect_uri: Some("http://127.0.0.1:1/other"),
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "redirect_uri left out",
        redirect_uri: None,
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "expired: exchanged at its expiry (code_ttl)",
        after: -1, // replaced by code_ttl
        expect: Err("invalid_grant"),
        ..CODE_BASE
    },
    CodeRow {
        name: "a second before its expiry",
        after: -2, // replaced by code_ttl - 1
        ..CODE_BASE
    },
    CodeRow {
        name: "another confidential client presents the code",
        presenter: "thirdparty",
        expect: Err("invalid_grant"),
        code_survives: true,
        ..CODE_BASE
    },
    CodeRow {
        name: "a public client presents a confidential client's code",
        presenter: "spa",
        expect: Err("invalid_grant"),
        code_survives: true,
        ..CODE_BASE
    },
    CodeRow {
        name: "wrong client secret",
        secret: Some("not-the-secret-0123456789"),
        expect: Err("invalid_client"),
        code_survives: true,
        ..CODE_BASE
    },
    CodeRow {
        name: "a client without the authorization_code grant",
        presenter: "service",
        expect: Err("unauthorized_client"),
        code_survives: true,
        ..CODE_BASE
    },
    CodeRow {
        name: "an unknown code",
        code: Some("no-such-code"),
        expect: Err("invalid_grant"),
        code_survives: true,
        ..CODE_BASE
    },
];

async fn authorization_code_table(backend: Backend) {
    let e = env(&backend).await;
    let ttl = e.p.code_ttl;
    assert!(ttl > 2, "code_ttl {ttl}");
    let mut failures = Vec::new();
    for row in CODE_ROWS {
        let code = e.code(row.client, row.authorize, NOW).await;
        let after = match row.after {
            -1 => ttl,
            -2 => ttl - 1,
            n => n,
        };
        let at = NOW + after;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", row.code.unwrap_or(&code)),
            ("client_id", row.presenter),
        ];
        if row.presenter != "spa" {
            form.push(("client_secret", row.secret.unwrap_or(SECRET)));
        }
        if let Some(uri) = row.redirect_uri {
            form.push(("redirect_uri", uri));
        }
        if let Some(v) = row.verifier {
            form.push(("code_verifier", v));
        }
        let got = e.token(&form, at).await;
        match (&row.expect, &got) {
            (Ok(()), Ok(t)) => {
                let c = e.access_claims(&t.access_token, at);
                let id = jwt_claims(t.id_token.as_deref().unwrap_or_default());
                let ok = t.scope == SCOPE
                    && t.expires_in == e.p.access_token_ttl
                    && c["sub"] == e.alice.id.as_str()
                    && c["client_id"] == row.client
                    && c["exp"] == at + e.p.access_token_ttl
                    && id["nonce"] == "n-1"
                    && id["aud"] == row.client
                    && id["auth_time"] == AUTH_TIME
                    && t.refresh_token.is_some();
                if !ok {
                    failures.push(format!("{}: issued {t:?}, claims {c} / {id}", row.name));
                }
                // Single use: the same request again is refused.
                if e.redeem(row.client, &code, row.verifier, at + 1)
                    .await
                    .is_ok()
                {
                    failures.push(format!("{}: the code worked twice", row.name));
                }
            }
            (Err(want), Err(got_code)) if want == got_code => {
                let retry = e
                    .redeem(row.client, &code, row.verifier_for_retry(), at)
                    .await;
                if retry.is_ok() != row.code_survives {
                    failures.push(format!(
                        "{}: afterwards the right request got {retry:?}, expected the code {}",
                        row.name,
                        if row.code_survives {
                            "to still work"
                        } else {
                            "used up"
                        }
                    ));
                }
            }
            _ => failures.push(format!(
                "{}: expected {:?}, got {got:?}",
                row.name, row.expect
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

impl CodeRow {
    /// The verifier the right request sends: the one of the challenge, if any.
    fn verifier_for_retry(&self) -> Option<&'static str> {
        self.authorize
            .contains("code_challenge")
            .then_some(VERIFIER)
    }
}

/// A code used twice: the second use fails and revokes the grant, so the access
/// and refresh tokens the first use issued stop working (RFC 6749 §4.1.2).
async fn code_reuse_revokes(backend: Backend) {
    let e = env(&backend).await;
    let code = e.code("webapp", "", NOW).await;
    let first = e.redeem("webapp", &code, None, NOW + 1).await.unwrap();
    let at = first.access_token.clone();
    let rt = first.refresh_token.clone().unwrap();
    assert!(e.live(&at, NOW + 2).await);
    let grant = e.grant_of(&at, NOW + 2).await;
    assert_eq!(grant.revoked_at, None);
    assert_eq!(grant.user_id, e.alice.id);
    assert_eq!(grant.client_id, "webapp");
    assert_eq!(grant.sid.as_deref(), Some("sid-1"));
    assert_eq!(grant.auth_time, AUTH_TIME);
    // The grant outlives its refresh token.
    assert!(
        grant.expires_at >= NOW + 1 + e.p.refresh_token_ttl,
        "{grant:?}"
    );

    assert_eq!(
        e.redeem("webapp", &code, None, NOW + 10).await.unwrap_err(),
        "invalid_grant"
    );
    let grant = e.p.store.grant(&grant.id).await.unwrap().unwrap();
    assert_eq!(grant.revoked_at, Some(NOW + 10));
    assert!(!e.live(&at, NOW + 11).await, "the access token still works");
    assert_eq!(
        e.refresh("webapp", &rt, None, NOW + 11).await.unwrap_err(),
        "invalid_grant",
        "the refresh token still works"
    );
    // A third use is refused as well and leaves the revocation as it was.
    assert!(e.redeem("webapp", &code, None, NOW + 20).await.is_err());
    let again = e.p.store.grant(&grant.id).await.unwrap().unwrap();
    assert_eq!(again.revoked_at, Some(NOW + 10));

    // Another grant of the same person and client is not touched.
    let (other_at, other_rt) = e.tokens("webapp", NOW + 30).await;
    assert!(e.live(&other_at, NOW + 31).await);
    assert!(e.refresh("webapp", &other_rt, None, NOW + 31).await.is_ok());
}

/// Rounds of each race: enough that a check-then-write without compare-and-swap
/// lets both requests through in some round.
const RACE_ROUNDS: usize = 25;

/// Runs `op` twice at once, in two tasks released together by a barrier.
async fn race<F, Fut>(e: &std::sync::Arc<Env>, op: F) -> (Answer, Answer)
where
    F: Fn(std::sync::Arc<Env>) -> Fut,
    Fut: std::future::Future<Output = Answer> + Send + 'static,
{
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
    let run = |fut: Fut| {
        let barrier = barrier.clone();
        tokio::spawn(async move {
            barrier.wait().await;
            fut.await
        })
    };
    let (a, b) = (run(op(e.clone())), run(op(e.clone())));
    (a.await.unwrap(), b.await.unwrap())
}

/// Two exchanges of one code at the same moment: at most one gets tokens, the
/// other counts as a reuse, so the grant ends and whatever was issued is dead.
async fn code_race(backend: Backend) {
    let e = std::sync::Arc::new(env(&backend).await);
    for round in 0..RACE_ROUNDS as i64 {
        let t = NOW + round * 10;
        let code = e.code("webapp", "", t).await;
        let stored =
            e.p.store
                .code(&lanyard::crypto::token_hash(&code))
                .await
                .unwrap()
                .expect("the code is stored by its hash");
        let (a, b) = race(&e, |e| {
            let code = code.clone();
            async move { e.redeem("webapp", &code, None, t + 1).await }
        })
        .await;
        let won: Vec<&Issued> = [&a, &b]
            .into_iter()
            .filter_map(|r| r.as_ref().ok())
            .collect();
        assert!(won.len() <= 1, "round {round}: {a:?} / {b:?}");
        let grant = e.p.store.grant(&stored.grant_id).await.unwrap().unwrap();
        assert_eq!(grant.revoked_at, Some(t + 1), "round {round}");
        for t2 in won {
            assert!(!e.live(&t2.access_token, t + 2).await, "round {round}");
        }
    }
}

/// A code whose grant ended, or whose account was disabled, before it was used.
async fn code_of_a_dead_grant(backend: Backend) {
    let e = env(&backend).await;
    let code = e.code("webapp", "", NOW).await;
    e.p.store
        .revoke_user_grants(&e.alice.id, NOW + 1)
        .await
        .unwrap();
    assert_eq!(
        e.redeem("webapp", &code, None, NOW + 2).await.unwrap_err(),
        "invalid_grant"
    );

    let code = e.code("webapp", "", NOW + 10).await;
    e.p.store
        .set_user_disabled(&e.alice.id, true, NOW + 11)
        .await
        .unwrap();
    assert_eq!(
        e.redeem("webapp", &code, None, NOW + 12).await.unwrap_err(),
        "invalid_grant"
    );

    // Gone entirely: the code goes with the account.
    e.p.store
        .set_user_disabled(&e.alice.id, false, NOW + 13)
        .await
        .unwrap();
    let code = e.code("webapp", "", NOW + 20).await;
    e.p.store.delete_user(&e.alice.id).await.unwrap();
    assert_eq!(
        e.redeem("webapp", &code, None, NOW + 21).await.unwrap_err(),
        "invalid_grant"
    );
}

struct RefreshRow {
    name: &'static str,
    /// The client presenting the refresh token (issued to webapp).
    presenter: &'static str,
    scope: Option<&'static str>,
    /// Present this instead of the issued token.
    token: Option<&'static str>,
    /// Seconds after the token was issued: `-1` at its expiry, `-2` a second before.
    after: i64,
    /// The scope of the new tokens, or the error code.
    expect: Result<&'static str, &'static str>,
    /// Whether the new tokens include an ID token.
    id_token: bool,
}

const REFRESH_BASE: RefreshRow = RefreshRow {
    name: "",
    presenter: "webapp",
    scope: None,
    token: None,
    after: 60,
    expect: Ok(SCOPE),
    id_token: true,
};

const REFRESH_ROWS: &[RefreshRow] = &[
    RefreshRow {
        name: "no scope: the grant's scope",
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "the same scope, reordered",
        scope: Some("offline_access profile openid"),
        expect: Ok("offline_access profile openid"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "narrowed to openid: offline_access is kept so the grant stays refreshable",
        scope: Some("openid"),
        expect: Ok("openid offline_access"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "narrowed to profile: no openid, no ID token",
        scope: Some("profile"),
        expect: Ok("profile offline_access"),
        id_token: false,
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "widened by a scope the client has but the grant lacks",
        scope: Some("openid email"),
        expect: Err("invalid_scope"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "widened by a scope the client lacks",
        scope: Some("openid admin"),
        expect: Err("invalid_scope"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "presented by another client",
        presenter: "thirdparty",
        expect: Err("invalid_grant"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "presented by a client without the refresh_token grant",
        presenter: "service",
        expect: Err("unauthorized_client"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "expired: used at its expiry (refresh_token_ttl)",
        after: -1,
        expect: Err("invalid_grant"),
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "a second before its expiry",
        after: -2,
        ..REFRESH_BASE
    },
    RefreshRow {
        name: "an unknown refresh token",
        token: Some("no-such-token"),
        expect: Err("invalid_grant"),
        ..REFRESH_BASE
    },
];

/// Refresh rules, one fresh grant per row. A refused request must leave the
/// refresh token usable (it is checked completely before it is rotated); an
/// accepted one rotates it.
async fn refresh_table(backend: Backend) {
    let e = env(&backend).await;
    let ttl = e.p.refresh_token_ttl;
    let mut failures = Vec::new();
    for row in REFRESH_ROWS {
        let (_, rt) = e.tokens("webapp", NOW).await;
        let at = NOW
            + match row.after {
                -1 => ttl,
                -2 => ttl - 1,
                n => n,
            };
        let got = e
            .refresh(row.presenter, row.token.unwrap_or(&rt), row.scope, at)
            .await;
        match (&row.expect, &got) {
            (Ok(scope), Ok(t)) => {
                let c = e.access_claims(&t.access_token, at);
                let ok = t.scope == *scope
                    && c["scope"] == *scope
                    && c["sub"] == e.alice.id.as_str()
                    && t.id_token.is_some() == row.id_token
                    && t.refresh_token.as_ref().is_some_and(|n| *n != rt);
                if !ok {
                    failures.push(format!("{}: issued {t:?}, claims {c}", row.name));
                }
                // Rotated: the new token works, and the grant lives on.
                let next = t.refresh_token.clone().unwrap_or_default();
                let again = e.refresh("webapp", &next, None, at + 1).await;
                if again.as_ref().map(|t| t.scope.as_str()).ok() != Some(SCOPE) {
                    failures.push(format!(
                        "{}: the rotated token gave {again:?} (expected the grant's full scope)",
                        row.name
                    ));
                }
            }
            (Err(want), Err(got_code)) if want == got_code => {
                if row.token.is_none() && row.after != -1 {
                    let retry = e.refresh("webapp", &rt, None, at).await;
                    if retry.is_err() {
                        failures.push(format!(
                            "{}: the refused request spent the refresh token: {retry:?}",
                            row.name
                        ));
                    }
                }
            }
            _ => failures.push(format!(
                "{}: expected {:?}, got {got:?}",
                row.name, row.expect
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Rotation: every use returns a new refresh token; presenting a rotated one ends
/// the whole grant, including the tokens issued since (Security BCP §4.14.2).
async fn refresh_rotation(backend: Backend) {
    let e = env(&backend).await;
    let (at0, r1) = e.tokens("webapp", NOW).await;
    let t2 = e.refresh("webapp", &r1, None, NOW + 100).await.unwrap();
    let r2 = t2.refresh_token.clone().unwrap();
    let t3 = e.refresh("webapp", &r2, None, NOW + 200).await.unwrap();
    let r3 = t3.refresh_token.clone().unwrap();
    assert!(r1 != r2 && r2 != r3 && r1 != r3);
    for at in [&at0, &t2.access_token, &t3.access_token] {
        assert!(e.live(at, NOW + 201).await);
    }
    let gid = e.grant_of(&t3.access_token, NOW + 201).await.id;
    assert_eq!(gid, e.grant_of(&at0, NOW + 201).await.id, "one grant");
    // The store's view of the rotation.
    let h = |t: &str| lanyard::crypto::token_hash(t);
    let row1 = e.p.store.refresh_token(&h(&r1)).await.unwrap().unwrap();
    assert_eq!(row1.rotated_at, Some(NOW + 100));
    assert_eq!(row1.token_expires_at, NOW + e.p.refresh_token_ttl);
    let row3 = e.p.store.refresh_token(&h(&r3)).await.unwrap().unwrap();
    assert_eq!(row3.rotated_at, None);
    assert_eq!(row3.token_expires_at, NOW + 200 + e.p.refresh_token_ttl);

    // r1 comes back: the grant ends.
    assert_eq!(
        e.refresh("webapp", &r1, None, NOW + 300).await.unwrap_err(),
        "invalid_grant"
    );
    let grant = e.p.store.grant(&gid).await.unwrap().unwrap();
    assert_eq!(grant.revoked_at, Some(NOW + 300));
    assert_eq!(
        e.refresh("webapp", &r3, None, NOW + 301).await.unwrap_err(),
        "invalid_grant",
        "the newest refresh token survived the reuse"
    );
    for at in [&at0, &t2.access_token, &t3.access_token] {
        assert!(!e.live(at, NOW + 301).await, "an access token survived");
    }

    // A rotated token presented by another client is refused without ending the
    // owner's grant (it proves nothing about a leak).
    let (_, s1) = e.tokens("webapp", NOW + 400).await;
    let s2 = e
        .refresh("webapp", &s1, None, NOW + 401)
        .await
        .unwrap()
        .refresh_token
        .unwrap();
    assert_eq!(
        e.refresh("thirdparty", &s1, None, NOW + 402)
            .await
            .unwrap_err(),
        "invalid_grant"
    );
    assert!(e.refresh("webapp", &s2, None, NOW + 403).await.is_ok());
}

/// Two uses of one refresh token at the same moment with no reuse grace
/// (`refresh_reuse_grace = "0s"`): one rotates it, the other is a reuse, so the
/// grant ends.
async fn refresh_race(backend: Backend) {
    let mut e = env(&backend).await;
    e.p.refresh_reuse_grace = 0;
    let e = std::sync::Arc::new(e);
    for round in 0..RACE_ROUNDS as i64 {
        let t = NOW + round * 10;
        let (at, rt) = e.tokens("webapp", t).await;
        let (a, b) = race(&e, |e| {
            let rt = rt.clone();
            async move { e.refresh("webapp", &rt, None, t + 5).await }
        })
        .await;
        let won: Vec<&Issued> = [&a, &b]
            .into_iter()
            .filter_map(|r| r.as_ref().ok())
            .collect();
        assert_eq!(
            won.len(),
            1,
            "round {round}: rotation is atomic: {a:?} / {b:?}"
        );
        assert_eq!(
            e.grant_of(&at, t + 5).await.revoked_at,
            Some(t + 5),
            "round {round}"
        );
        assert!(!e.live(&won[0].access_token, t + 6).await, "round {round}");
    }
}

/// Parallel uses of one refresh token at once.
const PARALLEL: usize = 8;

/// Within the reuse grace (default 30 s) a just-rotated refresh token still gets
/// tokens for the same grant: many parallel refreshes with one token all
/// succeed, each with a refresh token of its own, and the grant lives on.
/// After the grace, a reuse ends the grant as before.
async fn refresh_reuse_grace(backend: Backend) {
    let e = std::sync::Arc::new(env(&backend).await);
    assert_eq!(e.p.refresh_reuse_grace, 30, "the default grace");
    let (at0, rt) = e.tokens("webapp", NOW).await;
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(PARALLEL));
    let tasks: Vec<_> = (0..PARALLEL)
        .map(|_| {
            let (e, rt, barrier) = (e.clone(), rt.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                e.refresh("webapp", &rt, None, NOW + 5).await
            })
        })
        .collect();
    let mut issued = Vec::new();
    for t in tasks {
        issued.push(t.await.unwrap().expect("every parallel refresh succeeds"));
    }
    let mut fresh: Vec<&str> = issued
        .iter()
        .map(|t| t.refresh_token.as_deref().unwrap())
        .collect();
    fresh.sort();
    fresh.dedup();
    assert_eq!(
        fresh.len(),
        PARALLEL,
        "each answer has its own refresh token"
    );
    let grant = e.grant_of(&at0, NOW + 6).await;
    assert_eq!(grant.revoked_at, None, "the grant stays alive");
    for t in &issued {
        assert!(e.live(&t.access_token, NOW + 6).await);
        assert_eq!(e.grant_of(&t.access_token, NOW + 6).await.id, grant.id);
    }
    // The winner's and the others' new tokens all refresh on.
    let next = e.refresh("webapp", fresh[0], None, NOW + 10).await.unwrap();
    assert!(e.refresh("webapp", fresh[1], None, NOW + 10).await.is_ok());
    // The old token at the grace's last second still works...
    assert!(e.refresh("webapp", &rt, None, NOW + 5 + 29).await.is_ok());
    // ...and once the grace is over, its reuse ends the grant and every token.
    assert_eq!(
        e.refresh("webapp", &rt, None, NOW + 5 + 30)
            .await
            .unwrap_err(),
        "invalid_grant"
    );
    assert_eq!(
        e.p.store
            .grant(&grant.id)
            .await
            .unwrap()
            .unwrap()
            .revoked_at,
        Some(NOW + 35)
    );
    for at in issued
        .iter()
        .map(|t| &t.access_token)
        .chain([&next.access_token])
    {
        assert!(
            !e.live(at, NOW + 36).await,
            "an access token survived the reuse"
        );
    }
    assert_eq!(
        e.refresh(
            "webapp",
            next.refresh_token.as_deref().unwrap(),
            None,
            NOW + 36
        )
        .await
        .unwrap_err(),
        "invalid_grant"
    );
}

/// Refresh tokens of a revoked grant, a disabled account, and an expired grant.
async fn refresh_of_a_dead_grant(backend: Backend) {
    let e = env(&backend).await;
    let (_, rt) = e.tokens("webapp", NOW).await;
    e.p.store
        .revoke_user_grants(&e.alice.id, NOW + 1)
        .await
        .unwrap();
    assert_eq!(
        e.refresh("webapp", &rt, None, NOW + 2).await.unwrap_err(),
        "invalid_grant"
    );

    let (_, rt) = e.tokens("webapp", NOW + 10).await;
    e.p.store
        .set_user_disabled(&e.alice.id, true, NOW + 11)
        .await
        .unwrap();
    assert_eq!(
        e.refresh("webapp", &rt, None, NOW + 12).await.unwrap_err(),
        "invalid_grant"
    );
}

struct CredentialsRow {
    name: &'static str,
    client: &'static str,
    /// The client's secret (None: send none, a public client).
    secret: Option<&'static str>,
    /// Authenticate with HTTP Basic instead of the body.
    basic: bool,
    scope: Option<&'static str>,
    /// The scope of the token, or the error code.
    expect: Result<&'static str, &'static str>,
}

const CC_BASE: CredentialsRow = CredentialsRow {
    name: "",
    client: "service",
    secret: Some(SECRET),
    basic: false,
    scope: None,
    expect: Ok("api.read"),
};

const CC_ROWS: &[CredentialsRow] = &[
    CredentialsRow {
        name: "no scope: the client's scopes that are not a person's",
        ..CC_BASE
    },
    CredentialsRow {
        name: "HTTP Basic authentication",
        basic: true,
        ..CC_BASE
    },
    CredentialsRow {
        name: "a scope of the client",
        scope: Some("api.read"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "a scope asked twice counts once",
        scope: Some("api.read api.read"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "openid is a person's scope",
        scope: Some("openid"),
        expect: Err("invalid_scope"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "offline_access is a person's scope",
        scope: Some("api.read offline_access"),
        expect: Err("invalid_scope"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "profile and email are a person's scopes",
        scope: Some("profile email"),
        expect: Err("invalid_scope"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "teams is a person's scope, even for a client that has it",
        client: "teamservice",
        scope: Some("teams"),
        expect: Err("invalid_scope"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "no scope, a client with teams: only the scopes that are not a person's",
        client: "teamservice",
        expect: Ok("api.read api.write"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "two scopes of the client, in the order asked",
        client: "teamservice",
        scope: Some("api.write api.read"),
        expect: Ok("api.write api.read"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "a scope the client lacks",
        scope: Some("api.write"),
        expect: Err("invalid_scope"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "wrong secret",
        secret: Some("not-the-secret-0123456789"),
        expect: Err("invalid_client"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "no secret for a confidential client",
        secret: None,
        expect: Err("invalid_client"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "a client without the client_credentials grant",
        client: "webapp",
        expect: Err("unauthorized_client"),
        ..CC_BASE
    },
    CredentialsRow {
        name: "a public client",
        client: "spa",
        secret: None,
        expect: Err("unauthorized_client"),
        ..CC_BASE
    },
];

async fn client_credentials_table(backend: Backend) {
    use base64::Engine;
    let e = env(&backend).await;
    let ttl = e.p.access_token_ttl;
    let mut failures = Vec::new();
    for row in CC_ROWS {
        let mut form = vec![("grant_type", "client_credentials")];
        let header = row.basic.then(|| {
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!(
                    "{}:{}",
                    row.client,
                    row.secret.unwrap_or_default()
                ))
            )
        });
        if !row.basic {
            form.push(("client_id", row.client));
            if let Some(s) = row.secret {
                form.push(("client_secret", s));
            }
        }
        if let Some(s) = row.scope {
            form.push(("scope", s));
        }
        let got = e.token_with(header.as_deref(), &form, NOW).await;
        match (&row.expect, &got) {
            (Ok(scope), Ok(t)) => {
                let c = e.access_claims(&t.access_token, NOW);
                let ok = t.scope == *scope
                    && t.expires_in == ttl
                    && t.refresh_token.is_none()
                    && t.id_token.is_none()
                    && c["sub"] == row.client
                    && c["client_id"] == row.client
                    && c["scope"] == *scope
                    && c["exp"] == NOW + ttl
                    && c.get("gid").is_none()
                    && e
                        .p
                        .store
                        .access_token_live(c["jti"].as_str().unwrap(), None, NOW)
                        .await
                        .unwrap()
                    // It dies at its exp.
                    && claims::verify_access_token(&e.p, &t.access_token, NOW + ttl).is_none()
                    && claims::verify_access_token(&e.p, &t.access_token, NOW + ttl - 1).is_some();
                if !ok {
                    failures.push(format!("{}: issued {t:?}, claims {c}", row.name));
                }
            }
            (Err(want), Err(got_code)) if want == got_code => {}
            _ => failures.push(format!(
                "{}: expected {:?}, got {got:?}",
                row.name, row.expect
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));

    // The grant type itself.
    let with_secret = |grant: &'static str| {
        vec![
            ("grant_type", grant),
            ("client_id", "service"),
            ("client_secret", SECRET),
        ]
    };
    for (grant, want) in [
        ("password", "unsupported_grant_type"),
        ("implicit", "unsupported_grant_type"),
        ("CLIENT_CREDENTIALS", "unsupported_grant_type"),
        (
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "unsupported_grant_type",
        ),
        // Supported, but not among this client's grant types.
        (
            "urn:ietf:params:oauth:grant-type:device_code",
            "unauthorized_client",
        ),
    ] {
        assert_eq!(
            e.token(&with_secret(grant), NOW).await.unwrap_err(),
            want,
            "grant_type={grant}"
        );
    }
    assert_eq!(
        e.token(&[("client_id", "service"), ("client_secret", SECRET)], NOW)
            .await
            .unwrap_err(),
        "invalid_request",
        "no grant_type"
    );
    let mut twice = with_secret("client_credentials");
    twice.push(("grant_type", "client_credentials"));
    assert_eq!(
        e.token(&twice, NOW).await.unwrap_err(),
        "invalid_request",
        "grant_type twice"
    );
}

on_both_backends!(
    authorization_code_table,
    code_reuse_revokes,
    code_race,
    code_of_a_dead_grant,
    refresh_table,
    refresh_rotation,
    refresh_race,
    refresh_reuse_grace,
    refresh_of_a_dead_grant,
    client_credentials_table,
);

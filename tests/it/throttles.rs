//! Issue 11, items 2, 3 and 5: throttles count an attempt before its secret is
//! checked (so parallel guesses get no more checks than sequential ones), a second
//! factor has its own counter and each pending two-step sign-in a bounded number of
//! tries, a 429 depends only on what was typed, and the pending two-step cookie is
//! single use.

use crate::common::*;
use crate::security::enroll;
use lanyard::{auth::totp, oidc::now};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

crate::on_both_backends!(
    parallel_wrong_passwords_get_no_more_checks,
    parallel_wrong_codes_get_no_more_checks,
    wrong_codes_are_limited_across_password_sign_ins,
    a_throttled_identifier_tells_nothing_about_its_account,
    the_pending_two_step_cookie_is_single_use,
    parallel_wrong_client_secrets_get_no_more_checks,
    a_wait_ends_when_its_retry_after_says,
);

/// Concurrent requests: more than any allowance, all in flight at once.
const BURST: usize = 80;

fn unix(t: SystemTime) -> Duration {
    t.duration_since(UNIX_EPOCH).unwrap()
}

/// How many attempts beyond the free ones the throttle may admit from `start` to
/// `end` on the real clock: one after each wait of 1 s, 2 s, 4 s… (Bursts stop the
/// throttle's clock instead, and then admit none.)
fn extra_admissions(start: SystemTime, end: SystemTime) -> usize {
    let real = (unix(end) - unix(start)).as_secs_f64();
    (1..40).take_while(|k| 2f64.powi(*k) - 1.0 <= real).count()
}

/// POSTs a form with the browser's cookies; returns the status.
async fn post_status(b: reqwest::Client, url: String, form: Vec<(&'static str, String)>) -> u16 {
    b.post(url)
        .form(&form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Fires all `forms` at `url` at once (each request its own task); the statuses.
async fn burst(
    b: &reqwest::Client,
    url: &str,
    forms: Vec<Vec<(&'static str, String)>>,
) -> Vec<u16> {
    let tasks: Vec<_> = forms
        .into_iter()
        .map(|f| tokio::spawn(post_status(b.clone(), url.to_string(), f)))
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn login_form(csrf: &str, identifier: &str, password: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_string()),
        ("identifier", identifier.to_string()),
        ("password", password.to_string()),
    ]
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// Polls a counter until it reaches `hits` (or a few seconds pass).
async fn wait_for_hits(app: &TestApp, key: &str, hits: i64) {
    for _ in 0..600 {
        if let Ok(Some((h, _))) = app.state.store().rate_counter(key).await
            && h >= hits
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn parallel_wrong_passwords_get_no_more_checks(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("victim").await;
    let free = app.config.rate_limit.account_failures as usize;
    let attacker = browser();
    // One CSRF token per browser serves all its forms.
    let (_, csrf) = form_page(&attacker, &app.url("/login")).await;
    let owner = browser();
    let (_, owner_csrf) = form_page(&owner, &app.url("/login")).await;

    // The clock stands still: however slow the machine, the whole burst falls
    // within the first wait.
    app.stop_throttle_clock();
    let forms = (0..BURST)
        .map(|i| login_form(&csrf, "victim", &format!("wrong password {i}")))
        .collect();
    let attack = {
        let (b, url) = (attacker.clone(), app.url("/login"));
        tokio::spawn(async move { burst(&b, &url, forms).await })
    };
    // The owner's right password arrives while the wrong ones are in flight, once
    // they have used the allowance.
    wait_for_hits(&app, "login:identifier:victim", free as i64).await;
    let right = post_status(
        owner.clone(),
        app.url("/login"),
        login_form(&owner_csrf, "victim", PASSWORD),
    )
    .await;
    let statuses = attack.await.unwrap();

    // 401: the password was checked (and wrong); 429: refused unchecked.
    let checked = count(&statuses, 401) + usize::from(right == 303);
    assert_eq!(
        count(&statuses, 401) + count(&statuses, 429),
        BURST,
        "{statuses:?}"
    );
    assert!(
        checked <= free,
        "{checked} of {BURST} parallel guesses were checked (at most {free}): {statuses:?}"
    );
    // The right password came after the allowance, within the wait.
    assert_eq!(right, 429, "a right password past the limit signed in");
    let r = owner.get(app.url("/settings")).send().await.unwrap();
    assert!(location(&r).starts_with("/login"), "no session");
}

/// A browser-less replay client for the "Code" step: sends exactly the cookies it
/// is given (a CSRF pair of its own and a pending two-step cookie).
struct CodeClient {
    http: reqwest::Client,
    url: String,
    csrf_cookie: String,
    csrf: String,
}

impl CodeClient {
    async fn new(app: &TestApp) -> CodeClient {
        let http = http();
        let r = http.get(app.url("/login")).send().await.unwrap();
        let csrf_cookie = set_cookie(&r, "lanyard_csrf").unwrap();
        let csrf = hidden(&r.text().await.unwrap(), "csrf");
        CodeClient {
            http,
            url: app.url("/login/code"),
            csrf_cookie,
            csrf,
        }
    }

    fn cookies(&self, pending: &str) -> String {
        format!("lanyard_csrf={}; lanyard_2fa={pending}", self.csrf_cookie)
    }

    async fn post(&self, pending: &str, code: &str) -> reqwest::Response {
        self.http
            .post(&self.url)
            .header("cookie", self.cookies(pending))
            .form(&[("csrf", self.csrf.as_str()), ("code", code)])
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, pending: &str) -> reqwest::Response {
        self.http
            .get(&self.url)
            .header("cookie", self.cookies(pending))
            .send()
            .await
            .unwrap()
    }
}

/// The value a response sets for cookie `name` (not a removal).
fn set_cookie(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers().get_all("set-cookie").iter().find_map(|v| {
        let v = v.to_str().ok()?;
        let value = v.strip_prefix(&format!("{name}="))?.split(';').next()?;
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Signs in with the password as far as the "Code" step (waiting out a throttle
/// like a patient attacker would); the pending cookie.
async fn password_step(app: &TestApp, login: &str) -> String {
    for _ in 0..4 {
        let r = post_login(app, &browser(), login, PASSWORD).await;
        if r.status() == 429 {
            let wait: u64 = r.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!(wait <= 8, "Retry-After {wait}");
            tokio::time::sleep(Duration::from_secs(wait)).await;
            continue;
        }
        assert_eq!(location(&r), "/login/code");
        return set_cookie(&r, "lanyard_2fa").expect("a pending two-step cookie");
    }
    panic!("the password step stayed throttled");
}

/// A 6-digit code that is wrong now (none of the steps the server accepts).
fn wrong_code(secret: &[u8]) -> String {
    let near: Vec<String> = (-2..=2)
        .map(|k| totp::code_at(secret, now() + 30 * k))
        .collect();
    (0..)
        .map(|n| format!("{n:06}"))
        .find(|c| !near.contains(c))
        .unwrap()
}

/// An account with two-step verification on: (secret, recovery codes).
async fn two_step_user(app: &TestApp, username: &str) -> (Vec<u8>, Vec<String>) {
    app.add_user(username).await;
    let b = browser();
    assert_eq!(post_login(app, &b, username, PASSWORD).await.status(), 303);
    let (secret, codes, _) = enroll(app, &b).await;
    (secret, codes)
}

async fn parallel_wrong_codes_get_no_more_checks(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (secret, codes) = two_step_user(&app, "tess").await;
    let free = app.config.rate_limit.account_failures as usize;
    let pending = password_step(&app, "tess").await;
    let c = CodeClient::new(&app).await;
    let cookie = c.cookies(&pending);
    let wrong = wrong_code(&secret);
    // As for passwords: the whole burst falls within the first wait.
    app.stop_throttle_clock();
    let tasks: Vec<_> = (0..BURST)
        .map(|_| {
            let (http, url) = (c.http.clone(), c.url.clone());
            let (cookie, form) = (
                cookie.clone(),
                [("csrf", c.csrf.clone()), ("code", wrong.clone())],
            );
            tokio::spawn(async move {
                let r = http.post(url).header("cookie", cookie).form(&form);
                r.send().await.unwrap().status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    // 401: checked and wrong. The rest were refused unchecked: 429 (the code
    // counter) or 400 (this sign-in used its tries and ended).
    assert!(
        count(&statuses, 401) <= free,
        "{} of {BURST} parallel codes were checked (at most {free}): {statuses:?}",
        count(&statuses, 401)
    );
    assert_eq!(
        count(&statuses, 401) + count(&statuses, 429) + count(&statuses, 400),
        BURST,
        "{statuses:?}"
    );
    // The sign-in ended on the server: even a right (recovery) code with the
    // same cookie does not sign in, and the page says to start again.
    let r = c.post(&pending, &codes[0]).await;
    assert_ne!(r.status(), 303, "a sign-in past its tries completed");
    if r.status() == 400 {
        assert!(r.text().await.unwrap().contains("start again"));
    }
}

async fn wrong_codes_are_limited_across_password_sign_ins(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (secret, _) = two_step_user(&app, "rhea").await;
    let user = app
        .state
        .store()
        .user_by_login("rhea")
        .await
        .unwrap()
        .unwrap();
    let free = app.config.rate_limit.account_failures as usize;
    let c = CodeClient::new(&app).await;
    let start = SystemTime::now();
    let (mut checked, mut limited) = (0, false);
    // "Password, five wrong codes, password again, five wrong codes…"
    for _ in 0..4 {
        let pending = password_step(&app, "rhea").await;
        for _ in 0..5 {
            let r = c.post(&pending, &wrong_code(&secret)).await;
            match r.status().as_u16() {
                401 => checked += 1,
                429 | 400 => limited = true,
                s => panic!("{s}: {}", r.text().await.unwrap()),
            }
        }
    }
    let end = SystemTime::now();
    assert!(limited, "20 wrong codes and never a limit");
    let bound = free + extra_admissions(start, end);
    assert!(
        checked <= bound && checked < 10,
        "{checked} wrong codes checked (at most {bound})"
    );
    // The password proved again and again, yet the code counter stands: only a
    // right code clears it.
    let (hits, _) = app
        .state
        .store()
        .rate_counter(&format!("2fa:account:{}", user.id))
        .await
        .unwrap()
        .expect("a second-factor counter");
    assert!(hits as usize >= free, "{hits}");
}

async fn a_throttled_identifier_tells_nothing_about_its_account(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("ivy").await;
    let free = app.config.rate_limit.account_failures as usize;
    let b = browser();
    let (_, csrf) = form_page(&b, &app.url("/login")).await;
    // The username's limit is reached (and then some), and so is an unknown name's.
    for typed in ["ivy", "ghost"] {
        let forms = (0..30).map(|_| login_form(&csrf, typed, "wrong")).collect();
        let statuses = burst(&b, &app.url("/login"), forms).await;
        assert!(count(&statuses, 401) >= free, "{typed}: {statuses:?}");
        let mut throttled = false;
        for _ in 0..10 {
            if post_login(&app, &b, typed, "wrong").await.status() == 429 {
                throttled = true;
                break;
            }
        }
        assert!(throttled, "{typed} never throttled");
    }
    // The account's email answers like any other identifier typed for the first
    // time, known or not: checked (401), not refused (429).
    let email = post_login(&app, &b, "ivy@example.com", "wrong").await;
    let unknown = post_login(&app, &b, "ghost@example.com", "wrong").await;
    assert_eq!(unknown.status(), 401);
    assert_eq!(
        email.status(),
        unknown.status(),
        "a 429 on the email tells it shares an account with the throttled username"
    );
    // And the owner still signs in with it.
    let r = post_login(&app, &browser(), "IVY@example.com", PASSWORD).await;
    assert_eq!(r.status(), 303);
}

async fn the_pending_two_step_cookie_is_single_use(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (secret, codes) = two_step_user(&app, "uma").await;
    let pending = password_step(&app, "uma").await;
    let c = CodeClient::new(&app).await;
    let r = c.post(&pending, &totp::code_at(&secret, now() + 30)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert!(set_cookie(&r, "lanyard_session").is_some(), "signed in");
    // The same cookie again, with a code that is still good: no second session,
    // and a page that says to start again.
    let r = c.post(&pending, &codes[0]).await;
    assert!(
        set_cookie(&r, "lanyard_session").is_none(),
        "a replayed pending cookie signed in again"
    );
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("start again"));
    let r = c.get(&pending).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("start again"));
    // That recovery code was not spent by the refused replay.
    let fresh = password_step(&app, "uma").await;
    assert_eq!(c.post(&fresh, &codes[0]).await.status(), 303);
}

async fn parallel_wrong_client_secrets_get_no_more_checks(backend: Backend) {
    let app = TestApp::start(backend).await;
    let free = app.config.rate_limit.client_failures as usize;
    let form = [("grant_type", "client_credentials")];
    // A first failure marks this address: from then on its attempts are counted
    // before the secret is checked (a well-behaved client is never asked to wait).
    let (s, _, _) = crate::errors::token_request(&app, "service", Some("wrong"), &form).await;
    assert_eq!(s, 401);
    // The clock stands still: the whole burst falls within the first wait.
    app.stop_throttle_clock();
    let tasks: Vec<_> = (0..BURST)
        .map(|i| {
            let (http, url) = (http(), app.url("/token"));
            tokio::spawn(async move {
                let r = http
                    .post(url)
                    .basic_auth("service", Some(format!("guess {i}")))
                    .form(&[("grant_type", "client_credentials")])
                    .send()
                    .await
                    .unwrap();
                r.status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    // 401: the secret was checked; 429: refused unchecked.
    assert_eq!(
        count(&statuses, 401) + count(&statuses, 429),
        BURST,
        "{statuses:?}"
    );
    let bound = free - 1;
    assert!(
        count(&statuses, 401) <= bound,
        "{} of {BURST} parallel client secrets were checked (at most {bound}): {statuses:?}",
        count(&statuses, 401)
    );
}

/// Waits are measured in milliseconds and `Retry-After` is what is left of one,
/// rounded up to whole seconds: a try 1 ms early is refused, one on time is checked.
/// The throttle's clock stands still and is moved by hand, so no sleep and no
/// wall-clock second decides anything.
async fn a_wait_ends_when_its_retry_after_says(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("wade").await;
    app.stop_throttle_clock();
    let free = app.config.rate_limit.account_failures as usize;
    let b = browser();
    let try_login = || async {
        let r = post_login(&app, &b, "wade", "wrong").await;
        let retry = r
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
        (r.status().as_u16(), retry)
    };
    for _ in 0..free {
        assert_eq!(try_login().await, (401, None));
    }
    // First wait: 1 s.
    assert_eq!(try_login().await, (429, Some(1)));
    app.advance_throttle_clock(Duration::from_millis(999));
    assert_eq!(try_login().await, (429, Some(1)), "1 ms left is 1 s");
    app.advance_throttle_clock(Duration::from_millis(1));
    assert_eq!(try_login().await, (401, None));
    // Second wait: 2 s; half of it gone leaves 1 s, a moment less rounds up to 2.
    assert_eq!(try_login().await, (429, Some(2)));
    app.advance_throttle_clock(Duration::from_millis(999));
    assert_eq!(try_login().await, (429, Some(2)));
    app.advance_throttle_clock(Duration::from_millis(1));
    assert_eq!(try_login().await, (429, Some(1)));
    app.advance_throttle_clock(Duration::from_millis(1000));
    assert_eq!(try_login().await, (401, None));
    // Refused tries were not counted: the third wait is 4 s.
    assert_eq!(try_login().await, (429, Some(4)));
}

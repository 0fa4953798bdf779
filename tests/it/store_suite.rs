//! Every public method of `Store`, on SQLite and on PostgreSQL, with a fixed
//! clock: what is written reads back, expiry is honoured at its exact second,
//! single-use things are single use, and deletes delete. One test per table (or
//! group of tables); `every_store_method_is_in_the_suite` fails when a new method
//! has no call here.

use crate::{
    common::Backend,
    fixture::{Db, NOW},
    on_both_backends,
};
use lanyard::{
    crypto::MasterKey,
    store::{
        Store, StoreError,
        audit::NewAuditRecord,
        codes::AuthCode,
        email_tokens::{CHANGE_EMAIL, CONFIRM, LinkUse},
        federation::{Identity, NewState},
        grants::Grant,
        interactions::NewInteraction,
        keys::KeyRow,
        sessions::NewSession,
        throttle::Allowance,
        users::{NewUser, User},
    },
};

/// Runs raw SQL (to set up what no method writes, or to look at a column no
/// method reads).
async fn exec(store: &Store, sql: &str) -> u64 {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match store {
        Store::Sqlite(p) => sqlx::query(sql).execute(p).await.unwrap().rows_affected(),
        Store::Postgres(p) => sqlx::query(sql).execute(p).await.unwrap().rows_affected(),
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match store {
        Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

async fn user(db: &Db, name: &str) -> User {
    db.user(name).await
}

async fn reload(store: &Store, u: &User) -> User {
    store.user_by_id(&u.id).await.unwrap().expect("the account")
}

fn grant(id: &str, user: &User, expires_at: i64) -> Grant {
    Grant {
        id: id.into(),
        client_id: "webapp".into(),
        user_id: user.id.clone(),
        sid: Some("sid-1".into()),
        scope: "openid offline_access".into(),
        auth_time: NOW - 10,
        amr: "pwd".into(),
        expires_at,
        revoked_at: None,
        claims: None,
    }
}

fn session<'a>(sid: &'a str, browser: &'a str, user: &'a User, remember: bool) -> NewSession<'a> {
    NewSession {
        sid,
        browser_hash: browser,
        user_id: &user.id,
        amr: "pwd",
        remember,
        expires_at: NOW + 1000,
        idle_until: NOW + 500,
        user_agent: Some("UA/1"),
    }
}

// ---------------------------------------------------------------------------

async fn database(backend: Backend) {
    let db = Db::new(&backend).await;
    // A second pool on the same database; migrating again changes nothing.
    let again = Store::connect(&db.url, 2).await.unwrap();
    again.migrate().await.unwrap();
    again.ping().await.unwrap();
    db.store.ping().await.unwrap();

    // backfill_skeletons: accounts from before migration 0007 get theirs.
    let old = user(&db, "olga").await;
    assert_eq!(
        db.store.backfill_skeletons().await.unwrap(),
        0,
        "nothing to do"
    );
    exec(
        &db.store,
        &format!(
            "UPDATE users SET username_skeleton = NULL, email_skeleton = NULL WHERE id = '{}'",
            old.id
        ),
    )
    .await;
    // Without a skeleton, a look-alike (Cyrillic о) is not recognised...
    assert!(!db.store.identifier_in_use("\u{43e}lga").await.unwrap());
    assert_eq!(db.store.backfill_skeletons().await.unwrap(), 2);
    // ...with it, it is.
    assert!(db.store.identifier_in_use("\u{43e}lga").await.unwrap());
    assert_eq!(db.store.backfill_skeletons().await.unwrap(), 0);

    // purge_expired: rows expired before `now` go, rows live at `now` stay.
    let u = user(&db, "pat").await;
    let s = &db.store;
    s.create_grant(&grant("g-live", &u, NOW + 100), NOW)
        .await
        .unwrap();
    s.create_grant(&grant("g-dead", &u, NOW - 1), NOW - 100)
        .await
        .unwrap();
    let code = |grant: &str, expires_at| AuthCode {
        grant_id: grant.into(),
        client_id: "webapp".into(),
        redirect_uri: "https://app/cb".into(),
        nonce: None,
        code_challenge: None,
        expires_at,
        consumed_at: None,
    };
    s.create_code("c-live", &code("g-live", NOW)).await.unwrap();
    s.create_code("c-dead", &code("g-live", NOW - 1))
        .await
        .unwrap();
    s.create_refresh_token("r-live", "g-live", NOW, NOW + 100)
        .await
        .unwrap();
    s.create_refresh_token("r-dead", "g-live", NOW - 100, NOW - 1)
        .await
        .unwrap();
    s.revoke_access_token("jti-live", NOW + 1).await.unwrap();
    s.revoke_access_token("jti-dead", NOW - 1).await.unwrap();
    s.create_password_reset("pr-dead", &u.id, NOW - 100, NOW - 1)
        .await
        .unwrap();
    s.create_password_reset("pr-live", &u.id, NOW - 100, NOW + 1)
        .await
        .unwrap();
    s.use_captcha_challenge("cap-dead", NOW - 1).await.unwrap();
    s.use_captcha_challenge("cap-live", NOW).await.unwrap();
    s.two_step_pending_create("ts-dead", &u.id, NOW - 1)
        .await
        .unwrap();
    s.two_step_pending_create("ts-live", &u.id, NOW + 1)
        .await
        .unwrap();
    // Counters keep milliseconds.
    s.rate_hit("rate-dead", (NOW - 86_400) * 1000 - 1, 0)
        .await
        .unwrap();
    s.rate_hit("rate-live", (NOW - 86_400) * 1000, 0)
        .await
        .unwrap();
    s.create_session(&session("s-dead", "b", &u, false), NOW)
        .await
        .unwrap();
    exec(s, "UPDATE sessions SET idle_until = 1 WHERE sid = 's-dead'").await;
    s.create_session(&session("s-live", "b", &u, false), NOW)
        .await
        .unwrap();
    let purged = s.purge_expired(NOW).await.unwrap();
    // g-dead, c-dead, r-dead, jti-dead, pr-dead, cap-dead, ts-dead, rate-dead, s-dead
    assert_eq!(purged, 9);
    assert!(s.grant("g-dead").await.unwrap().is_none());
    assert!(s.grant("g-live").await.unwrap().is_some());
    assert!(s.code("c-dead").await.unwrap().is_none());
    assert!(s.code("c-live").await.unwrap().is_some());
    assert!(s.refresh_token("r-dead").await.unwrap().is_none());
    assert!(s.refresh_token("r-live").await.unwrap().is_some());
    assert_eq!(count(s, "SELECT COUNT(*) FROM revoked_tokens").await, 1);
    assert_eq!(count(s, "SELECT COUNT(*) FROM password_resets").await, 1);
    assert_eq!(count(s, "SELECT COUNT(*) FROM captcha_used").await, 1);
    assert_eq!(count(s, "SELECT COUNT(*) FROM two_step_pending").await, 1);
    assert_eq!(s.rate_counter("rate-dead").await.unwrap(), None);
    assert!(s.rate_counter("rate-live").await.unwrap().is_some());
    assert_eq!(
        count(s, "SELECT COUNT(*) FROM sessions WHERE sid = 's-live'").await,
        1
    );
    assert_eq!(s.purge_expired(NOW).await.unwrap(), 0, "idempotent");
}

async fn users(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let new = |username, email, name| NewUser {
        username,
        email,
        email_verified: false,
        name,
        password_hash: Some("hash-1"),
    };
    let ana = s
        .create_user(&new("Ana", "Ana@Example.COM", Some("Ana A")), NOW)
        .await
        .unwrap();
    assert_eq!(ana.username, "ana", "stored lowercase");
    assert_eq!(ana.email, "ana@example.com");
    assert!(!ana.email_verified && !ana.disabled && !ana.two_step());
    assert_eq!(ana.name.as_deref(), Some("Ana A"));
    assert_eq!(ana.password_hash.as_deref(), Some("hash-1"));
    assert_eq!((ana.created_at, ana.updated_at), (NOW, NOW));
    assert_eq!(ana.onboarded_at, None);
    assert_eq!(ana.picture_version, None);

    // Taken usernames and emails, also as look-alikes, conflict.
    for (username, email) in [
        ("ANA", "other@example.com"),
        ("other", "ana@EXAMPLE.com"),
        ("\u{430}na", "other2@example.com"), // Cyrillic а
    ] {
        match s.create_user(&new(username, email, None), NOW).await {
            Err(StoreError::Conflict(_)) => {}
            other => panic!("{username} / {email}: {other:?}"),
        }
    }
    for login in [
        "ana",
        " ANA ",
        "ana@example.com",
        "\u{430}na",
        "\u{430}na@example.com",
    ] {
        assert!(s.identifier_in_use(login).await.unwrap(), "{login:?}");
    }
    for login in ["anna", "ana@example.org", "ana@"] {
        assert!(!s.identifier_in_use(login).await.unwrap(), "{login:?}");
    }

    assert_eq!(s.user_by_id(&ana.id).await.unwrap().unwrap().id, ana.id);
    assert!(s.user_by_id("nobody").await.unwrap().is_none());
    for login in ["ana", " Ana ", "ANA@example.com"] {
        assert_eq!(
            s.user_by_login(login).await.unwrap().map(|u| u.id),
            Some(ana.id.clone()),
            "{login:?}"
        );
    }
    // A look-alike only counts as taken; it does not sign in.
    assert!(s.user_by_login("\u{430}na").await.unwrap().is_none());

    let ben = s
        .create_user(&new("ben", "ben@example.com", None), NOW + 1)
        .await
        .unwrap();
    let all: Vec<String> = s
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(all, ["ana", "ben"]);

    s.set_user_disabled(&ana.id, true, NOW + 2).await.unwrap();
    let a = reload(s, &ana).await;
    assert!(a.disabled);
    assert_eq!(a.updated_at, NOW + 2);
    s.set_user_disabled(&ana.id, false, NOW + 3).await.unwrap();
    assert!(!reload(s, &ana).await.disabled);
    assert!(matches!(
        s.set_user_disabled("nobody", true, NOW).await,
        Err(StoreError::NotFound)
    ));

    // A new password ends outstanding reset links.
    s.create_password_reset("reset-1", &ana.id, NOW, NOW + 600)
        .await
        .unwrap();
    s.set_password_hash(&ana.id, "hash-2", NOW + 4)
        .await
        .unwrap();
    let a = reload(s, &ana).await;
    assert_eq!(a.password_hash.as_deref(), Some("hash-2"));
    assert_eq!(a.updated_at, NOW + 4);
    assert_eq!(
        s.password_reset_user("reset-1", NOW + 5).await.unwrap(),
        None
    );

    s.set_name(&ana.id, Some("Ana B"), NOW + 5).await.unwrap();
    assert_eq!(reload(s, &ana).await.name.as_deref(), Some("Ana B"));
    s.set_name(&ana.id, None, NOW + 6).await.unwrap();
    s.set_locale(&ana.id, "de").await.unwrap();
    let got = s.user_by_id(&ana.id).await.unwrap().unwrap();
    assert_eq!(got.locale.as_deref(), Some("de"));
    assert_eq!(reload(s, &ana).await.name, None);

    assert!(s.set_onboarded(&ana.id, NOW + 7).await.unwrap());
    assert!(!s.set_onboarded(&ana.id, NOW + 8).await.unwrap(), "once");
    assert_eq!(reload(s, &ana).await.onboarded_at, Some(NOW + 7));

    assert_eq!(s.avatar(&ana.id).await.unwrap(), None);
    s.set_avatar(&ana.id, b"png-1", NOW + 9).await.unwrap();
    assert_eq!(
        s.avatar(&ana.id).await.unwrap(),
        Some((b"png-1".to_vec(), NOW + 9))
    );
    assert_eq!(reload(s, &ana).await.picture_version, Some(1));
    s.set_avatar(&ana.id, b"png-2", NOW + 10).await.unwrap();
    assert_eq!(
        s.avatar(&ana.id).await.unwrap(),
        Some((b"png-2".to_vec(), NOW + 10))
    );
    assert_eq!(reload(s, &ana).await.picture_version, Some(2));
    assert_eq!(reload(s, &ben).await.picture_version, None);

    // Deleting an account takes what hangs off it along.
    s.create_session(&session("sid-ana", "b1", &ana, true), NOW)
        .await
        .unwrap();
    s.create_grant(&grant("g-ana", &ana, NOW + 100), NOW)
        .await
        .unwrap();
    s.delete_user(&ana.id).await.unwrap();
    assert!(s.user_by_id(&ana.id).await.unwrap().is_none());
    assert!(s.grant("g-ana").await.unwrap().is_none());
    assert!(s.avatar(&ana.id).await.unwrap().is_none());
    assert!(s.user_sessions(&ana.id, NOW).await.unwrap().is_empty());
    assert!(matches!(
        s.delete_user(&ana.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(!s.identifier_in_use("ana").await.unwrap(), "free again");
    assert_eq!(s.list_users().await.unwrap().len(), 1);
}

async fn sessions(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben) = (user(&db, "ana").await, user(&db, "ben").await);
    s.create_session(&session("s-ana", "b1", &ana, false), NOW)
        .await
        .unwrap();
    s.create_session(&session("s-ben", "b1", &ben, true), NOW + 1)
        .await
        .unwrap();

    // The last one signed in is selected.
    let (cur, u) = s.current_session("b1", NOW + 2).await.unwrap().unwrap();
    assert_eq!(
        (cur.sid.as_str(), u.id.as_str()),
        ("s-ben", ben.id.as_str())
    );
    assert_eq!(cur.auth_time, NOW + 1);
    assert_eq!(cur.created_at, NOW + 1);
    assert_eq!(cur.expires_at, NOW + 1000);
    assert!(cur.remember);
    assert_eq!(cur.amr, "pwd");
    assert_eq!(cur.reauth_at, None);
    assert_eq!(cur.last_authenticated(), NOW + 1);
    let sids = |v: Vec<(lanyard::store::sessions::Session, User)>| {
        v.into_iter().map(|(s, _)| s.sid).collect::<Vec<_>>()
    };
    assert_eq!(
        sids(s.browser_sessions("b1", NOW + 2).await.unwrap()),
        ["s-ben", "s-ana"]
    );
    assert!(s.current_session("b2", NOW).await.unwrap().is_none());

    // Selecting another account of the browser.
    assert!(s.select_session("b1", "s-ana", NOW + 3).await.unwrap());
    assert_eq!(
        s.current_session("b1", NOW + 3)
            .await
            .unwrap()
            .unwrap()
            .0
            .sid,
        "s-ana"
    );
    assert_eq!(
        sids(s.browser_sessions("b1", NOW + 3).await.unwrap()),
        ["s-ana", "s-ben"]
    );
    assert!(
        !s.select_session("b2", "s-ana", NOW + 3).await.unwrap(),
        "another browser's"
    );
    assert!(!s.select_session("b1", "nope", NOW + 3).await.unwrap());
    assert!(
        !s.select_session("b1", "s-ben", NOW + 500).await.unwrap(),
        "idle"
    );

    // "Keep me signed in" of any live account.
    assert!(s.browser_remembered("b1", NOW + 3).await.unwrap());
    assert!(
        !s.browser_remembered("b1", NOW + 1000).await.unwrap(),
        "expired"
    );
    s.end_browser_user_sessions("b1", &ben.id).await.unwrap();
    assert!(!s.browser_remembered("b1", NOW + 3).await.unwrap());
    assert_eq!(
        sids(s.browser_sessions("b1", NOW + 3).await.unwrap()),
        ["s-ana"]
    );

    // Idle time: live until idle_until, and touching moves it (at most once a minute).
    assert!(s.current_session("b1", NOW + 499).await.unwrap().is_some());
    assert!(s.current_session("b1", NOW + 500).await.unwrap().is_none());
    s.touch_browser("b1", NOW + 900).await.unwrap();
    assert!(s.current_session("b1", NOW + 899).await.unwrap().is_some());
    s.touch_browser("b1", NOW + 950).await.unwrap(); // under a minute later: no write
    assert!(s.current_session("b1", NOW + 900).await.unwrap().is_none());
    s.touch_browser("b1", NOW + 961).await.unwrap();
    assert!(s.current_session("b1", NOW + 960).await.unwrap().is_some());
    // ...but never past expires_at.
    s.touch_browser("b1", NOW + 5000).await.unwrap();
    assert!(s.current_session("b1", NOW + 1000).await.unwrap().is_none());

    s.mark_reauthenticated("s-ana", NOW + 700).await.unwrap();
    let (cur, _) = s.current_session("b1", NOW + 701).await.unwrap().unwrap();
    assert_eq!(cur.reauth_at, Some(NOW + 700));
    assert_eq!(cur.last_authenticated(), NOW + 700);

    // Session id renewal moves the browser's sessions to the new cookie.
    s.rekey_browser("b1", "b1-new").await.unwrap();
    assert!(s.current_session("b1", NOW + 10).await.unwrap().is_none());
    assert_eq!(
        s.current_session("b1-new", NOW + 10)
            .await
            .unwrap()
            .unwrap()
            .0
            .sid,
        "s-ana"
    );

    // A disabled account's session is not current.
    s.set_user_disabled(&ana.id, true, NOW).await.unwrap();
    assert!(
        s.current_session("b1-new", NOW + 10)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.browser_sessions("b1-new", NOW + 10)
            .await
            .unwrap()
            .is_empty()
    );
    s.set_user_disabled(&ana.id, false, NOW).await.unwrap();

    // An account's sessions across browsers.
    let mut other = session("s-ana-2", "b2", &ana, false);
    other.user_agent = Some("UA/2");
    s.create_session(&other, NOW + 20).await.unwrap();
    s.create_session(&session("s-ana-3", "b3", &ana, false), NOW + 30)
        .await
        .unwrap();
    assert_eq!(
        s.user_sessions(&ana.id, NOW + 40).await.unwrap(),
        vec![
            ("s-ana-3".to_string(), Some("UA/1".to_string()), NOW + 30),
            ("s-ana-2".to_string(), Some("UA/2".to_string()), NOW + 20),
            ("s-ana".to_string(), Some("UA/1".to_string()), NOW),
        ]
    );
    s.delete_user_session(&ben.id, "s-ana-3").await.unwrap(); // not ben's
    assert_eq!(s.user_sessions(&ana.id, NOW + 40).await.unwrap().len(), 3);
    s.delete_user_session(&ana.id, "s-ana-3").await.unwrap();
    assert_eq!(s.user_sessions(&ana.id, NOW + 40).await.unwrap().len(), 2);
    s.end_other_sessions(&ana.id, "s-ana-2").await.unwrap();
    let left: Vec<String> = s
        .user_sessions(&ana.id, NOW + 40)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(left, ["s-ana-2"]);
    s.delete_session("s-ana-2").await.unwrap();
    assert!(s.user_sessions(&ana.id, NOW + 40).await.unwrap().is_empty());

    // Ending every session of an account, or of a browser.
    s.create_session(&session("x1", "b4", &ana, false), NOW)
        .await
        .unwrap();
    s.create_session(&session("x2", "b5", &ana, false), NOW)
        .await
        .unwrap();
    s.create_session(&session("x3", "b5", &ben, false), NOW)
        .await
        .unwrap();
    s.delete_user_sessions(&ana.id).await.unwrap();
    assert!(s.user_sessions(&ana.id, NOW).await.unwrap().is_empty());
    assert_eq!(s.user_sessions(&ben.id, NOW).await.unwrap().len(), 1);
    s.create_session(&session("x4", "b5", &ana, false), NOW)
        .await
        .unwrap();
    s.create_session(&session("x5", "b6", &ben, false), NOW)
        .await
        .unwrap();
    s.delete_browser_sessions("b5").await.unwrap();
    assert!(s.browser_sessions("b5", NOW).await.unwrap().is_empty());
    assert_eq!(sids(s.browser_sessions("b6", NOW).await.unwrap()), ["x5"]);
}

async fn grants_and_tokens(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben) = (user(&db, "ana").await, user(&db, "ben").await);
    s.create_grant(&grant("g1", &ana, NOW + 100), NOW)
        .await
        .unwrap();
    let g = s.grant("g1").await.unwrap().unwrap();
    assert_eq!(
        (g.client_id.as_str(), g.user_id.as_str(), g.sid.as_deref()),
        ("webapp", ana.id.as_str(), Some("sid-1"))
    );
    assert_eq!(
        (g.scope.as_str(), g.amr.as_str()),
        ("openid offline_access", "pwd")
    );
    assert_eq!(
        (g.auth_time, g.expires_at, g.revoked_at),
        (NOW - 10, NOW + 100, None)
    );
    assert!(s.grant("g-none").await.unwrap().is_none());
    assert!(matches!(
        s.create_grant(&grant("g1", &ana, NOW + 100), NOW).await,
        Err(StoreError::Conflict(_))
    ));

    // Extending only ever extends.
    s.extend_grant("g1", NOW + 500).await.unwrap();
    assert_eq!(s.grant("g1").await.unwrap().unwrap().expires_at, NOW + 500);
    s.extend_grant("g1", NOW + 200).await.unwrap();
    assert_eq!(s.grant("g1").await.unwrap().unwrap().expires_at, NOW + 500);

    // Refresh tokens: read with their grant, rotated once.
    s.create_refresh_token("rt1", "g1", NOW, NOW + 300)
        .await
        .unwrap();
    let r = s.refresh_token("rt1").await.unwrap().unwrap();
    assert_eq!((r.token_expires_at, r.rotated_at), (NOW + 300, None));
    assert_eq!((r.grant.id.as_str(), r.grant.expires_at), ("g1", NOW + 500));
    assert!(s.refresh_token("rt-none").await.unwrap().is_none());
    assert!(s.rotate_refresh_token("rt1", NOW + 5).await.unwrap());
    assert!(
        !s.rotate_refresh_token("rt1", NOW + 6).await.unwrap(),
        "once"
    );
    assert!(!s.rotate_refresh_token("rt-none", NOW + 6).await.unwrap());
    assert_eq!(
        s.refresh_token("rt1").await.unwrap().unwrap().rotated_at,
        Some(NOW + 5)
    );

    // Access tokens: the jti deny list, and the grant behind a person's token.
    assert!(s.access_token_live("jti-1", None, NOW).await.unwrap());
    assert!(s.access_token_live("jti-1", Some("g1"), NOW).await.unwrap());
    assert!(
        !s.access_token_live("jti-1", Some("g-none"), NOW)
            .await
            .unwrap()
    );
    assert!(
        !s.access_token_live("jti-1", Some("g1"), NOW + 500)
            .await
            .unwrap(),
        "grant expired"
    );
    s.revoke_access_token("jti-1", NOW + 60).await.unwrap();
    s.revoke_access_token("jti-1", NOW + 60).await.unwrap(); // twice is fine
    assert!(!s.access_token_live("jti-1", None, NOW).await.unwrap());
    assert!(!s.access_token_live("jti-1", Some("g1"), NOW).await.unwrap());
    assert!(s.access_token_live("jti-2", Some("g1"), NOW).await.unwrap());
    s.set_user_disabled(&ana.id, true, NOW).await.unwrap();
    assert!(
        !s.access_token_live("jti-2", Some("g1"), NOW).await.unwrap(),
        "disabled"
    );
    s.set_user_disabled(&ana.id, false, NOW).await.unwrap();

    // Revoking: once (the first time stays), and every grant of an account.
    s.revoke_grant("g1", NOW + 10).await.unwrap();
    s.revoke_grant("g1", NOW + 20).await.unwrap();
    assert_eq!(
        s.grant("g1").await.unwrap().unwrap().revoked_at,
        Some(NOW + 10)
    );
    assert!(
        !s.access_token_live("jti-2", Some("g1"), NOW + 11)
            .await
            .unwrap()
    );
    assert_eq!(
        s.refresh_token("rt1")
            .await
            .unwrap()
            .unwrap()
            .grant
            .revoked_at,
        Some(NOW + 10)
    );
    s.create_grant(&grant("g2", &ana, NOW + 100), NOW)
        .await
        .unwrap();
    s.create_grant(&grant("g3", &ana, NOW + 100), NOW)
        .await
        .unwrap();
    s.create_grant(&grant("g4", &ben, NOW + 100), NOW)
        .await
        .unwrap();
    s.revoke_user_grants(&ana.id, NOW + 30).await.unwrap();
    let revoked = |id: &'static str| async move { s.grant(id).await.unwrap().unwrap().revoked_at };
    assert_eq!(revoked("g1").await, Some(NOW + 10));
    assert_eq!(revoked("g2").await, Some(NOW + 30));
    assert_eq!(revoked("g3").await, Some(NOW + 30));
    assert_eq!(revoked("g4").await, None);
}

async fn codes(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let ana = user(&db, "ana").await;
    s.create_grant(&grant("g1", &ana, NOW + 100), NOW)
        .await
        .unwrap();
    let code = AuthCode {
        grant_id: "g1".into(),
        client_id: "spa".into(),
        redirect_uri: "https://app/cb".into(),
        nonce: Some("n-1".into()),
        code_challenge: Some("challenge".into()),
        expires_at: NOW + 60,
        consumed_at: None,
    };
    s.create_code("h1", &code).await.unwrap();
    let c = s.code("h1").await.unwrap().unwrap();
    assert_eq!(
        (
            c.grant_id.as_str(),
            c.client_id.as_str(),
            c.redirect_uri.as_str()
        ),
        ("g1", "spa", "https://app/cb")
    );
    assert_eq!(
        (c.nonce.as_deref(), c.code_challenge.as_deref()),
        (Some("n-1"), Some("challenge"))
    );
    assert_eq!((c.expires_at, c.consumed_at), (NOW + 60, None));
    assert!(s.code("h-none").await.unwrap().is_none());
    assert!(s.consume_code("h1", NOW + 1).await.unwrap());
    assert!(!s.consume_code("h1", NOW + 2).await.unwrap(), "single use");
    assert!(!s.consume_code("h-none", NOW + 2).await.unwrap());
    assert_eq!(
        s.code("h1").await.unwrap().unwrap().consumed_at,
        Some(NOW + 1)
    );
    let plain = AuthCode {
        nonce: None,
        code_challenge: None,
        ..code
    };
    s.create_code("h2", &plain).await.unwrap();
    let c = s.code("h2").await.unwrap().unwrap();
    assert_eq!((c.nonce, c.code_challenge), (None, None));
    assert!(matches!(
        s.create_code("h2", &plain).await,
        Err(StoreError::Conflict(_))
    ));
}

async fn consents(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben) = (user(&db, "ana").await, user(&db, "ben").await);
    assert_eq!(s.consented_scope(&ana.id, "third").await.unwrap(), None);
    s.save_consent(&ana.id, "third", "openid", NOW)
        .await
        .unwrap();
    s.save_consent(&ana.id, "third", "openid email", NOW + 1)
        .await
        .unwrap();
    s.save_consent(&ana.id, "other", "openid profile", NOW)
        .await
        .unwrap();
    assert_eq!(
        s.consented_scope(&ana.id, "third")
            .await
            .unwrap()
            .as_deref(),
        Some("openid email"),
        "the latest replaces"
    );
    assert_eq!(
        s.consented_scope(&ana.id, "other")
            .await
            .unwrap()
            .as_deref(),
        Some("openid profile")
    );
    assert_eq!(s.consented_scope(&ben.id, "third").await.unwrap(), None);
}

async fn interactions(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let ix = NewInteraction {
        uid: "u1",
        client_id: "webapp",
        params: r#"{"scope":"openid"}"#,
        binding: "bind-hash",
    };
    s.create_interaction(&ix, NOW, NOW + 60).await.unwrap();
    let got = s.interaction("u1", NOW + 59).await.unwrap().unwrap();
    assert_eq!(
        (
            got.uid.as_str(),
            got.client_id.as_str(),
            got.params.as_str(),
            got.binding.as_str()
        ),
        ("u1", "webapp", r#"{"scope":"openid"}"#, "bind-hash")
    );
    assert_eq!(
        (got.login_sid, got.chosen_sid, got.consent_sid),
        (None, None, None)
    );
    assert_eq!(got.expires_at, NOW + 60);
    assert!(
        s.interaction("u1", NOW + 60).await.unwrap().is_none(),
        "expired"
    );
    assert!(s.interaction("u-none", NOW).await.unwrap().is_none());
    // An expired one is still found as expired (which app, which browser), a live
    // one is not, and purging keeps it a day after its expiry.
    assert!(
        s.expired_interaction("u1", NOW + 59)
            .await
            .unwrap()
            .is_none()
    );
    let expired = s
        .expired_interaction("u1", NOW + 60)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (expired.client_id.as_str(), expired.binding.as_str()),
        ("webapp", "bind-hash")
    );
    assert!(
        s.expired_interaction("u-none", NOW + 60)
            .await
            .unwrap()
            .is_none()
    );
    s.purge_expired(NOW + 60 + 86400).await.unwrap();
    assert!(
        s.expired_interaction("u1", NOW + 61)
            .await
            .unwrap()
            .is_some()
    );

    // The latest action decides the account: a sign-in clears a pick, and back.
    s.interaction_chosen("u1", "s-a").await.unwrap();
    let got = s.interaction("u1", NOW).await.unwrap().unwrap();
    assert_eq!(
        (got.login_sid.as_deref(), got.chosen_sid.as_deref()),
        (None, Some("s-a"))
    );
    s.interaction_logged_in("u1", "s-b").await.unwrap();
    let got = s.interaction("u1", NOW).await.unwrap().unwrap();
    assert_eq!(
        (got.login_sid.as_deref(), got.chosen_sid.as_deref()),
        (Some("s-b"), None)
    );
    s.interaction_chosen("u1", "s-c").await.unwrap();
    let got = s.interaction("u1", NOW).await.unwrap().unwrap();
    assert_eq!(
        (got.login_sid.as_deref(), got.chosen_sid.as_deref()),
        (None, Some("s-c"))
    );
    s.interaction_consented("u1", "s-c").await.unwrap();
    let got = s.interaction("u1", NOW).await.unwrap().unwrap();
    assert_eq!(got.consent_sid.as_deref(), Some("s-c"));

    assert!(s.take_interaction("u1").await.unwrap());
    assert!(!s.take_interaction("u1").await.unwrap(), "finishes once");
    assert!(s.interaction("u1", NOW).await.unwrap().is_none());
}

async fn email_tokens(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let carol = s
        .create_user(
            &NewUser {
                username: "carol",
                email: "carol@example.com",
                email_verified: false,
                name: None,
                password_hash: None,
            },
            NOW,
        )
        .await
        .unwrap();

    // Confirming the address: a newer link ends the older; a link works once.
    s.create_email_token("c1", &carol.id, CONFIRM, &carol.email, NOW, NOW + 600)
        .await
        .unwrap();
    s.create_email_token("c2", &carol.id, CONFIRM, &carol.email, NOW + 1, NOW + 600)
        .await
        .unwrap();
    assert!(matches!(
        s.use_email_token("c1", NOW + 2).await.unwrap(),
        LinkUse::Dead
    ));
    assert!(
        matches!(
            s.use_email_token("c2", NOW + 600).await.unwrap(),
            LinkUse::Dead
        ),
        "expired"
    );
    match s.use_email_token("c2", NOW + 599).await.unwrap() {
        LinkUse::Applied { token, previous } => {
            assert_eq!(
                (
                    token.user_id.as_str(),
                    token.purpose.as_str(),
                    token.email.as_str()
                ),
                (carol.id.as_str(), CONFIRM, "carol@example.com")
            );
            assert_eq!(previous, "carol@example.com");
        }
        other => panic!("{other:?}"),
    }
    assert!(reload(s, &carol).await.email_verified);
    assert!(matches!(
        s.use_email_token("c2", NOW + 3).await.unwrap(),
        LinkUse::Dead
    ));
    assert!(matches!(
        s.use_email_token("c-none", NOW).await.unwrap(),
        LinkUse::Dead
    ));

    // Changing the address; it ends outstanding password reset links.
    s.create_password_reset("pr", &carol.id, NOW, NOW + 600)
        .await
        .unwrap();
    s.create_email_token(
        "e1",
        &carol.id,
        CHANGE_EMAIL,
        "carol@new.example",
        NOW,
        NOW + 600,
    )
    .await
    .unwrap();
    match s.use_email_token("e1", NOW + 10).await.unwrap() {
        LinkUse::Applied { token, previous } => {
            assert_eq!(token.email, "carol@new.example");
            assert_eq!(previous, "carol@example.com");
        }
        other => panic!("{other:?}"),
    }
    let c = reload(s, &carol).await;
    assert_eq!(
        (c.email.as_str(), c.updated_at),
        ("carol@new.example", NOW + 10)
    );
    assert_eq!(s.password_reset_user("pr", NOW + 11).await.unwrap(), None);
    assert_eq!(
        s.user_by_login("carol@new.example")
            .await
            .unwrap()
            .map(|u| u.id),
        Some(carol.id.clone())
    );

    // A change asked for without a link (taken address) ends the earlier links.
    s.create_email_token(
        "e2",
        &carol.id,
        CHANGE_EMAIL,
        "typo@example.com",
        NOW,
        NOW + 600,
    )
    .await
    .unwrap();
    s.supersede_email_changes(&carol.id, "carol@taken.example", NOW + 20)
        .await
        .unwrap();
    assert!(matches!(
        s.use_email_token("e2", NOW + 21).await.unwrap(),
        LinkUse::Dead
    ));
    assert_eq!(reload(s, &carol).await.email, "carol@new.example");

    // A confirmation link for an address the account no longer has.
    let dave = s
        .create_user(
            &NewUser {
                username: "dave",
                email: "dave@example.com",
                email_verified: false,
                name: None,
                password_hash: None,
            },
            NOW,
        )
        .await
        .unwrap();
    s.create_email_token("d1", &dave.id, CONFIRM, "dave@example.com", NOW, NOW + 600)
        .await
        .unwrap();
    s.create_email_token(
        "d2",
        &dave.id,
        CHANGE_EMAIL,
        "dave@new.example",
        NOW,
        NOW + 600,
    )
    .await
    .unwrap();
    assert!(matches!(
        s.use_email_token("d2", NOW + 1).await.unwrap(),
        LinkUse::Applied { .. }
    ));
    assert!(matches!(
        s.use_email_token("d1", NOW + 2).await.unwrap(),
        LinkUse::Superseded
    ));

    // An address another account took meanwhile: refused, the link stays usable.
    s.create_email_token(
        "d3",
        &dave.id,
        CHANGE_EMAIL,
        "erin@example.com",
        NOW,
        NOW + 600,
    )
    .await
    .unwrap();
    let erin = user(&db, "erin").await;
    assert!(matches!(
        s.use_email_token("d3", NOW + 3).await.unwrap(),
        LinkUse::Taken
    ));
    assert_eq!(reload(s, &dave).await.email, "dave@new.example");
    s.delete_user(&erin.id).await.unwrap();
    assert!(matches!(
        s.use_email_token("d3", NOW + 4).await.unwrap(),
        LinkUse::Applied { .. }
    ));
    assert_eq!(reload(s, &dave).await.email, "erin@example.com");
}

async fn password_resets(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let ana = user(&db, "ana").await;
    s.create_password_reset("p1", &ana.id, NOW, NOW + 600)
        .await
        .unwrap();
    assert_eq!(
        s.password_reset_user("p1", NOW + 599).await.unwrap(),
        Some(ana.id.clone())
    );
    assert_eq!(
        s.password_reset_user("p1", NOW + 600).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(s.password_reset_user("p-none", NOW).await.unwrap(), None);
    // A newer link ends the older one.
    s.create_password_reset("p2", &ana.id, NOW + 1, NOW + 600)
        .await
        .unwrap();
    assert_eq!(s.password_reset_user("p1", NOW + 2).await.unwrap(), None);
    assert_eq!(
        s.reset_password("p1", Some("hash-x"), NOW + 2)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        s.reset_password("p2", Some("hash-x"), NOW + 600)
            .await
            .unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        s.reset_password("p2", Some("hash-new"), NOW + 3)
            .await
            .unwrap(),
        Some(ana.id.clone())
    );
    let a = reload(s, &ana).await;
    assert_eq!(
        (a.password_hash.as_deref(), a.updated_at),
        (Some("hash-new"), NOW + 3)
    );
    assert_eq!(
        s.reset_password("p2", Some("hash-again"), NOW + 4)
            .await
            .unwrap(),
        None,
        "once"
    );
    assert_eq!(
        reload(s, &ana).await.password_hash.as_deref(),
        Some("hash-new")
    );
}

async fn two_step(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let ana = user(&db, "ana").await;
    let codes = |list: &[&str]| list.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(s.totp_secret(&ana.id).await.unwrap(), None);
    assert!(
        !s.enable_totp(&ana.id, 1, &codes(&["h"]), NOW)
            .await
            .unwrap(),
        "no secret yet"
    );
    assert!(
        !s.replace_recovery_codes(&ana.id, &codes(&["h"]))
            .await
            .unwrap(),
        "off"
    );
    assert!(!s.use_totp_step(&ana.id, 1).await.unwrap(), "off");

    assert!(s.set_pending_totp(&ana.id, b"sealed-1").await.unwrap());
    assert!(
        s.set_pending_totp(&ana.id, b"sealed-2").await.unwrap(),
        "restarted"
    );
    assert_eq!(
        s.totp_secret(&ana.id).await.unwrap(),
        Some(b"sealed-2".to_vec())
    );
    assert!(!reload(s, &ana).await.two_step());

    assert!(
        s.enable_totp(&ana.id, 100, &codes(&["r1", "r2", "r3"]), NOW)
            .await
            .unwrap()
    );
    let a = reload(s, &ana).await;
    assert_eq!(a.totp_enabled_at, Some(NOW));
    assert!(a.two_step());
    assert!(
        !s.enable_totp(&ana.id, 200, &codes(&["x"]), NOW)
            .await
            .unwrap(),
        "already on"
    );
    assert!(
        !s.set_pending_totp(&ana.id, b"sealed-3").await.unwrap(),
        "on: kept"
    );
    assert_eq!(
        s.totp_secret(&ana.id).await.unwrap(),
        Some(b"sealed-2".to_vec())
    );
    assert_eq!(s.recovery_codes_left(&ana.id).await.unwrap(), 3);

    // Each time step once, and never an earlier one (the enabling step counts).
    assert!(!s.use_totp_step(&ana.id, 100).await.unwrap());
    assert!(s.use_totp_step(&ana.id, 101).await.unwrap());
    assert!(!s.use_totp_step(&ana.id, 101).await.unwrap());
    assert!(!s.use_totp_step(&ana.id, 99).await.unwrap());
    assert!(s.use_totp_step(&ana.id, 105).await.unwrap());

    assert!(s.use_recovery_code(&ana.id, "r1", NOW).await.unwrap());
    assert!(
        !s.use_recovery_code(&ana.id, "r1", NOW).await.unwrap(),
        "once"
    );
    assert!(!s.use_recovery_code(&ana.id, "zz", NOW).await.unwrap());
    let ben = user(&db, "ben").await;
    assert!(
        !s.use_recovery_code(&ben.id, "r2", NOW).await.unwrap(),
        "ana's"
    );
    assert_eq!(s.recovery_codes_left(&ana.id).await.unwrap(), 2);
    assert!(
        s.replace_recovery_codes(&ana.id, &codes(&["n1", "n2", "n3", "n4"]))
            .await
            .unwrap()
    );
    assert_eq!(s.recovery_codes_left(&ana.id).await.unwrap(), 4);
    assert!(
        !s.use_recovery_code(&ana.id, "r2", NOW).await.unwrap(),
        "replaced"
    );
    assert!(s.use_recovery_code(&ana.id, "n4", NOW).await.unwrap());
    assert_eq!(s.recovery_codes_left(&ana.id).await.unwrap(), 3);

    s.disable_totp(&ana.id, NOW + 5).await.unwrap();
    let a = reload(s, &ana).await;
    assert_eq!((a.totp_enabled_at, a.updated_at), (None, NOW + 5));
    assert_eq!(s.totp_secret(&ana.id).await.unwrap(), None);
    assert_eq!(s.recovery_codes_left(&ana.id).await.unwrap(), 0);
    assert!(!s.use_totp_step(&ana.id, 500).await.unwrap());

    // Pending sign-ins between the first factor and the code.
    s.two_step_pending_create("p1", &ana.id, NOW + 300)
        .await
        .unwrap();
    assert!(s.two_step_pending_open("p1", NOW + 299).await.unwrap());
    assert!(
        !s.two_step_pending_open("p1", NOW + 300).await.unwrap(),
        "expired"
    );
    assert!(!s.two_step_pending_open("p-none", NOW).await.unwrap());
    assert_eq!(
        s.two_step_pending_try("p1", 2, NOW).await.unwrap(),
        Some((ana.id.clone(), 1))
    );
    assert_eq!(
        s.two_step_pending_try("p1", 2, NOW).await.unwrap(),
        Some((ana.id.clone(), 2))
    );
    assert_eq!(
        s.two_step_pending_try("p1", 2, NOW).await.unwrap(),
        None,
        "no tries left"
    );
    assert_eq!(
        s.two_step_pending_try("p1", 3, NOW + 300).await.unwrap(),
        None,
        "expired"
    );
    assert!(
        !s.two_step_pending_take("p1", NOW + 300).await.unwrap(),
        "expired"
    );
    assert!(s.two_step_pending_take("p1", NOW + 1).await.unwrap());
    assert!(
        !s.two_step_pending_take("p1", NOW + 1).await.unwrap(),
        "once"
    );
    assert!(!s.two_step_pending_open("p1", NOW + 1).await.unwrap());
}

async fn teams(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben, cy) = (
        user(&db, "ana").await,
        user(&db, "ben").await,
        user(&db, "cy").await,
    );
    s.create_team("t1", "Zebras", &ana.id, NOW).await.unwrap();
    s.create_team("t2", "Ants", &ben.id, NOW).await.unwrap();
    let t = s.user_teams(&ana.id).await.unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(
        (
            t[0].id.as_str(),
            t[0].name.as_str(),
            t[0].owner_id.as_str(),
            t[0].role.as_str()
        ),
        ("t1", "Zebras", ana.id.as_str(), "owner")
    );
    assert_eq!(
        s.team_for_member("t1", &ana.id)
            .await
            .unwrap()
            .unwrap()
            .role,
        "owner"
    );
    assert!(s.team_for_member("t1", &ben.id).await.unwrap().is_none());
    assert!(
        s.team_for_member("t-none", &ana.id)
            .await
            .unwrap()
            .is_none()
    );

    s.create_invite("i1", "t1", "ben@example.com", &ana.id, NOW, NOW + 600)
        .await
        .unwrap();
    let i = s.invite("i1", NOW + 599).await.unwrap().unwrap();
    assert_eq!(
        (i.team_id.as_str(), i.team_name.as_str(), i.email.as_str()),
        ("t1", "Zebras", "ben@example.com")
    );
    assert!(
        s.invite("i1", NOW + 600).await.unwrap().is_none(),
        "expired"
    );
    assert_eq!(
        s.accept_invite("i1", &ben.id, NOW + 600).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        s.accept_invite("i1", &ben.id, NOW + 1)
            .await
            .unwrap()
            .as_deref(),
        Some("t1")
    );
    assert_eq!(
        s.accept_invite("i1", &cy.id, NOW + 2).await.unwrap(),
        None,
        "once"
    );
    assert!(s.invite("i1", NOW + 2).await.unwrap().is_none(), "accepted");
    assert!(
        s.expired_invite("i1", NOW + 601).await.unwrap().is_none(),
        "an accepted invitation is not expired"
    );
    // An invitation left to expire: found as expired (not before), and a new one
    // may be asked for once.
    s.create_invite("i3", "t1", "cy@example.com", &ana.id, NOW, NOW + 600)
        .await
        .unwrap();
    assert!(s.expired_invite("i3", NOW + 599).await.unwrap().is_none());
    assert!(
        !s.ask_invite_renewal("i3", NOW + 599).await.unwrap(),
        "live"
    );
    let e = s.expired_invite("i3", NOW + 600).await.unwrap().unwrap();
    assert_eq!(
        (
            e.team_name.as_str(),
            e.email.as_str(),
            e.inviter_id.as_str()
        ),
        ("Zebras", "cy@example.com", ana.id.as_str())
    );
    assert_eq!((e.expired_at, e.renewal_asked_at), (NOW + 600, None));
    assert!(s.ask_invite_renewal("i3", NOW + 700).await.unwrap());
    assert!(
        !s.ask_invite_renewal("i3", NOW + 701).await.unwrap(),
        "once"
    );
    let e = s.expired_invite("i3", NOW + 800).await.unwrap().unwrap();
    assert_eq!(e.renewal_asked_at, Some(NOW + 700));
    // Accepting a second invitation to a team one is in already changes nothing.
    s.create_invite("i2", "t1", "ben@example.com", &ana.id, NOW, NOW + 600)
        .await
        .unwrap();
    assert_eq!(
        s.accept_invite("i2", &ben.id, NOW + 3)
            .await
            .unwrap()
            .as_deref(),
        Some("t1")
    );

    let members: Vec<(String, String)> = s
        .team_members("t1")
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.username, m.role))
        .collect();
    assert_eq!(
        members,
        [
            ("ana".to_string(), "owner".to_string()),
            ("ben".to_string(), "member".to_string())
        ]
    );
    let m = &s.team_members("t1").await.unwrap()[1];
    assert_eq!(
        (m.user_id.as_str(), m.email.as_str(), m.name.as_deref()),
        (ben.id.as_str(), "ben@example.com", Some("ben Example"))
    );
    let names: Vec<String> = s
        .user_teams(&ben.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| format!("{}:{}", t.name, t.role))
        .collect();
    assert_eq!(names, ["Ants:owner", "Zebras:member"], "by name");

    assert!(
        !s.remove_member("t1", &ana.id).await.unwrap(),
        "the owner stays"
    );
    assert!(s.remove_member("t1", &ben.id).await.unwrap());
    assert!(!s.remove_member("t1", &ben.id).await.unwrap());
    assert_eq!(s.team_members("t1").await.unwrap().len(), 1);
}

async fn federation(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let ana = user(&db, "ana").await;

    let state = NewState {
        state_hash: "st1",
        upstream_id: "google",
        browser_hash: "b1",
        secrets: b"sealed",
        uid: "u1",
        next: "/settings",
    };
    s.create_federation_state(&state, NOW, NOW + 600)
        .await
        .unwrap();
    s.create_federation_state(
        &NewState {
            state_hash: "st2",
            ..state
        },
        NOW,
        NOW + 600,
    )
    .await
    .unwrap();
    assert!(
        s.take_federation_state("st2", NOW + 600)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    let got = s
        .take_federation_state("st1", NOW + 599)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            got.upstream_id.as_str(),
            got.browser_hash.as_str(),
            got.uid.as_str(),
            got.next.as_str()
        ),
        ("google", "b1", "u1", "/settings")
    );
    assert_eq!(got.secrets, b"sealed");
    assert!(
        s.take_federation_state("st1", NOW).await.unwrap().is_none(),
        "taken once"
    );

    let id = |subject: &str, user_id: &str| Identity {
        issuer: "https://up.example".into(),
        subject: subject.into(),
        user_id: user_id.into(),
        upstream_id: "up".into(),
        email: Some(format!("{subject}@up.example")),
    };
    assert!(
        s.identity("https://up.example", "sub-1")
            .await
            .unwrap()
            .is_none()
    );
    s.link_identity(&id("sub-1", &ana.id), NOW).await.unwrap();
    s.link_identity(&id("sub-2", &ana.id), NOW + 1)
        .await
        .unwrap();
    let got = s
        .identity("https://up.example", "sub-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            got.user_id.as_str(),
            got.upstream_id.as_str(),
            got.email.as_deref()
        ),
        (ana.id.as_str(), "up", Some("sub-1@up.example"))
    );
    assert!(
        s.identity("https://other.example", "sub-1")
            .await
            .unwrap()
            .is_none()
    );
    let subs: Vec<String> = s
        .user_identities(&ana.id)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.subject)
        .collect();
    assert_eq!(subs, ["sub-1", "sub-2"]);
    assert!(matches!(
        s.link_identity(&id("sub-1", &ana.id), NOW).await,
        Err(StoreError::Conflict(_))
    ));

    // An account made through an upstream, with its identity.
    let new = NewUser {
        username: "fed",
        email: "fed@example.com",
        email_verified: true,
        name: None,
        password_hash: None,
    };
    let fed = s
        .create_federated_user(&new, &id("sub-3", "ignored"), NOW)
        .await
        .unwrap();
    assert_eq!(fed.password_hash, None);
    assert_eq!(
        s.identity("https://up.example", "sub-3")
            .await
            .unwrap()
            .unwrap()
            .user_id,
        fed.id
    );
    // An identity already linked: nothing is left behind.
    let taken = NewUser {
        username: "fed2",
        email: "fed2@example.com",
        ..new
    };
    assert!(
        s.create_federated_user(&taken, &id("sub-1", ""), NOW)
            .await
            .is_err()
    );
    assert!(s.user_by_login("fed2").await.unwrap().is_none());

    assert!(
        !s.unlink_identity(&fed.id, "https://up.example", "sub-1")
            .await
            .unwrap(),
        "ana's"
    );
    assert!(
        s.unlink_identity(&ana.id, "https://up.example", "sub-1")
            .await
            .unwrap()
    );
    assert!(
        !s.unlink_identity(&ana.id, "https://up.example", "sub-1")
            .await
            .unwrap()
    );
    assert!(
        s.identity("https://up.example", "sub-1")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(s.user_identities(&ana.id).await.unwrap().len(), 1);
}

async fn throttle(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    assert_eq!(s.rate_counter("k").await.unwrap(), None);
    s.rate_hit("k", NOW, NOW - 60).await.unwrap();
    s.rate_hit("k", NOW + 1, NOW - 59).await.unwrap();
    assert_eq!(s.rate_counter("k").await.unwrap(), Some((2, NOW + 1)));
    // Quiet since before the window: starts over.
    s.rate_hit("k", NOW + 100, NOW + 40).await.unwrap();
    assert_eq!(s.rate_counter("k").await.unwrap(), Some((1, NOW + 100)));
    s.rate_refund("k").await.unwrap();
    assert_eq!(s.rate_counter("k").await.unwrap(), Some((0, NOW + 100)));
    s.rate_refund("k").await.unwrap();
    assert_eq!(
        s.rate_counter("k").await.unwrap(),
        Some((0, NOW + 100)),
        "not below 0"
    );
    s.rate_clear("k").await.unwrap();
    assert_eq!(s.rate_counter("k").await.unwrap(), None);

    // Two free attempts, then waits of 1, 2, 4 s, capped at 8 s (in seconds here:
    // the store takes whatever unit its caller counts in).
    let rule = Allowance {
        free: 2,
        first_wait: 1,
        max_delay: 8,
    };
    let t0 = NOW;
    let stale = t0 - 3600;
    let attempt = |t: i64| async move { s.rate_attempt("a", t, stale, rule).await.unwrap() };
    assert_eq!(attempt(t0).await, Some((1, t0)));
    assert_eq!(attempt(t0).await, Some((2, t0)));
    assert_eq!(attempt(t0).await, None, "third: wait 1 s");
    assert_eq!(
        s.rate_counter("a").await.unwrap(),
        Some((2, t0)),
        "a refusal is not counted"
    );
    assert_eq!(attempt(t0 + 1).await, Some((3, t0 + 1)));
    assert_eq!(attempt(t0 + 2).await, None, "wait 2 s");
    assert_eq!(attempt(t0 + 3).await, Some((4, t0 + 3)));
    assert_eq!(attempt(t0 + 6).await, None, "wait 4 s");
    assert_eq!(attempt(t0 + 7).await, Some((5, t0 + 7)));
    assert_eq!(attempt(t0 + 14).await, None, "wait 8 s");
    assert_eq!(attempt(t0 + 15).await, Some((6, t0 + 15)));
    assert_eq!(attempt(t0 + 22).await, None, "capped at 8 s");
    assert_eq!(attempt(t0 + 23).await, Some((7, t0 + 23)));
    // A refund gives one step back.
    s.rate_refund("a").await.unwrap();
    assert_eq!(attempt(t0 + 23 + 8).await, Some((7, t0 + 31)));
    // Quiet for the whole window: starts over.
    assert_eq!(
        s.rate_attempt("a", t0 + 10_000, t0 + 32, rule)
            .await
            .unwrap(),
        Some((1, t0 + 10_000))
    );
}

async fn outbox(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    s.queue_mail("m1", b"sealed-1", NOW).await.unwrap();
    s.queue_mail("m2", b"sealed-2", NOW + 1).await.unwrap();
    s.queue_mail("m3", b"sealed-3", NOW + 50).await.unwrap();
    let ids = |rows: Vec<lanyard::store::outbox::OutboxRow>| {
        rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(s.claim_mail(NOW + 1, 60, 10).await.unwrap()),
        ["m1", "m2"],
        "due ones, oldest first"
    );
    assert!(
        s.claim_mail(NOW + 2, 60, 10).await.unwrap().is_empty(),
        "leased"
    );
    let m3 = s.claim_mail(NOW + 50, 60, 10).await.unwrap();
    assert_eq!(m3.len(), 1);
    assert_eq!(
        (m3[0].id.as_str(), m3[0].message.as_slice(), m3[0].attempts),
        ("m3", &b"sealed-3"[..], 0)
    );

    // A failure: tried again when due, with the attempt counted.
    s.mail_failed("m1", "smtp 451", NOW + 200).await.unwrap();
    // m2's lease ran out (m3's has not): it is due again.
    assert_eq!(ids(s.claim_mail(NOW + 62, 60, 10).await.unwrap()), ["m2"]);
    // Sent: never claimed again, and the body is gone.
    s.mail_sent("m2", NOW + 63).await.unwrap();
    s.mail_sent("m3", NOW + 63).await.unwrap();
    assert!(s.claim_mail(NOW + 199, 60, 10).await.unwrap().is_empty());
    let again = s.claim_mail(NOW + 200, 60, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id.as_str(), again[0].attempts), ("m1", 1));
    s.mail_sent("m1", NOW + 201).await.unwrap();
    assert!(s.claim_mail(NOW + 10_000, 60, 10).await.unwrap().is_empty());
    assert_eq!(
        count(
            s,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND length(message) = 0"
        )
        .await,
        3
    );

    // The limit.
    for i in 0..3 {
        s.queue_mail(&format!("n{i}"), b"x", NOW + 300)
            .await
            .unwrap();
    }
    assert_eq!(s.claim_mail(NOW + 300, 60, 2).await.unwrap().len(), 2);
    assert_eq!(s.claim_mail(NOW + 300, 60, 2).await.unwrap().len(), 1);
}

fn key_row(kid: &str, alg: &str, created_at: i64) -> KeyRow {
    KeyRow {
        kid: kid.into(),
        alg: alg.into(),
        private_key: format!("sealed-{kid}").into_bytes(),
        public_jwk: format!(r#"{{"kid":"{kid}"}}"#),
        created_at,
        rotated_at: None,
    }
}

async fn keys(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    assert!(s.all_keys().await.unwrap().is_empty());
    assert_eq!(s.keys_fingerprint().await.unwrap(), (0, 0, 0));
    s.insert_signing_keys(
        &[key_row("k1", "RS256", NOW), key_row("k2", "ES256", NOW)],
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(s.keys_fingerprint().await.unwrap(), (2, NOW, 0));
    let all = s.all_keys().await.unwrap();
    let kids: Vec<&str> = all.iter().map(|k| k.kid.as_str()).collect();
    assert_eq!(kids, ["k1", "k2"]);
    assert_eq!(all[0].private_key, b"sealed-k1");
    assert_eq!(all[0].public_jwk, r#"{"kid":"k1"}"#);
    assert_eq!(
        (all[0].alg.as_str(), all[0].created_at, all[0].rotated_at),
        ("RS256", NOW, None)
    );

    // A new RS256 key rotates the old RS256 key out, not the ES256 one.
    s.insert_signing_keys(&[key_row("k3", "RS256", NOW + 10)], NOW + 10)
        .await
        .unwrap();
    assert_eq!(s.keys_fingerprint().await.unwrap(), (3, NOW + 10, NOW + 10));
    let all = s.all_keys().await.unwrap();
    let state: Vec<(&str, Option<i64>)> =
        all.iter().map(|k| (k.kid.as_str(), k.rotated_at)).collect();
    assert_eq!(state, [("k3", None), ("k1", Some(NOW + 10)), ("k2", None)]);
    // Published: the signing keys, and rotated ones until they retire.
    let published = |before: i64| async move {
        s.published_keys(before)
            .await
            .unwrap()
            .into_iter()
            .map(|k| k.kid)
            .collect::<Vec<_>>()
    };
    assert_eq!(published(NOW + 9).await, ["k3", "k1", "k2"]);
    assert_eq!(published(NOW + 10).await, ["k3", "k2"]);
    assert!(matches!(
        s.insert_signing_keys(&[key_row("k3", "EdDSA", NOW)], NOW + 20)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        s.all_keys().await.unwrap().len(),
        3,
        "the failed insert left nothing"
    );
}

async fn audit(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben) = (user(&db, "ana").await, user(&db, "ben").await);
    let rec = |event, user_id| NewAuditRecord {
        event,
        user_id,
        ip: Some("192.0.2.1"),
        user_agent: Some("UA/1"),
        detail: Some("d"),
    };
    s.append_audit(&rec("login", Some(&ana.id)), NOW)
        .await
        .unwrap();
    s.append_audit(&rec("logout", Some(&ana.id)), NOW + 10)
        .await
        .unwrap();
    s.append_audit(&rec("login", Some(&ben.id)), NOW + 20)
        .await
        .unwrap();
    s.append_audit(&rec("admin", None), NOW + 30).await.unwrap();
    let events = |v: Vec<lanyard::store::audit::AuditRecord>| {
        v.into_iter().map(|r| (r.event, r.at)).collect::<Vec<_>>()
    };
    assert_eq!(
        events(s.audit_records(None, NOW, 100).await.unwrap()),
        [
            ("login".to_string(), NOW),
            ("logout".to_string(), NOW + 10),
            ("login".to_string(), NOW + 20),
            ("admin".to_string(), NOW + 30)
        ]
    );
    let first = &s.audit_records(None, NOW, 1).await.unwrap()[0];
    assert_eq!(
        (
            first.user_id.as_deref(),
            first.ip.as_deref(),
            first.user_agent.as_deref(),
            first.detail.as_deref()
        ),
        (
            Some(ana.id.as_str()),
            Some("192.0.2.1"),
            Some("UA/1"),
            Some("d")
        )
    );
    assert_eq!(
        events(s.audit_records(Some(&ana.id), NOW, 100).await.unwrap()),
        [("login".to_string(), NOW), ("logout".to_string(), NOW + 10)]
    );
    assert_eq!(
        s.audit_records(None, NOW + 10, 2).await.unwrap().len(),
        2,
        "since, limit"
    );
    assert_eq!(s.audit_records(None, NOW + 31, 100).await.unwrap().len(), 0);
    assert_eq!(s.prune_audit(NOW + 20).await.unwrap(), 2);
    assert_eq!(s.prune_audit(NOW + 20).await.unwrap(), 0);
    assert_eq!(
        events(s.audit_records(None, 0, 100).await.unwrap()),
        [
            ("login".to_string(), NOW + 20),
            ("admin".to_string(), NOW + 30)
        ]
    );

    // Known browsers: (new to the account, the account knew any before).
    assert_eq!(
        s.note_browser(&ana.id, "dev-1", NOW).await.unwrap(),
        (true, false)
    );
    assert_eq!(
        s.note_browser(&ana.id, "dev-1", NOW + 1).await.unwrap(),
        (false, true)
    );
    assert_eq!(
        s.note_browser(&ana.id, "dev-2", NOW + 2).await.unwrap(),
        (true, true)
    );
    assert_eq!(
        s.note_browser(&ben.id, "dev-1", NOW + 3).await.unwrap(),
        (true, false)
    );
}

async fn captcha(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    assert!(s.use_captcha_challenge("ch-1", NOW + 60).await.unwrap());
    assert!(
        !s.use_captcha_challenge("ch-1", NOW + 60).await.unwrap(),
        "a replay"
    );
    assert!(s.use_captcha_challenge("ch-2", NOW + 60).await.unwrap());
}

/// Re-sealing under a new master key: every sealed column, values unchanged.
async fn reseal(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let master = MasterKey::load_or_create(&db.dir.path().join("master.key")).unwrap();
    let ana = user(&db, "ana").await;
    let seal = |ctx: &str, v: &str| master.seal(ctx, v.as_bytes());
    s.set_pending_totp(&ana.id, &seal(&format!("totp:{}", ana.id), "totp-secret"))
        .await
        .unwrap();
    s.queue_mail("m1", &seal("mail_outbox", "mail-1"), NOW)
        .await
        .unwrap();
    // A sent message keeps an empty body until it is purged.
    s.queue_mail("m2", &seal("mail_outbox", "mail-2"), NOW)
        .await
        .unwrap();
    s.mail_sent("m2", NOW).await.unwrap();
    let mut key = key_row("k1", "RS256", NOW);
    key.private_key = seal("signing_key:k1", "pkcs8");
    s.insert_signing_keys(&[key], NOW).await.unwrap();
    s.create_federation_state(
        &NewState {
            state_hash: "st1",
            upstream_id: "up",
            browser_hash: "b",
            secrets: &seal("federation_state", "pkce+nonce"),
            uid: "",
            next: "/",
        },
        NOW,
        NOW + 600,
    )
    .await
    .unwrap();

    let counts = |v: Vec<(&'static str, u64)>| {
        let mut v: Vec<(String, u64)> = v.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
        v.sort();
        v
    };
    let none = counts(s.reseal_all(&master).await.expect("nothing to re-seal"));
    assert!(none.iter().all(|(_, n)| *n == 0), "{none:?}");
    master.rotate().unwrap();
    let done = counts(s.reseal_all(&master).await.expect("re-sealing"));
    assert_eq!(
        done,
        counts(vec![
            ("federation_states", 1),
            ("mail_outbox", 1),
            ("signing_keys", 1),
            ("users", 1)
        ])
    );
    let again = counts(s.reseal_all(&master).await.unwrap());
    assert!(again.iter().all(|(_, n)| *n == 0), "{again:?}");

    // Each value is under the new key and opens to what it was.
    let totp = s.totp_secret(&ana.id).await.unwrap().unwrap();
    assert!(master.is_current(&totp));
    assert_eq!(
        master.open(&format!("totp:{}", ana.id), &totp).unwrap(),
        b"totp-secret"
    );
    let key = &s.all_keys().await.unwrap()[0];
    assert_eq!(
        master.open("signing_key:k1", &key.private_key).unwrap(),
        b"pkcs8"
    );
    let mail = s.claim_mail(NOW, 60, 10).await.unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(
        master.open("mail_outbox", &mail[0].message).unwrap(),
        b"mail-1"
    );
    let st = s.take_federation_state("st1", NOW).await.unwrap().unwrap();
    assert!(master.is_current(&st.secrets));
    assert_eq!(
        master.open("federation_state", &st.secrets).unwrap(),
        b"pkce+nonce"
    );
}

/// What Settings shows and removes of an account's data: its connected apps (a
/// consent, live grants, both) and "Remove access"; the pending address of an
/// email change; the teams deleted with the account.
async fn account_data(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben) = (user(&db, "ana").await, user(&db, "ben").await);
    assert!(s.connected_apps(&ana.id, NOW).await.unwrap().is_empty());
    // "third": consented, with a grant and a refresh later; "webapp": a grant only
    // (first party, no consent); a revoked and an expired grant do not count.
    s.save_consent(&ana.id, "third", "openid email", NOW - 50)
        .await
        .unwrap();
    let mut g = grant("g-third", &ana, NOW + 100);
    g.client_id = "third".into();
    s.create_grant(&g, NOW - 40).await.unwrap();
    s.create_refresh_token("r-third", "g-third", NOW - 10, NOW + 100)
        .await
        .unwrap();
    s.create_code(
        "c-third",
        &AuthCode {
            grant_id: "g-third".into(),
            client_id: "third".into(),
            redirect_uri: "https://app/cb".into(),
            nonce: None,
            code_challenge: None,
            expires_at: NOW + 60,
            consumed_at: None,
        },
    )
    .await
    .unwrap();
    s.create_grant(&grant("g-web", &ana, NOW + 100), NOW - 30)
        .await
        .unwrap();
    s.create_grant(&grant("g-web-old", &ana, NOW - 1), NOW - 90)
        .await
        .unwrap();
    s.create_grant(&grant("g-web-revoked", &ana, NOW + 100), NOW - 5)
        .await
        .unwrap();
    s.revoke_grant("g-web-revoked", NOW - 4).await.unwrap();
    s.create_grant(&grant("g-ben", &ben, NOW + 100), NOW)
        .await
        .unwrap();
    let apps = s.connected_apps(&ana.id, NOW).await.unwrap();
    assert_eq!(apps.len(), 2, "{apps:?}");
    assert_eq!(
        (
            apps[0].client_id.as_str(),
            apps[0].scope.as_str(),
            apps[0].allowed_at,
            apps[0].last_used_at
        ),
        ("third", "openid email", Some(NOW - 50), Some(NOW - 10))
    );
    assert_eq!(
        (
            apps[1].client_id.as_str(),
            apps[1].scope.as_str(),
            apps[1].allowed_at,
            apps[1].last_used_at
        ),
        ("webapp", "openid offline_access", None, Some(NOW - 30))
    );
    // Remove access: consent gone, grants revoked, codes and refresh tokens deleted.
    assert!(s.remove_app_access(&ana.id, "third", NOW).await.unwrap());
    assert_eq!(s.consented_scope(&ana.id, "third").await.unwrap(), None);
    assert_eq!(
        s.grant("g-third").await.unwrap().unwrap().revoked_at,
        Some(NOW)
    );
    assert!(s.refresh_token("r-third").await.unwrap().is_none());
    assert!(s.code("c-third").await.unwrap().is_none());
    assert!(
        !s.access_token_live("j", Some("g-third"), NOW)
            .await
            .unwrap()
    );
    assert!(
        !s.remove_app_access(&ana.id, "third", NOW).await.unwrap(),
        "nothing left to remove"
    );
    let apps = s.connected_apps(&ana.id, NOW).await.unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].client_id, "webapp");
    // Another account's app of the same id is untouched.
    assert!(!s.remove_app_access(&ana.id, "nobody", NOW).await.unwrap());
    assert!(s.access_token_live("j", Some("g-ben"), NOW).await.unwrap());

    // The pending address: set by a change link and by a change that gets none,
    // with its time; cleared when a change is confirmed.
    assert_eq!(s.pending_email(&ana.id).await.unwrap(), None);
    s.supersede_email_changes(&ana.id, "taken@example.com", NOW)
        .await
        .unwrap();
    assert_eq!(
        s.pending_email(&ana.id).await.unwrap(),
        Some(("taken@example.com".into(), NOW))
    );
    s.create_email_token(
        "e1",
        &ana.id,
        CHANGE_EMAIL,
        "new@example.com",
        NOW + 5,
        NOW + 600,
    )
    .await
    .unwrap();
    assert_eq!(
        s.pending_email(&ana.id).await.unwrap(),
        Some(("new@example.com".into(), NOW + 5))
    );
    assert!(matches!(
        s.use_email_token("e1", NOW + 6).await.unwrap(),
        LinkUse::Applied { .. }
    ));
    assert_eq!(s.pending_email(&ana.id).await.unwrap(), None);

    // Owned teams, with their member counts; deleting the account deletes them
    // (and ben's membership in them), not the teams ana only belongs to.
    s.create_team("t-a", "Zebras", &ana.id, NOW).await.unwrap();
    s.create_team("t-b", "Ants", &ben.id, NOW).await.unwrap();
    s.create_invite("i1", "t-a", "ben@example.com", &ana.id, NOW, NOW + 60)
        .await
        .unwrap();
    s.accept_invite("i1", &ben.id, NOW).await.unwrap();
    s.create_invite("i2", "t-b", "ana@example.com", &ben.id, NOW, NOW + 60)
        .await
        .unwrap();
    s.accept_invite("i2", &ana.id, NOW).await.unwrap();
    assert_eq!(
        s.owned_teams(&ana.id).await.unwrap(),
        vec![("t-a".to_string(), "Zebras".to_string(), 2)]
    );
    s.delete_user(&ana.id).await.unwrap();
    assert!(s.owned_teams(&ana.id).await.unwrap().is_empty());
    let left = s.user_teams(&ben.id).await.unwrap();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].id, "t-b");
    assert_eq!(s.team_members("t-b").await.unwrap().len(), 1);
}

on_both_backends!(
    database,
    users,
    sessions,
    grants_and_tokens,
    codes,
    consents,
    interactions,
    email_tokens,
    password_resets,
    two_step,
    teams,
    federation,
    throttle,
    outbox,
    keys,
    audit,
    captcha,
    reseal,
    account_data,
    passkeys,
    device_codes,
    backchannel,
    pushed_requests,
);

/// `pushed_requests` (RFC 9126): taken once, only while live; `client_assertions`
/// (RFC 7523): a jti once; purge drops the expired ones of both.
async fn pushed_requests(backend: Backend) {
    let db = Db::new(&backend).await;
    let s = &db.store;
    s.push_request("h1", "webapp", "client_id=webapp&scope=openid", NOW + 60)
        .await
        .unwrap();
    s.push_request("h-old", "webapp", "x=1", NOW - 1)
        .await
        .unwrap();
    assert_eq!(s.take_pushed_request("h-old", NOW).await.unwrap(), None);
    assert_eq!(
        s.take_pushed_request("h1", NOW).await.unwrap(),
        Some(("webapp".into(), "client_id=webapp&scope=openid".into()))
    );
    assert_eq!(
        s.take_pushed_request("h1", NOW).await.unwrap(),
        None,
        "once"
    );
    // Client assertions' jti (private_key_jwt): once each.
    assert!(s.use_client_assertion("j1", NOW + 60).await.unwrap());
    assert!(
        !s.use_client_assertion("j1", NOW + 60).await.unwrap(),
        "a replay"
    );
    assert!(s.use_client_assertion("j-old", NOW - 1).await.unwrap());
    assert_eq!(s.purge_expired(NOW).await.unwrap(), 2);
    assert_eq!(count(s, "SELECT COUNT(*) FROM pushed_requests").await, 0);
    assert_eq!(count(s, "SELECT COUNT(*) FROM client_assertions").await, 1);
}

/// Back-channel logout: the apps holding grants of a session (or of any of an
/// account's sessions, revoked grants included, expired ones not), and the
/// outbox's lease, retry and delivery.
async fn backchannel(backend: Backend) {
    use lanyard::store::backchannel::LogoutTarget;
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ann, bo) = (user(&db, "ann").await, user(&db, "bo").await);
    let with = |id: &str, who: &User, client: &str, sid: Option<&str>, expires_at| Grant {
        client_id: client.into(),
        sid: sid.map(String::from),
        ..grant(id, who, expires_at)
    };
    for g in [
        with("g1", &ann, "webapp", Some("s1"), NOW + 100),
        with("g2", &ann, "webapp", Some("s1"), NOW + 100),
        with("g3", &ann, "shop", Some("s1"), NOW + 100),
        with("g4", &ann, "shop", Some("s2"), NOW + 100),
        with("g5", &ann, "old", Some("s1"), NOW - 1),
        with("g6", &bo, "webapp", Some("s3"), NOW + 100),
    ] {
        s.create_grant(&g, NOW - 50).await.unwrap();
    }
    s.revoke_grant("g4", NOW - 5).await.unwrap();
    let target = |client: &str, sid: &str| LogoutTarget {
        client_id: client.into(),
        sid: Some(sid.into()),
    };
    assert_eq!(
        s.logout_targets(&ann.id, Some("s1"), NOW).await.unwrap(),
        vec![target("shop", "s1"), target("webapp", "s1")]
    );
    assert_eq!(
        s.logout_targets(&ann.id, None, NOW).await.unwrap(),
        vec![
            target("shop", "s1"),
            target("shop", "s2"),
            target("webapp", "s1")
        ]
    );
    assert!(
        s.logout_targets(&ann.id, Some("s3"), NOW)
            .await
            .unwrap()
            .is_empty()
    );

    s.queue_logout("l1", "webapp", "https://a/bcl", "{\"sub\":\"1\"}", NOW)
        .await
        .unwrap();
    s.queue_logout("l2", "shop", "https://b/bcl", "{}", NOW)
        .await
        .unwrap();
    s.queue_logout("l3", "shop", "https://b/bcl", "{}", NOW + 50)
        .await
        .unwrap();
    let claimed = s.claim_logouts(NOW, 60, 10).await.unwrap();
    let ids: Vec<&str> = claimed.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["l1", "l2"], "only what is due");
    assert_eq!(
        (
            claimed[0].uri.as_str(),
            claimed[0].claims.as_str(),
            claimed[0].attempts
        ),
        ("https://a/bcl", "{\"sub\":\"1\"}", 0)
    );
    assert!(
        s.claim_logouts(NOW + 1, 60, 10).await.unwrap().is_empty(),
        "leased"
    );
    s.logout_failed("l1", "the app answered 500", NOW + 30)
        .await
        .unwrap();
    s.logout_delivered("l2", NOW + 1).await.unwrap();
    let again = s.claim_logouts(NOW + 30, 60, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id.as_str(), again[0].attempts), ("l1", 1));
    // l3 is due from NOW + 50; l2 is never sent again.
    let later = s.claim_logouts(NOW + 200, 60, 10).await.unwrap();
    let ids: Vec<&str> = later.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["l1", "l3"]);
    // Delivered rows go a day later.
    s.purge_expired(NOW + 1 + 86_401).await.unwrap();
    assert_eq!(count(s, "SELECT COUNT(*) FROM backchannel_outbox").await, 2);
}

/// `device_codes` (RFC 8628): a request is found by its user code only while it
/// waits; one answer wins; polls sooner than the interval are refused and grow it
/// by 5 s; one redemption wins; purge drops expired requests.
async fn device_codes(backend: Backend) {
    use lanyard::store::device_codes::{DeviceDecision, NewDeviceCode};
    let db = Db::new(&backend).await;
    let s = &db.store;
    let new = |device: &'static str, user: &'static str, expires_at| NewDeviceCode {
        device_code_hash: device,
        user_code_hash: user,
        client_id: "tv",
        scope: "openid profile",
        expires_at,
        poll_interval: 5,
    };
    s.create_device_code(&new("d1", "u1", NOW + 600), NOW)
        .await
        .unwrap();
    s.create_device_code(&new("d2", "u2", NOW + 600), NOW)
        .await
        .unwrap();
    s.create_device_code(&new("d-old", "u-old", NOW - 1), NOW - 601)
        .await
        .unwrap();
    let d1 = s.device_code("d1").await.unwrap().unwrap();
    assert_eq!(
        (d1.client_id.as_str(), d1.scope.as_str()),
        ("tv", "openid profile")
    );
    assert_eq!(
        (d1.poll_interval, d1.grant_id, d1.denied_at),
        (5, None, None)
    );
    assert!(s.device_code("nope").await.unwrap().is_none());
    assert!(s.pending_device_code("u1", NOW).await.unwrap().is_some());
    assert!(
        s.pending_device_code("u-old", NOW).await.unwrap().is_none(),
        "expired"
    );
    assert!(
        s.pending_device_code("d1", NOW).await.unwrap().is_none(),
        "by user code only"
    );

    // Polls: the first passes, one 3 s later is too soon (and grows the interval
    // to 10 s), one 8 s after that too (to 15 s), then one 14 s after that (15 s
    // less the second of slack) passes again, the interval kept.
    assert!(s.device_poll("d1", NOW + 1).await.unwrap());
    assert!(!s.device_poll("d1", NOW + 4).await.unwrap());
    assert_eq!(
        s.device_code("d1").await.unwrap().unwrap().poll_interval,
        10
    );
    assert!(!s.device_poll("d1", NOW + 12).await.unwrap());
    assert!(s.device_poll("d1", NOW + 12 + 14).await.unwrap());
    assert_eq!(
        s.device_code("d1").await.unwrap().unwrap().poll_interval,
        15
    );

    // Not allowed yet: nothing to redeem.
    assert!(!s.redeem_device_code("d1", NOW + 30).await.unwrap());
    // One answer wins; answered, it is no longer pending.
    assert!(
        s.decide_device_code("u1", DeviceDecision::Allow("g1"), NOW + 30)
            .await
            .unwrap()
    );
    assert!(
        !s.decide_device_code("u1", DeviceDecision::Deny, NOW + 31)
            .await
            .unwrap()
    );
    assert!(
        s.pending_device_code("u1", NOW + 31)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        s.device_code("d1")
            .await
            .unwrap()
            .unwrap()
            .grant_id
            .as_deref(),
        Some("g1")
    );
    assert!(s.redeem_device_code("d1", NOW + 40).await.unwrap());
    assert!(!s.redeem_device_code("d1", NOW + 41).await.unwrap(), "once");
    assert_eq!(
        s.device_code("d1").await.unwrap().unwrap().redeemed_at,
        Some(NOW + 40)
    );
    // Denied: recorded, and no grant to redeem.
    assert!(
        s.decide_device_code("u2", DeviceDecision::Deny, NOW + 50)
            .await
            .unwrap()
    );
    let d2 = s.device_code("d2").await.unwrap().unwrap();
    assert_eq!((d2.denied_at, d2.grant_id), (Some(NOW + 50), None));
    assert!(!s.redeem_device_code("d2", NOW + 51).await.unwrap());
    // An expired request cannot be answered.
    assert!(
        !s.decide_device_code("u-old", DeviceDecision::Deny, NOW)
            .await
            .unwrap()
    );

    assert_eq!(s.purge_expired(NOW).await.unwrap(), 1);
    assert!(s.device_code("d-old").await.unwrap().is_none());
    assert!(s.device_code("d1").await.unwrap().is_some());
}

/// `passkeys` and `passkey_ceremonies`: a credential belongs to one account, the
/// list is the account's own, renaming and removing touch only the owner's, a
/// ceremony ends once for its kind and owner before it expires, and the offer is
/// noted once; purge drops expired ceremonies.
async fn passkeys(backend: Backend) {
    use lanyard::store::passkeys::{PasskeyRow, kind};
    let db = Db::new(&backend).await;
    let s = &db.store;
    let (ana, ben) = (user(&db, "ana").await, user(&db, "ben").await);
    let row = |cred: &str, owner: &User| PasskeyRow {
        cred_id: cred.into(),
        user_id: owner.id.clone(),
        name: format!("key {cred}"),
        passkey: "{}".into(),
        backup_eligible: cred == "c2",
        created_at: NOW,
        last_used_at: None,
    };
    s.add_passkey(&row("c1", &ana)).await.unwrap();
    s.add_passkey(&row("c2", &ana)).await.unwrap();
    let taken = s.add_passkey(&row("c1", &ben)).await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let mine: Vec<String> = s
        .user_passkeys(&ana.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.cred_id)
        .collect();
    assert_eq!(mine, ["c1", "c2"]);
    assert!(s.user_passkeys(&ben.id).await.unwrap().is_empty());
    let c2 = s.passkey("c2").await.unwrap().unwrap();
    assert!(c2.backup_eligible && c2.last_used_at.is_none());
    s.passkey_used("c2", Some("{\"counter\":1}"), NOW + 5)
        .await
        .unwrap();
    s.passkey_used("c1", None, NOW + 6).await.unwrap();
    let (c1, c2) = (
        s.passkey("c1").await.unwrap().unwrap(),
        s.passkey("c2").await.unwrap().unwrap(),
    );
    assert_eq!(
        (c1.passkey.as_str(), c1.last_used_at),
        ("{}", Some(NOW + 6))
    );
    assert_eq!(
        (c2.passkey.as_str(), c2.last_used_at),
        ("{\"counter\":1}", Some(NOW + 5))
    );
    assert!(
        !s.rename_passkey(&ben.id, "c1", "stolen").await.unwrap(),
        "not ben's"
    );
    assert!(s.rename_passkey(&ana.id, "c1", "Laptop").await.unwrap());
    assert_eq!(s.passkey("c1").await.unwrap().unwrap().name, "Laptop");
    assert!(!s.delete_passkey(&ben.id, "c1").await.unwrap(), "not ben's");
    assert!(s.delete_passkey(&ana.id, "c1").await.unwrap());
    assert!(s.passkey("c1").await.unwrap().is_none());

    s.create_ceremony("h1", kind::REGISTER, &ana.id, "state-1", NOW + 300)
        .await
        .unwrap();
    s.create_ceremony("h2", kind::SIGN_IN, "", "state-2", NOW + 300)
        .await
        .unwrap();
    assert_eq!(
        s.take_ceremony("h1", kind::SIGN_IN, &ana.id, NOW)
            .await
            .unwrap(),
        None,
        "another kind"
    );
    assert_eq!(
        s.take_ceremony("h1", kind::REGISTER, &ben.id, NOW)
            .await
            .unwrap(),
        None,
        "another owner"
    );
    assert_eq!(
        s.take_ceremony("h2", kind::SIGN_IN, "", NOW + 300)
            .await
            .unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        s.take_ceremony("h1", kind::REGISTER, &ana.id, NOW)
            .await
            .unwrap()
            .as_deref(),
        Some("state-1")
    );
    assert_eq!(
        s.take_ceremony("h1", kind::REGISTER, &ana.id, NOW)
            .await
            .unwrap(),
        None,
        "once"
    );
    assert!(s.purge_expired(NOW + 301).await.unwrap() >= 1);
    assert_eq!(count(s, "SELECT COUNT(*) FROM passkey_ceremonies").await, 0);

    assert!(s.mark_passkey_offered(&ana.id, NOW).await.unwrap());
    assert!(
        !s.mark_passkey_offered(&ana.id, NOW + 1).await.unwrap(),
        "once"
    );
    assert_eq!(reload(s, &ana).await.passkey_offered_at, Some(NOW));
    // Deleting the account deletes its passkeys.
    s.delete_user(&ana.id).await.unwrap();
    assert!(s.passkey("c2").await.unwrap().is_none());
}

/// Every `pub async fn` of `src/store` is called in this file, so a new store
/// method without a test fails here.
#[test]
fn every_store_method_is_in_the_suite() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let suite = std::fs::read_to_string(root.join("tests/it/store_suite.rs")).unwrap();
    let mut methods = Vec::new();
    for entry in std::fs::read_dir(root.join("src/store")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text.split("pub async fn ").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            methods.push((
                name,
                path.file_name().unwrap().to_string_lossy().to_string(),
            ));
        }
    }
    assert!(
        methods.len() > 90,
        "only {} store methods found",
        methods.len()
    );
    let missing: Vec<String> = methods
        .iter()
        .filter(|(name, _)| {
            !suite.contains(&format!(".{name}(")) && !suite.contains(&format!("::{name}("))
        })
        .map(|(name, file)| format!("{file}: {name}"))
        .collect();
    assert!(
        missing.is_empty(),
        "store methods this suite never calls:\n{}",
        missing.join("\n")
    );
}

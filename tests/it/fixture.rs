//! For tests between unit and HTTP: a fresh database (SQLite in a temporary
//! directory, or a new PostgreSQL database) with the migrations applied, and a
//! `Provider` built on it as the app builds it, all at a fixed clock.

use crate::common::{self, Backend};
use lanyard::{
    config::{ClientConfig, Config},
    crypto::MasterKey,
    oidc::Provider,
    store::{
        Store,
        users::{NewUser, User},
    },
};
use std::sync::Arc;

/// The fixed "now" of these tests (2023-11-14); tests move it forward by hand.
pub const NOW: i64 = 1_700_000_000;
pub const ISSUER: &str = "https://id.example";

pub struct Db {
    pub store: Store,
    pub url: String,
    pub dir: tempfile::TempDir,
    /// (server URL, database name) of a PostgreSQL database to drop afterwards.
    pg_database: Option<(String, String)>,
}

impl Db {
    pub async fn new(backend: &Backend) -> Db {
        let dir = tempfile::tempdir().unwrap();
        let url = common::database_url(backend, dir.path()).await;
        let store = Store::connect(&url, 4).await.expect("connecting");
        store.migrate().await.expect("migrating");
        let pg_database = match backend {
            Backend::Postgres(server) => Some((
                server.clone(),
                url::Url::parse(&url)
                    .unwrap()
                    .path()
                    .trim_start_matches('/')
                    .to_string(),
            )),
            Backend::Sqlite => None,
        };
        Db {
            store,
            url,
            dir,
            pg_database,
        }
    }

    /// A verified account named `username` (email `username@example.com`).
    pub async fn user(&self, username: &str) -> User {
        self.store
            .create_user(
                &NewUser {
                    username,
                    email: &format!("{username}@example.com"),
                    email_verified: true,
                    name: Some(&format!("{username} Example")),
                    password_hash: Some("$argon2id$not-checked-here"),
                },
                NOW - 86_400,
            )
            .await
            .unwrap()
    }

    /// The protocol core on this database, with the test apps of `common` as
    /// clients, and `extra` ones.
    pub async fn provider(&self, extra: Vec<ClientConfig>) -> Provider {
        let mut clients = common::test_clients();
        clients.extend(extra);
        let config = Config {
            issuer: ISSUER.into(),
            data_dir: self.dir.path().to_path_buf(),
            clients,
            ..Config::default()
        };
        assert!(config.problems().is_empty(), "{:?}", config.problems());
        Provider::new(
            &config,
            self.store.clone(),
            Arc::new(MasterKey::from_bytes([42; 32])),
            NOW,
        )
        .await
        .expect("building the provider")
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let Some((server, name)) = self.pg_database.take() else {
            return;
        };
        // The pool is still open, hence FORCE; a thread of its own, since this may
        // run inside the test's runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                use sqlx::Executor;
                if let Ok(admin) = sqlx::PgPool::connect(&server).await {
                    let _ = admin
                        .execute(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .await;
                    admin.close().await;
                }
            });
        })
        .join();
    }
}

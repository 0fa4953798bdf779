//! Persistence on SQLite or PostgreSQL. One method per query, in the module of its
//! table. The SQL is written once (SQLite accepts `$1` placeholders); the
//! [`on_pool!`] macro expands the same code for both driver types.
//!
//! Times are unix seconds (`i64`), passed in by the caller so expiry is testable.

use sqlx::{
    postgres::{PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};
use std::{str::FromStr, time::Duration};

pub mod audit;
pub mod backchannel;
pub mod captcha;
pub mod codes;
pub mod consents;
pub mod device_codes;
pub mod email_tokens;
pub mod federation;
pub mod grants;
pub mod interactions;
pub mod keys;
pub mod mfa;
pub mod outbox;
pub mod passkeys;
pub mod pushed_requests;
pub mod reseal;
pub mod resets;
pub mod sessions;
pub mod teams;
pub mod throttle;
pub mod two_step_pending;
pub mod users;

#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write; carries the constraint's name.
    #[error("conflict on {0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.constraint().unwrap_or(db.message()).to_string())
            }
            _ => StoreError::Db(e),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Runs `$body` with `$pool` bound to the concrete pool of either backend.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::store::Store::Sqlite($pool) => $body,
            $crate::store::Store::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

impl Store {
    /// Connects (creating the SQLite file and its directory if needed).
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        use anyhow::Context;
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("database.url {url:?} is not a valid SQLite URL"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            let file = opts.get_filename().to_path_buf();
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            let on_disk = !in_memory && !file.as_os_str().is_empty();
            if on_disk {
                if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                    crate::files::create_private_dir(dir).with_context(|| {
                        format!("creating database directory {}", dir.display())
                    })?;
                }
                // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm
                // files the database file's mode.
                crate::files::private_file(&file)
                    .with_context(|| format!("creating SQLite database {}", file.display()))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .connect_with(opts)
                .await
                .with_context(|| format!("opening SQLite database {url}"))?;
            if on_disk {
                // Files left by an older version, or made under another umask.
                for suffix in ["-wal", "-shm"] {
                    let mut side = file.clone().into_os_string();
                    side.push(suffix);
                    crate::files::set_mode(side.as_ref(), crate::files::PRIVATE_FILE)
                        .with_context(|| format!("making {} private", file.display()))?;
                }
            }
            Ok(Store::Sqlite(pool))
        } else {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .with_context(|| "connecting to PostgreSQL (database.url)".to_string())?;
            Ok(Store::Postgres(pool))
        }
    }

    /// Applies the migrations of this backend (idempotent; safe from many instances).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Store::Sqlite(p) => sqlx::migrate!("migrations/sqlite").run(p).await?,
            Store::Postgres(p) => sqlx::migrate!("migrations/postgres").run(p).await?,
        }
        // What SQL cannot compute for rows that predate migration 0007.
        self.backfill_skeletons().await?;
        Ok(())
    }

    pub async fn ping(&self) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("SELECT 1").execute(p).await?.rows_affected());
        Ok(())
    }

    /// Deletes expired rows (codes, interactions, sessions, tokens); run periodically.
    pub async fn purge_expired(&self, now: i64) -> StoreResult<u64> {
        let mut n = 0;
        for sql in [
            "DELETE FROM auth_codes WHERE expires_at < $1",
            // Kept a day after expiry: the starting browser is told which app to go back to.
            "DELETE FROM interactions WHERE expires_at < $1 - 86400",
            "DELETE FROM sessions WHERE expires_at < $1",
            "DELETE FROM refresh_tokens WHERE expires_at < $1",
            "DELETE FROM revoked_tokens WHERE expires_at < $1",
            "DELETE FROM password_resets WHERE expires_at < $1",
            "DELETE FROM grants WHERE expires_at < $1",
            "DELETE FROM email_tokens WHERE expires_at < $1",
            // Kept 30 days after expiry: its link can still ask for a new one.
            "DELETE FROM team_invites WHERE expires_at < $1 - 2592000",
            "DELETE FROM captcha_used WHERE expires_at < $1",
            "DELETE FROM federation_states WHERE expires_at < $1",
            "DELETE FROM two_step_pending WHERE expires_at < $1",
            "DELETE FROM passkey_ceremonies WHERE expires_at < $1",
            "DELETE FROM device_codes WHERE expires_at < $1",
            "DELETE FROM pushed_requests WHERE expires_at < $1",
            "DELETE FROM client_assertions WHERE expires_at < $1",
            "DELETE FROM sessions WHERE idle_until < $1",
            // Throttling windows are at most a day; older counters are noise (their
            // times are milliseconds).
            "DELETE FROM rate_limits WHERE last_ms < $1 * 1000 - 86400000",
            // The device cookie lives 400 days; a browser unseen that long is new again.
            "DELETE FROM known_browsers WHERE last_seen < $1 - 34560000",
            // Sent mail is kept a week for inspection; abandoned mail a month.
            "DELETE FROM mail_outbox WHERE sent_at < $1 - 604800",
            // Logout tokens: delivered ones a day, undeliverable ones a week.
            "DELETE FROM backchannel_outbox WHERE sent_at < $1 - 86400",
            "DELETE FROM backchannel_outbox WHERE sent_at IS NULL AND created_at < $1 - 604800",
            "DELETE FROM mail_outbox WHERE sent_at IS NULL AND attempts >= 12 AND created_at < $1 - 2592000",
        ] {
            n += on_pool!(self, p => sqlx::query(sql).bind(now).execute(p).await?.rows_affected());
        }
        Ok(n)
    }
}

//! The `sessions` table: one row per account signed in in a browser.

use super::{Store, StoreResult, on_pool, users::User};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub sid: String,
    pub browser_hash: String,
    pub user_id: String,
    pub auth_time: i64,
    pub amr: String,
    pub remember: bool,
    pub created_at: i64,
    pub expires_at: i64,
    /// When the person last proved it is them again ("Confirm it's you").
    pub reauth_at: Option<i64>,
}

impl Session {
    /// The last time this session's person proved it is them: the sign-in, or a
    /// later "Confirm it's you".
    pub fn last_authenticated(&self) -> i64 {
        self.reauth_at
            .map_or(self.auth_time, |t| t.max(self.auth_time))
    }
}

pub struct NewSession<'a> {
    pub sid: &'a str,
    pub browser_hash: &'a str,
    pub user_id: &'a str,
    pub amr: &'a str,
    pub remember: bool,
    pub expires_at: i64,
    pub idle_until: i64,
    pub user_agent: Option<&'a str>,
}

macro_rules! columns {
    () => {
        "s.sid, s.browser_hash, s.user_id, s.auth_time, s.amr, s.remember, s.created_at, s.expires_at, s.reauth_at"
    };
}

impl Store {
    pub async fn create_session(&self, new: &NewSession<'_>, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO sessions (sid, browser_hash, user_id, auth_time, amr, remember, created_at, expires_at, selected_at, user_agent, idle_until) \
             VALUES ($1, $2, $3, $4, $5, $6, $4, $7, \
               (SELECT COALESCE(MAX(selected_at), 0) + 1 FROM sessions WHERE browser_hash = $2), $8, $9)")
            .bind(new.sid).bind(new.browser_hash).bind(new.user_id).bind(now).bind(new.amr)
            .bind(new.remember).bind(new.expires_at).bind(new.user_agent).bind(new.idle_until)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// Moves a browser's sessions to a new cookie value (session id renewal at sign-in).
    pub async fn rekey_browser(&self, old_hash: &str, new_hash: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE sessions SET browser_hash = $1 WHERE browser_hash = $2")
            .bind(new_hash).bind(old_hash).execute(p).await?.rows_affected());
        Ok(())
    }

    /// The account currently selected in this browser, if its session is live and the
    /// account is enabled.
    pub async fn current_session(
        &self,
        browser_hash: &str,
        now: i64,
    ) -> StoreResult<Option<(Session, User)>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM sessions s JOIN users u ON u.id = s.user_id ",
            "WHERE s.browser_hash = $1 AND s.expires_at > $2 AND s.idle_until > $2 AND NOT u.disabled ",
            "ORDER BY s.selected_at DESC, s.created_at DESC LIMIT 1"
        );
        let session = on_pool!(self, p => sqlx::query_as::<_, Session>(SQL)
            .bind(browser_hash).bind(now).fetch_optional(p).await?);
        let Some(session) = session else {
            return Ok(None);
        };
        Ok(self
            .user_by_id(&session.user_id)
            .await?
            .map(|u| (session, u)))
    }

    /// Keeps a browser in use from idling out: moves `idle_until` of its sessions
    /// forward, writing at most once a minute. Every account of the browser is in use while the browser is.
    pub async fn touch_browser(&self, browser_hash: &str, idle_until: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE sessions SET idle_until = $2 WHERE browser_hash = $1 AND idle_until < $2 - 60")
            .bind(browser_hash).bind(idle_until).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Records that the person of session `sid` just proved it is them again.
    pub async fn mark_reauthenticated(&self, sid: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE sessions SET reauth_at = $1 WHERE sid = $2")
            .bind(now).bind(sid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Ends one session (sign-out, RP-initiated logout).
    pub async fn delete_session(&self, sid: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM sessions WHERE sid = $1").bind(sid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Ends every session of an account (password reset, disable).
    pub async fn delete_user_sessions(&self, user_id: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Every live account session of a browser, most recently selected first.
    pub async fn browser_sessions(
        &self,
        browser_hash: &str,
        now: i64,
    ) -> StoreResult<Vec<(Session, User)>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM sessions s JOIN users u ON u.id = s.user_id ",
            "WHERE s.browser_hash = $1 AND s.expires_at > $2 AND s.idle_until > $2 AND NOT u.disabled ",
            "ORDER BY s.selected_at DESC, s.created_at DESC"
        );
        let sessions = on_pool!(self, p => sqlx::query_as::<_, Session>(SQL)
            .bind(browser_hash).bind(now).fetch_all(p).await?);
        let mut out = Vec::with_capacity(sessions.len());
        for s in sessions {
            if let Some(u) = self.user_by_id(&s.user_id).await? {
                out.push((s, u));
            }
        }
        Ok(out)
    }

    /// Ends an account's earlier session in this browser (signing in again replaces it).
    pub async fn end_browser_user_sessions(
        &self,
        browser_hash: &str,
        user_id: &str,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM sessions WHERE browser_hash = $1 AND user_id = $2")
            .bind(browser_hash).bind(user_id).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Whether any live account in this browser asked to be kept signed in.
    pub async fn browser_remembered(&self, browser_hash: &str, now: i64) -> StoreResult<bool> {
        Ok(
            on_pool!(self, p => sqlx::query("SELECT 1 FROM sessions WHERE browser_hash = $1 AND remember AND expires_at > $2 AND idle_until > $2 LIMIT 1")
            .bind(browser_hash).bind(now).fetch_optional(p).await?.is_some()),
        )
    }

    /// Makes `sid` the selected account of its browser.
    pub async fn select_session(
        &self,
        browser_hash: &str,
        sid: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query("UPDATE sessions SET selected_at = (SELECT COALESCE(MAX(selected_at), 0) + 1 FROM sessions WHERE browser_hash = $2) \
             WHERE browser_hash = $2 AND sid = $3 AND expires_at > $1 AND idle_until > $1")
            .bind(now).bind(browser_hash).bind(sid).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// An account's live sessions in every browser: (sid, user agent, signed in at).
    pub async fn user_sessions(
        &self,
        user_id: &str,
        now: i64,
    ) -> StoreResult<Vec<(String, Option<String>, i64)>> {
        Ok(
            on_pool!(self, p => sqlx::query_as::<_, (String, Option<String>, i64)>(
            "SELECT sid, user_agent, auth_time FROM sessions WHERE user_id = $1 AND expires_at > $2 AND idle_until > $2 ORDER BY auth_time DESC")
            .bind(user_id).bind(now).fetch_all(p).await?),
        )
    }

    /// Ends one of an account's sessions (from its settings).
    pub async fn delete_user_session(&self, user_id: &str, sid: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND sid = $2")
            .bind(user_id).bind(sid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Ends every session of an account but one (after a password change).
    pub async fn end_other_sessions(&self, user_id: &str, keep_sid: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND sid <> $2")
            .bind(user_id).bind(keep_sid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Ends every account session of a browser ("Sign out of all accounts").
    pub async fn delete_browser_sessions(&self, browser_hash: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM sessions WHERE browser_hash = $1")
            .bind(browser_hash).execute(p).await?.rows_affected());
        Ok(())
    }
}

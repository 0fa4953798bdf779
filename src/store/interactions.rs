//! The `interactions` table: authorization requests waiting for sign-in or consent.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Interaction {
    pub uid: String,
    pub client_id: String,
    pub params: String,
    /// Hash of the binding cookie of the browser that started the request.
    pub binding: String,
    /// The session that signed in for this request.
    pub login_sid: Option<String>,
    /// The session picked on the chooser for this request.
    pub chosen_sid: Option<String>,
    /// The session whose account pressed "Allow" on this request.
    pub consent_sid: Option<String>,
    pub expires_at: i64,
}

/// A request to store: the validated parameters and the browser it belongs to.
pub struct NewInteraction<'a> {
    pub uid: &'a str,
    pub client_id: &'a str,
    pub params: &'a str,
    pub binding: &'a str,
}

impl Store {
    pub async fn create_interaction(
        &self,
        ix: &NewInteraction<'_>,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO interactions (uid, client_id, params, binding, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(ix.uid).bind(ix.client_id).bind(ix.params).bind(ix.binding).bind(now).bind(expires_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn interaction(&self, uid: &str, now: i64) -> StoreResult<Option<Interaction>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, Interaction>(
            "SELECT uid, client_id, params, binding, login_sid, chosen_sid, consent_sid, expires_at \
             FROM interactions WHERE uid = $1 AND expires_at > $2")
            .bind(uid).bind(now).fetch_optional(p).await?))
    }

    /// A request that has expired but is still kept (a day after its expiry, see
    /// `purge_expired`), so the browser that started it can be told which app to
    /// go back to.
    pub async fn expired_interaction(
        &self,
        uid: &str,
        now: i64,
    ) -> StoreResult<Option<Interaction>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, Interaction>(
            "SELECT uid, client_id, params, binding, login_sid, chosen_sid, consent_sid, expires_at \
             FROM interactions WHERE uid = $1 AND expires_at <= $2")
            .bind(uid).bind(now).fetch_optional(p).await?))
    }

    /// Records a sign-in made for this request. The person's latest action decides
    /// the account, so an earlier pick on the chooser no longer counts.
    pub async fn interaction_logged_in(&self, uid: &str, sid: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE interactions SET login_sid = $1, chosen_sid = NULL WHERE uid = $2")
            .bind(sid).bind(uid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Records the account picked on the chooser for this request; an earlier
    /// sign-in for it no longer counts (it was another account, or is picked again).
    pub async fn interaction_chosen(&self, uid: &str, sid: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE interactions SET chosen_sid = $1, login_sid = NULL WHERE uid = $2")
            .bind(sid).bind(uid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Records that the account of session `sid` allowed this request.
    pub async fn interaction_consented(&self, uid: &str, sid: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE interactions SET consent_sid = $1 WHERE uid = $2")
            .bind(sid).bind(uid).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Deletes the interaction; true when this call was the one that removed it, so an
    /// interaction finishes at most once.
    pub async fn take_interaction(&self, uid: &str) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query("DELETE FROM interactions WHERE uid = $1")
            .bind(uid).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}

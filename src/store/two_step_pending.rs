//! The `two_step_pending` table: sign-ins between their first factor and their code.
//! Every change is one conditional statement, so concurrent code submissions with
//! the same cookie cannot share a try or complete the sign-in twice.

use super::{Store, StoreResult, on_pool};

impl Store {
    pub async fn two_step_pending_create(
        &self,
        id_hash: &str,
        user_id: &str,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO two_step_pending (id_hash, user_id, tries, expires_at) VALUES ($1, $2, 0, $3)")
            .bind(id_hash).bind(user_id).bind(expires_at).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Whether the pending sign-in is still open (not completed, ended or expired).
    pub async fn two_step_pending_open(&self, id_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM two_step_pending WHERE id_hash = $1 AND expires_at > $2")
            .bind(id_hash).bind(now).fetch_one(p).await?);
        Ok(n == 1)
    }

    /// Takes one of the sign-in's `max_tries` tries before its code is checked:
    /// `Some((user_id, tries used))`, or `None` when it has none left, is over or expired.
    pub async fn two_step_pending_try(
        &self,
        id_hash: &str,
        max_tries: i64,
        now: i64,
    ) -> StoreResult<Option<(String, i64)>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, (String, i64)>(
            "UPDATE two_step_pending SET tries = tries + 1 \
             WHERE id_hash = $1 AND tries < $2 AND expires_at > $3 \
             RETURNING user_id, tries")
            .bind(id_hash).bind(max_tries).bind(now).fetch_optional(p).await?))
    }

    /// Completes (or ends) the pending sign-in; true for the one caller that removed it.
    pub async fn two_step_pending_take(&self, id_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "DELETE FROM two_step_pending WHERE id_hash = $1 AND expires_at > $2")
            .bind(id_hash).bind(now).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}

//! The `mail_outbox` table: mail waits here until a transport accepts it, so a slow
//! or failing mail server never blocks a request and nothing is lost on restart.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: String,
    pub message: Vec<u8>,
    pub attempts: i64,
}

impl Store {
    pub async fn queue_mail(&self, id: &str, sealed: &[u8], now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO mail_outbox (id, message, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)")
            .bind(id).bind(sealed).bind(now).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Claims up to `limit` due messages for `lease` seconds, so two instances never
    /// send the same message at once.
    pub async fn claim_mail(
        &self,
        now: i64,
        lease: i64,
        limit: i64,
    ) -> StoreResult<Vec<OutboxRow>> {
        let due = on_pool!(self, p => sqlx::query_as::<_, OutboxRow>(
            "SELECT id, message, attempts FROM mail_outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= $1 AND locked_until < $1 ORDER BY next_attempt_at LIMIT $2")
            .bind(now).bind(limit).fetch_all(p).await?);
        let mut claimed = Vec::with_capacity(due.len());
        for row in due {
            let n = on_pool!(self, p => sqlx::query(
                "UPDATE mail_outbox SET locked_until = $1 WHERE id = $2 AND locked_until < $3 AND sent_at IS NULL")
                .bind(now + lease).bind(&row.id).bind(now).execute(p).await?.rows_affected());
            if n == 1 {
                claimed.push(row);
            }
        }
        Ok(claimed)
    }

    pub async fn mail_sent(&self, id: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE mail_outbox SET sent_at = $1, message = $2 WHERE id = $3")
            .bind(now).bind(Vec::<u8>::new()).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn mail_failed(
        &self,
        id: &str,
        error: &str,
        next_attempt_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, locked_until = 0 WHERE id = $3")
            .bind(error).bind(next_attempt_at).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }
}

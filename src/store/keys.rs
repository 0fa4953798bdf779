//! The `signing_keys` table. Private keys arrive here already sealed.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KeyRow {
    pub kid: String,
    pub alg: String,
    pub private_key: Vec<u8>,
    pub public_jwk: String,
    pub created_at: i64,
    pub rotated_at: Option<i64>,
}

impl Store {
    /// Keys still published: the signing ones and those rotated out after `retired_before`.
    pub async fn published_keys(&self, retired_before: i64) -> StoreResult<Vec<KeyRow>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, KeyRow>(
            "SELECT kid, alg, private_key, public_jwk, created_at, rotated_at FROM signing_keys \
             WHERE rotated_at IS NULL OR rotated_at > $1 ORDER BY created_at DESC, kid")
            .bind(retired_before).fetch_all(p).await?))
    }

    pub async fn all_keys(&self) -> StoreResult<Vec<KeyRow>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, KeyRow>(
            "SELECT kid, alg, private_key, public_jwk, created_at, rotated_at FROM signing_keys ORDER BY created_at DESC, kid")
            .fetch_all(p).await?))
    }

    /// A cheap fingerprint of the key table, polled so every instance notices rotations.
    pub async fn keys_fingerprint(&self) -> StoreResult<(i64, i64, i64)> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT COUNT(*), COALESCE(MAX(created_at), 0), COALESCE(MAX(rotated_at), 0) FROM signing_keys")
            .fetch_one(p).await?))
    }

    /// Adds new signing keys and, in the same transaction, rotates out the previous
    /// signing keys of the same algorithms.
    pub async fn insert_signing_keys(&self, rows: &[KeyRow], now: i64) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            for row in rows {
                sqlx::query("UPDATE signing_keys SET rotated_at = $1 WHERE alg = $2 AND rotated_at IS NULL")
                    .bind(now).bind(&row.alg).execute(&mut *tx).await?.rows_affected();
                sqlx::query("INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(&row.kid).bind(&row.alg).bind(&row.private_key).bind(&row.public_jwk).bind(row.created_at)
                    .execute(&mut *tx).await?.rows_affected();
            }
            tx.commit().await?;
        });
        Ok(())
    }
}

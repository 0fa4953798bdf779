//! The `consents` table: scopes a person has allowed a (third-party) client.

use super::{Store, StoreResult, on_pool};

impl Store {
    pub async fn consented_scope(
        &self,
        user_id: &str,
        client_id: &str,
    ) -> StoreResult<Option<String>> {
        Ok(on_pool!(self, p => sqlx::query_scalar::<_, String>(
            "SELECT scope FROM consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id).bind(client_id).fetch_optional(p).await?))
    }

    pub async fn save_consent(
        &self,
        user_id: &str,
        client_id: &str,
        scope: &str,
        now: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO consents (user_id, client_id, scope, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, updated_at = excluded.updated_at")
            .bind(user_id).bind(client_id).bind(scope).bind(now).execute(p).await?.rows_affected());
        Ok(())
    }
}

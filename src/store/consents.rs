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

/// An app with access to an account: a consent given to it, live grants, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectedApp {
    pub client_id: String,
    /// What it may see: the consented scope, else the scopes of its live grants.
    pub scope: String,
    /// When the person allowed it (the consent's time); `None` for an app that
    /// needs no consent (first party) and holds live grants.
    pub allowed_at: Option<i64>,
    /// The latest token it obtained (a grant or a refresh); `None` if none lives.
    pub last_used_at: Option<i64>,
}

impl Store {
    /// The apps with access to an account, by client id: every consent, and every
    /// app holding a live (unrevoked, unexpired) grant.
    pub async fn connected_apps(&self, user_id: &str, now: i64) -> StoreResult<Vec<ConnectedApp>> {
        let consents = on_pool!(self, p => sqlx::query_as::<_, (String, String, i64)>(
            "SELECT client_id, scope, updated_at FROM consents WHERE user_id = $1")
            .bind(user_id).fetch_all(p).await?);
        let grants = on_pool!(self, p => sqlx::query_as::<_, (String, String, i64, Option<i64>)>(
            "SELECT g.client_id, g.scope, g.created_at, \
               (SELECT MAX(r.created_at) FROM refresh_tokens r WHERE r.grant_id = g.id) \
             FROM grants g WHERE g.user_id = $1 AND g.revoked_at IS NULL AND g.expires_at > $2")
            .bind(user_id).bind(now).fetch_all(p).await?);
        let mut apps: Vec<ConnectedApp> = consents
            .into_iter()
            .map(|(client_id, scope, at)| ConnectedApp {
                client_id,
                scope,
                allowed_at: Some(at),
                last_used_at: None,
            })
            .collect();
        for (client_id, scope, created, refreshed) in grants {
            let used = refreshed.map_or(created, |r| r.max(created));
            let app = match apps.iter_mut().position(|a| a.client_id == client_id) {
                Some(i) => &mut apps[i],
                None => {
                    apps.push(ConnectedApp {
                        client_id,
                        scope: String::new(),
                        allowed_at: None,
                        last_used_at: None,
                    });
                    apps.last_mut().expect("just pushed")
                }
            };
            app.last_used_at = Some(app.last_used_at.map_or(used, |u| u.max(used)));
            if app.allowed_at.is_none() {
                for s in scope.split_whitespace() {
                    if !app.scope.split_whitespace().any(|have| have == s) {
                        if !app.scope.is_empty() {
                            app.scope.push(' ');
                        }
                        app.scope.push_str(s);
                    }
                }
            }
        }
        apps.sort_by(|a, b| a.client_id.cmp(&b.client_id));
        Ok(apps)
    }

    /// "Remove access": forgets the consent to `client_id` and revokes the
    /// account's grants to it, in one transaction; its codes and refresh tokens
    /// are deleted, and its access tokens die with the grants (`access_token_live`).
    /// False when the app had no access.
    pub async fn remove_app_access(
        &self,
        user_id: &str,
        client_id: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let changed = on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut n = sqlx::query("DELETE FROM consents WHERE user_id = $1 AND client_id = $2")
                .bind(user_id).bind(client_id).execute(&mut *tx).await?.rows_affected();
            n += sqlx::query(
                "DELETE FROM refresh_tokens WHERE grant_id IN (SELECT id FROM grants WHERE user_id = $1 AND client_id = $2)")
                .bind(user_id).bind(client_id).execute(&mut *tx).await?.rows_affected();
            sqlx::query(
                "DELETE FROM auth_codes WHERE grant_id IN (SELECT id FROM grants WHERE user_id = $1 AND client_id = $2)")
                .bind(user_id).bind(client_id).execute(&mut *tx).await?;
            n += sqlx::query(
                "UPDATE grants SET revoked_at = $3 WHERE user_id = $1 AND client_id = $2 AND revoked_at IS NULL")
                .bind(user_id).bind(client_id).bind(now).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            n
        });
        Ok(changed > 0)
    }
}

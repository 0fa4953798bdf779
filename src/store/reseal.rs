//! Re-sealing every secret sealed under the master key (`lanyard secrets
//! rotate-master-key`). Each row is rewritten only if it did not change meanwhile,
//! so running instances can keep writing.

use super::{Store, StoreResult, on_pool};
use crate::crypto::MasterKey;

/// A column of sealed values: table, key column, sealed column, and the sealing
/// context of a row given its key. Fixed names only: nothing here comes from input.
struct SealedColumn {
    table: &'static str,
    id: &'static str,
    column: &'static str,
    context: fn(&str) -> String,
}

const SEALED: &[SealedColumn] = &[
    SealedColumn {
        table: "signing_keys",
        id: "kid",
        column: "private_key",
        context: |kid| format!("signing_key:{kid}"),
    },
    SealedColumn {
        table: "users",
        id: "id",
        column: "totp_secret",
        context: |id| format!("totp:{id}"),
    },
    SealedColumn {
        table: "mail_outbox",
        id: "id",
        column: "message",
        context: |_| "mail_outbox".to_string(),
    },
    SealedColumn {
        table: "federation_states",
        id: "state_hash",
        column: "secrets",
        context: |_| "federation_state".to_string(),
    },
];

impl Store {
    /// Re-seals every sealed value not yet under the master key's current key.
    /// Returns (table, values re-sealed).
    pub async fn reseal_all(&self, master: &MasterKey) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let mut out = Vec::new();
        for col in SEALED {
            let select = format!(
                "SELECT {id}, {c} FROM {t} WHERE {c} IS NOT NULL",
                id = col.id,
                c = col.column,
                t = col.table
            );
            let rows: Vec<(String, Vec<u8>)> = on_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(select.as_str())).fetch_all(p).await?);
            let mut n = 0;
            for (id, sealed) in rows {
                // Empty is not sealed: a sent message keeps an empty body until purged.
                if sealed.is_empty() || master.is_current(&sealed) {
                    continue;
                }
                let ctx = (col.context)(&id);
                let plain = master
                    .open(&ctx, &sealed)
                    .map_err(|e| anyhow::anyhow!("{}.{} of {id}: {e}", col.table, col.column))?;
                let resealed = master.seal(&ctx, &plain);
                n += self.replace_sealed(col, &id, &sealed, &resealed).await?;
            }
            out.push((col.table, n));
        }
        Ok(out)
    }

    async fn replace_sealed(
        &self,
        col: &SealedColumn,
        id: &str,
        old: &[u8],
        new: &[u8],
    ) -> StoreResult<u64> {
        let sql = format!(
            "UPDATE {t} SET {c} = $1 WHERE {id} = $2 AND {c} = $3",
            t = col.table,
            c = col.column,
            id = col.id
        );
        Ok(
            on_pool!(self, p => sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(new).bind(id).bind(old).execute(p).await?.rows_affected()),
        )
    }
}

-- Sign-ins waiting for their second factor. The sealed `lanyard_2fa` cookie names a
-- row (by the SHA-256 of its random id): the row counts that sign-in's wrong codes
-- and is deleted by the code that completes it, so a cookie is good for one sign-in.
CREATE TABLE two_step_pending (
    id_hash    TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tries      BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL
);
CREATE INDEX two_step_pending_expires ON two_step_pending (expires_at);

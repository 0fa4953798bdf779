-- Logout tokens waiting for delivery to the apps' backchannel_logout_uri (OIDC
-- Back-Channel Logout 1.0), sent by a background worker with retries, like mail.
-- `locked_until` is the lease of the instance sending it, so each token is sent
-- by one instance at a time; `sent_at` ends it.
CREATE TABLE backchannel_outbox (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    uri             TEXT NOT NULL,
    claims          TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL DEFAULT 0,
    sent_at         BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX backchannel_outbox_due ON backchannel_outbox (sent_at, next_attempt_at);

-- Device authorization requests (RFC 8628): a TV or command-line tool polls with
-- its device code while a person enters the user code at /device. Both codes are
-- stored as SHA-256 hashes. `grant_id` is set when the person allows, `denied_at`
-- when they deny; `redeemed_at` when the device got its tokens (single use).
-- `interval` grows by 5 s each time the device polls too fast (§3.5 slow_down).
CREATE TABLE device_codes (
    device_code_hash TEXT PRIMARY KEY,
    user_code_hash   TEXT NOT NULL UNIQUE,
    client_id        TEXT NOT NULL,
    scope            TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    poll_interval    BIGINT NOT NULL,
    last_polled_at   BIGINT,
    grant_id         TEXT,
    denied_at        BIGINT,
    redeemed_at      BIGINT
);
CREATE INDEX device_codes_expiry ON device_codes (expires_at);

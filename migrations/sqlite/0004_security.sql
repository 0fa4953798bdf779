-- Two-step verification, throttling, the audit log, known browsers and idle
-- session expiry.

-- The TOTP secret, sealed under the master key. While `totp_enabled_at` is NULL
-- it is an enrollment waiting for its first code.
ALTER TABLE users ADD COLUMN totp_secret BLOB;
ALTER TABLE users ADD COLUMN totp_enabled_at INTEGER;
-- The last time step a code was accepted for: a code is accepted at most once.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- Single-use recovery codes (80-bit random), stored as SHA-256 hashes.
CREATE TABLE recovery_codes (
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (user_id, code_hash)
);

-- Throttling counters shared by every instance: failures (or requests) per key
-- ("login:ip:..", "login:account:.."), forgotten after a quiet window.
CREATE TABLE rate_limits (
    key     TEXT PRIMARY KEY,
    hits    INTEGER NOT NULL,
    last_at INTEGER NOT NULL
);
CREATE INDEX rate_limits_last ON rate_limits (last_at);

-- Security-relevant events. No foreign key: the record outlives the account.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    event      TEXT NOT NULL,
    user_id    TEXT,
    ip         TEXT,
    user_agent TEXT,
    detail     TEXT
);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- Browsers an account has signed in from (hash of a long-lived device cookie), so a
-- sign-in from a new one can be told to the person.
CREATE TABLE known_browsers (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_hash TEXT NOT NULL,
    last_seen   INTEGER NOT NULL,
    PRIMARY KEY (user_id, device_hash)
);

-- Idle expiry: a session unused until `idle_until` ends, whatever its absolute expiry.
ALTER TABLE sessions ADD COLUMN idle_until INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET idle_until = expires_at;

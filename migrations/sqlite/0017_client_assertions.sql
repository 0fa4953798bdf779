-- The `jti` of each private_key_jwt client assertion used (RFC 7523 §3: a JWT may
-- be used once), by the hash of client id and jti, kept until the JWT expires.
CREATE TABLE client_assertions (
    jti_hash   TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
CREATE INDEX client_assertions_expiry ON client_assertions (expires_at);

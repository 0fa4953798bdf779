-- Federated sign-in: accounts linked to an upstream OpenID Provider by its
-- (issuer, sub), and the pending upstream authorization requests.

CREATE TABLE federated_identities (
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    upstream_id TEXT NOT NULL,
    email       TEXT,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX federated_identities_user ON federated_identities (user_id);

CREATE TABLE federation_states (
    state_hash   TEXT PRIMARY KEY,
    upstream_id  TEXT NOT NULL,
    browser_hash TEXT NOT NULL,                 -- binds the flow to the browser that started it
    secrets      BLOB NOT NULL,                 -- sealed PKCE verifier and nonce
    uid          TEXT NOT NULL,
    next         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX federation_states_expiry ON federation_states (expires_at);

-- Lanyard schema (PostgreSQL). Times are unix seconds. Opaque secrets are stored as
-- SHA-256 hashes (*_hash columns); private keys are sealed under the master key.

CREATE TABLE users (
    id             TEXT PRIMARY KEY,          -- the stable `sub`
    username       TEXT NOT NULL UNIQUE,      -- lower case
    email          TEXT NOT NULL UNIQUE,      -- lower case
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    name           TEXT,
    password_hash  TEXT,                      -- argon2id PHC string; NULL: no password yet
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    alg         TEXT NOT NULL,
    private_key BYTEA NOT NULL,                -- sealed PKCS#8
    public_jwk  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    rotated_at  BIGINT                       -- NULL while it is the signing key
);
CREATE INDEX signing_keys_alg ON signing_keys (alg, rotated_at);

-- One row per account signed in in a browser; `sid` is the ID token's sid claim.
CREATE TABLE sessions (
    sid          TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    auth_time    BIGINT NOT NULL,
    amr          TEXT NOT NULL,
    remember     BOOLEAN NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    selected_at  BIGINT NOT NULL,                -- selection order within the browser (max = current)
    user_agent   TEXT
);
CREATE INDEX sessions_browser ON sessions (browser_hash);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- A pending authorization request while the person signs in or consents.
CREATE TABLE interactions (
    uid        TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL,
    params     TEXT NOT NULL,                 -- the validated request, JSON
    login_sid  TEXT,                          -- set when a sign-in happened for it
    consented  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX interactions_expiry ON interactions (expires_at);

CREATE TABLE consents (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL,
    scope      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

-- What a person allowed a client: codes, access and refresh tokens hang off it.
CREATE TABLE grants (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sid        TEXT,
    scope      TEXT NOT NULL,
    auth_time  BIGINT NOT NULL,
    amr        TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX grants_user ON grants (user_id);
CREATE INDEX grants_expiry ON grants (expires_at);

CREATE TABLE auth_codes (
    code_hash      TEXT PRIMARY KEY,
    grant_id       TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    client_id      TEXT NOT NULL,
    redirect_uri   TEXT NOT NULL,
    nonce          TEXT,
    code_challenge TEXT,
    expires_at     BIGINT NOT NULL,
    consumed_at    BIGINT
);
CREATE INDEX auth_codes_expiry ON auth_codes (expires_at);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    rotated_at BIGINT                        -- set when exchanged; a reuse revokes the grant
);
CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Access tokens (JWTs) revoked before they expire, by jti.
CREATE TABLE revoked_tokens (
    jti        TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- Single-use links: set-password (from the CLI) and password reset.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_resets_expiry ON password_resets (expires_at);

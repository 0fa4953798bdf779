-- Passkeys (WebAuthn credentials): public keys, so stored as they are. `passkey`
-- is webauthn-rs's JSON of the credential (its public key, signature counter and
-- backup flags); `cred_id` is its credential id in base64url, unique across
-- accounts (a credential belongs to one account only).
CREATE TABLE passkeys (
    cred_id         TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    passkey         TEXT NOT NULL,
    backup_eligible BOOLEAN NOT NULL,
    created_at      BIGINT NOT NULL,
    last_used_at    BIGINT
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- A passkey ceremony under way: webauthn-rs's state (its challenge), single use and
-- short-lived. `kind`: register, sign_in, second_step or reset; `owner` is what
-- the ceremony is for (the account adding a passkey, the reset link's hash, the
-- waiting two-step sign-in's account) and must match when it ends.
CREATE TABLE passkey_ceremonies (
    id_hash    TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    state      TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX passkey_ceremonies_expiry ON passkey_ceremonies (expires_at);

-- "Sign in faster next time": offered once per account.
ALTER TABLE users ADD COLUMN passkey_offered_at BIGINT;

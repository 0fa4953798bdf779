-- Hosted account experience: onboarding, photos, email links, teams, mail outbox,
-- captcha replay guard.

ALTER TABLE users ADD COLUMN onboarded_at BIGINT;
-- The account picked on the chooser for a pending request (distinct from a fresh
-- sign-in, which is what prompt=login and max_age ask for).
ALTER TABLE interactions ADD COLUMN chosen_sid TEXT;

-- Accounts that existed before onboarding do not go through it.
UPDATE users SET onboarded_at = created_at;

ALTER TABLE users ADD COLUMN picture_version BIGINT;   -- NULL: no photo

CREATE TABLE avatars (
    user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    png        BYTEA NOT NULL,                           -- re-encoded 256x256 PNG
    updated_at BIGINT NOT NULL
);

-- Single-use links sent by email: confirm the address, confirm a new address.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,                           -- 'confirm' | 'change_email'
    email      TEXT NOT NULL,                           -- the address being confirmed
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_tokens_user ON email_tokens (user_id);
CREATE INDEX email_tokens_expiry ON email_tokens (expires_at);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    owner_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

CREATE TABLE team_members (
    team_id   TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,                            -- 'owner' | 'member'
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE team_invites (
    token_hash  TEXT PRIMARY KEY,
    team_id     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    invited_by  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX team_invites_team ON team_invites (team_id);

-- Mail waits here until a transport accepts it; bodies are sealed (they carry links).
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    message         BYTEA NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL DEFAULT 0,
    sent_at         BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);

-- Built-in captcha challenges already used (replay guard shared by all instances).
CREATE TABLE captcha_used (
    challenge  TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX captcha_used_expiry ON captcha_used (expires_at);

-- Look-alike names, links that end when what they confirm changes, and recent
-- authentication for sensitive settings.

-- The UTS #39 confusable skeleton of the (lower-case) username and email. No SQL
-- can compute it: new rows get it from the application, existing rows are filled
-- in at startup (`Store::backfill_skeletons`). Unique, so two concurrent signups
-- with look-alike names cannot both succeed; NULL (not yet filled in, or an old
-- pair of look-alikes that predates this rule) never conflicts.
ALTER TABLE users ADD COLUMN username_skeleton TEXT;
ALTER TABLE users ADD COLUMN email_skeleton TEXT;
CREATE UNIQUE INDEX users_username_skeleton ON users (username_skeleton);
CREATE UNIQUE INDEX users_email_skeleton ON users (email_skeleton);

-- The address the latest email-change link was sent to. A change link applies
-- only while its address is still this one.
ALTER TABLE users ADD COLUMN pending_email TEXT;

-- When the person last proved it is them in this session after signing in
-- ("Confirm it's you"); recent authentication is the later of this and auth_time.
ALTER TABLE sessions ADD COLUMN reauth_at BIGINT;

CREATE INDEX password_resets_user ON password_resets (user_id);

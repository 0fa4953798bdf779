-- "Ask for a new invitation" on an expired invitation's page: asked once per
-- invitation (expired invitations are now kept 30 days for it).
ALTER TABLE team_invites ADD COLUMN renewal_asked_at BIGINT;

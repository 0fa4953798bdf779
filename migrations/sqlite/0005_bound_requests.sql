-- A pending authorization request is bound to the browser that started it (the
-- hash of a cookie value), and consent given on it counts only for the session
-- that gave it. Requests in flight during the upgrade have no binding and are
-- refused: their people start again.
DELETE FROM interactions;
ALTER TABLE interactions ADD COLUMN binding TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN consent_sid TEXT;
-- `consented` (a flag for whoever resumed) is no longer read or written; it stays
-- until a later release so that instances not yet upgraded keep working.

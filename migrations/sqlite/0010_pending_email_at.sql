-- When the pending email change (`pending_email`) was asked for, so Settings shows
-- "Waiting for confirmation" only while its link could still be opened. Changes
-- asked for before this column existed have no time and are not shown.
ALTER TABLE users ADD COLUMN pending_email_at INTEGER;

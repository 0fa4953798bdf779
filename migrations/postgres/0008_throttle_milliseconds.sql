-- Throttling counters keep the time of their last hit in Unix milliseconds (waits
-- of 1 s, 2 s… measured in whole seconds could end a moment after they began). The
-- counters carry on across the change; the new name says the unit.
UPDATE rate_limits SET last_at = last_at * 1000;
ALTER TABLE rate_limits RENAME COLUMN last_at TO last_ms;

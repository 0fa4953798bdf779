-- Pushed authorization requests (RFC 9126): the parameters a client sent to /par,
-- by the hash of the request_uri it got back; single use, one minute.
CREATE TABLE pushed_requests (
    uri_hash   TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL,
    params     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX pushed_requests_expiry ON pushed_requests (expires_at);

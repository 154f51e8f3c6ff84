-- Issue 15: dashboard sessions ended by signing out (DELETE /dashboard/session): the session token's jti, kept
-- until the token expires (then it is refused anyway and the row is deleted). Same statements in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS revoked_dashboard_sessions (
  jti VARCHAR(64) NOT NULL PRIMARY KEY,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS revoked_dashboard_sessions_expiry ON revoked_dashboard_sessions (expires_at);

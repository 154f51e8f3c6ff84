-- Issue 10: every deep phase asks what changed since its node's last read (CandidateFeed): activity by
-- last_active_at and erasures by (kind, erased_at), across tenants. Without these indexes each of those reads scans
-- the whole table (100,000 rows for 100,000 users). Same statements in h2/ and postgres/.
CREATE INDEX IF NOT EXISTS user_activity_active_idx ON user_activity (last_active_at);
CREATE INDEX IF NOT EXISTS erased_subjects_erased_idx ON erased_subjects (kind, erased_at);

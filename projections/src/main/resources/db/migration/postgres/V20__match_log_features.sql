-- Issue 11: each logged match keeps the features it was scored with, so that a tenant's combination can be fitted
-- on its outcomes (WeightFitter). Same columns in h2/ and postgres/; null in rows logged before this migration,
-- which the fit skips.
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS compat_forward DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS compat_backward DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS desirability DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS yes_rate DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS completeness DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS recency DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS distance DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS mutual_interest DOUBLE PRECISION;
-- The fit reads the latest matches of a tenant.
CREATE INDEX IF NOT EXISTS match_log_generated_idx ON match_log (tenant, generated_at);

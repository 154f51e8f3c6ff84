-- Jobs (issue 12): long computations (model fits, backtests, reports) queued here and run by one node at a time.
-- Same table in h2/ and postgres/ (only the large-text type differs). A running job's owner renews its lease; a job
-- whose lease lapsed (its node stopped or died) is queued again or failed by any node (README "Jobs and schedules").
CREATE TABLE IF NOT EXISTS jobs (
  id VARCHAR(40) PRIMARY KEY,
  tenant VARCHAR(64) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL,
  progress INT NOT NULL,
  request_json TEXT NOT NULL,
  result_json TEXT,
  error_code VARCHAR(32),
  error VARCHAR(2000),
  idempotency_key VARCHAR(200),
  attempts INT NOT NULL,
  cancel_requested BOOLEAN NOT NULL,
  owner_node VARCHAR(64),
  lease_until TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE,
  finished_at TIMESTAMP WITH TIME ZONE,
  -- NULL keys are distinct: only submissions that name a key are deduplicated.
  CONSTRAINT jobs_idempotency UNIQUE (tenant, kind, idempotency_key)
);
CREATE INDEX IF NOT EXISTS jobs_state_idx ON jobs (state, created_at);
CREATE INDEX IF NOT EXISTS jobs_tenant_idx ON jobs (tenant, created_at);

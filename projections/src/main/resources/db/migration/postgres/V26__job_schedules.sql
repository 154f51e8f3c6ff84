-- Schedules (issue 12): per tenant, a cron expression and the job it submits once per period. The ticker (a cluster
-- singleton) records here the period it last ran, that run's job and outcome, and the retries of a failed run.
CREATE TABLE IF NOT EXISTS job_schedules (
  tenant VARCHAR(64) NOT NULL,
  name VARCHAR(64) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  cron VARCHAR(200) NOT NULL,
  enabled BOOLEAN NOT NULL,
  request_json TEXT NOT NULL,
  -- Periods that started before this instant (the last change of cron or request) are not run.
  effective_from TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_period TIMESTAMP WITH TIME ZONE,
  last_job_id VARCHAR(40),
  last_run_at TIMESTAMP WITH TIME ZONE,
  last_outcome VARCHAR(16),
  last_error VARCHAR(2000),
  attempts INT NOT NULL,
  retry_at TIMESTAMP WITH TIME ZONE,
  checked_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (tenant, name)
);

-- KPI read model (issue 12): additive facts per tenant, period and KPI name, for the built-in segment 'all'
-- (kpi_tenant_facts) and per user (kpi_user_facts, so a segment defined later applies to history). grain is 'h'
-- (the UTC hour starting at t) or 'd' (the UTC day starting at t); both are kept, so a day's distinct active users
-- are exact and no query rolls hours up. Kept by the kpi-users and kpi-sessions projections; kpi_session_cursor is
-- where each session stood at its last emotion or summary (for EVI's session time). Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS kpi_tenant_facts (
  tenant VARCHAR(64) NOT NULL,
  grain CHAR(1) NOT NULL,
  t TIMESTAMP WITH TIME ZONE NOT NULL,
  name VARCHAR(200) NOT NULL,
  amount NUMERIC(24, 6) NOT NULL,
  PRIMARY KEY (tenant, grain, t, name)
);

CREATE TABLE IF NOT EXISTS kpi_user_facts (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  grain CHAR(1) NOT NULL,
  t TIMESTAMP WITH TIME ZONE NOT NULL,
  name VARCHAR(200) NOT NULL,
  amount NUMERIC(24, 6) NOT NULL,
  PRIMARY KEY (tenant, grain, t, name, user_id)
);

CREATE INDEX IF NOT EXISTS kpi_user_facts_by_user ON kpi_user_facts (tenant, user_id, name, grain, t);

CREATE TABLE IF NOT EXISTS kpi_session_cursor (
  tenant VARCHAR(64) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  state VARCHAR(32) NOT NULL,
  page VARCHAR(500) NOT NULL,
  last_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, session_id)
);

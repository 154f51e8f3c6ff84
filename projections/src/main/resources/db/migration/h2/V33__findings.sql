-- Curiosity findings (issue 12): every hypothesis the latest curiosity run tested for a tenant and segment (a new
-- run replaces them), with its effect, 95 % interval, sample size, p-value and Benjamini-Hochberg q-value over the
-- whole run. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS findings (
  tenant VARCHAR(64) NOT NULL,
  segment VARCHAR(128) NOT NULL,
  template VARCHAR(64) NOT NULL,
  kpi VARCHAR(128) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  lag INT NOT NULL,
  statement VARCHAR(1000) NOT NULL,
  estimate DOUBLE PRECISION NOT NULL,
  std_error DOUBLE PRECISION NOT NULL,
  lower95 DOUBLE PRECISION NOT NULL,
  upper95 DOUBLE PRECISION NOT NULL,
  n INT NOT NULL,
  p_value DOUBLE PRECISION NOT NULL,
  q_value DOUBLE PRECISION NOT NULL,
  discovery BOOLEAN NOT NULL,
  fdr DOUBLE PRECISION NOT NULL,
  run_id VARCHAR(64) NOT NULL,
  found_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, segment, template, kpi, subject, lag)
);

CREATE INDEX IF NOT EXISTS findings_by_q ON findings (tenant, segment, q_value);

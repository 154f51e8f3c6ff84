-- Learned signal lifts (issue 12): the latest learned effect per tenant, segment, KPI, signal and lag, with the
-- estimate it replaced (previous_estimate) and, where the tenant configured a value for the pair, that value and
-- whether the learned 95 % interval contradicts it. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS signal_lifts (
  tenant VARCHAR(64) NOT NULL,
  segment VARCHAR(128) NOT NULL,
  kpi VARCHAR(128) NOT NULL,
  signal VARCHAR(128) NOT NULL,
  lag INT NOT NULL,
  estimate DOUBLE PRECISION NOT NULL,
  std_error DOUBLE PRECISION NOT NULL,
  lower95 DOUBLE PRECISION NOT NULL,
  upper95 DOUBLE PRECISION NOT NULL,
  n INT NOT NULL,
  degrees_of_freedom INT NOT NULL,
  p_value DOUBLE PRECISION NOT NULL,
  model VARCHAR(64) NOT NULL,
  previous_estimate DOUBLE PRECISION,
  configured DOUBLE PRECISION,
  contradicts BOOLEAN NOT NULL,
  run_id VARCHAR(64) NOT NULL,
  learned_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, segment, kpi, signal, lag)
);

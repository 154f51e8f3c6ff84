-- Backtests (issue 12): every prediction a model made, from a backtest (kind 'backtest': fitted on the periods
-- before origin) or for the predictive calendar (kind 'calendar': fitted on all data, origin = the first period
-- after it). actual is NULL until the period's value is known: each later backtest run of the same tenant, segment
-- and model fills in the actuals of earlier predictions from the KPI series it reads. rush is set for calendar
-- rows only. A re-run replaces the rows of the same key. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS kpi_predictions (
  tenant VARCHAR(64) NOT NULL,
  segment VARCHAR(128) NOT NULL,
  model VARCHAR(64) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  kpi VARCHAR(128) NOT NULL,
  origin TIMESTAMP WITH TIME ZONE NOT NULL,
  period TIMESTAMP WITH TIME ZONE NOT NULL,
  step INT NOT NULL,
  predicted DOUBLE PRECISION NOT NULL,
  lower95 DOUBLE PRECISION NOT NULL,
  upper95 DOUBLE PRECISION NOT NULL,
  reference DOUBLE PRECISION,
  actual DOUBLE PRECISION,
  rush BOOLEAN,
  run_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant, segment, model, kind, kpi, origin, period)
);

CREATE INDEX IF NOT EXISTS kpi_predictions_by_period ON kpi_predictions (tenant, segment, kind, period);

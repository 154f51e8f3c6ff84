-- Backtests (issue 12): one row per backtest run, and its metrics per KPI (fractions; NULL where undefined, e.g. the
-- correlation of a constant series). Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS backtest_runs (
  run_id VARCHAR(64) NOT NULL PRIMARY KEY,
  tenant VARCHAR(64) NOT NULL,
  segment VARCHAR(128) NOT NULL,
  model VARCHAR(64) NOT NULL,
  grain VARCHAR(8) NOT NULL,
  data_from TIMESTAMP WITH TIME ZONE NOT NULL,
  data_to TIMESTAMP WITH TIME ZONE NOT NULL,
  min_history INT NOT NULL,
  step INT NOT NULL,
  horizon INT NOT NULL,
  origins INT NOT NULL,
  ran_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS backtest_runs_by_segment ON backtest_runs (tenant, segment, model, ran_at);

CREATE TABLE IF NOT EXISTS backtest_metrics (
  run_id VARCHAR(64) NOT NULL,
  kpi VARCHAR(128) NOT NULL,
  n INT NOT NULL,
  mape DOUBLE PRECISION,
  mape_skipped INT NOT NULL,
  smape DOUBLE PRECISION,
  directional_accuracy DOUBLE PRECISION,
  correlation DOUBLE PRECISION,
  coverage95 DOUBLE PRECISION,
  rush_day_recall DOUBLE PRECISION,
  PRIMARY KEY (run_id, kpi)
);

-- Issue 12: fitted KPI model versions, one row per tenant, segment, model type and version (1, 2, ... per
-- tenant/segment/type, never reused). Same table in h2/ and postgres/ (JSON text is CLOB in H2, TEXT in
-- PostgreSQL). period_from is the first period's start, period_to the end of the last period (exclusive).
-- spec_json is the ModelSpec as asked; fit_json the fitted matrices, iterations, convergence, fit quality and notes.
-- log_likelihood and aic are NULL when not finite. The listing reads this table only; the data a version was
-- fitted on lives in model_version_history (V29).
CREATE TABLE IF NOT EXISTS model_versions (
  tenant VARCHAR(64) NOT NULL,
  segment VARCHAR(128) NOT NULL,
  model_type VARCHAR(64) NOT NULL,
  version INTEGER NOT NULL,
  fitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  grain VARCHAR(8) NOT NULL,
  period_from TIMESTAMP WITH TIME ZONE NOT NULL,
  period_to TIMESTAMP WITH TIME ZONE NOT NULL,
  periods INTEGER NOT NULL,
  log_likelihood DOUBLE PRECISION,
  aic DOUBLE PRECISION,
  iterations INTEGER NOT NULL,
  converged BOOLEAN NOT NULL,
  spec_json CLOB NOT NULL,
  fit_json CLOB NOT NULL,
  PRIMARY KEY (tenant, segment, model_type, version)
);
CREATE INDEX IF NOT EXISTS model_versions_fitted_idx ON model_versions (tenant, fitted_at);

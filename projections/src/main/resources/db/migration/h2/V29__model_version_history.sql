-- Issue 12: the data each fitted model version was fitted on (periods, KPI names, controls, y with NaN for missing
-- and u, as JSON), written in the same transaction as its model_versions row. Simulate and recommend filter the
-- model through this history to its last period, so a version answers the same way however the KPI read model
-- changes later; re-estimate to take in new periods. Kept apart from model_versions so listing stays cheap.
CREATE TABLE IF NOT EXISTS model_version_history (
  tenant VARCHAR(64) NOT NULL,
  segment VARCHAR(128) NOT NULL,
  model_type VARCHAR(64) NOT NULL,
  version INTEGER NOT NULL,
  history_json CLOB NOT NULL,
  PRIMARY KEY (tenant, segment, model_type, version)
);

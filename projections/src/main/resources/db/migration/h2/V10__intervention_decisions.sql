-- Interventions (issue 9): one row per decision, written by the intervention-decisions projection from the user's
-- InterventionDecided / InterventionDelivered / InterventionOutcome events. GET /v1/interventions and
-- GET /v1/forensics/interventions read it. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS intervention_decisions (
  tenant VARCHAR(64) NOT NULL,
  decision_id VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  session_id VARCHAR(128),
  context_id VARCHAR(64) NOT NULL,
  variant_id VARCHAR(64) NOT NULL,
  holdout BOOLEAN NOT NULL,
  reason VARCHAR(16) NOT NULL,
  emotion VARCHAR(32) NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  emotion_id VARCHAR(300),
  channel VARCHAR(16),
  cost DOUBLE PRECISION NOT NULL,
  lifetime_value DOUBLE PRECISION NOT NULL,
  decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
  window_ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
  delivered BOOLEAN NOT NULL,
  delivery_detail VARCHAR(500),
  delivered_at TIMESTAMP WITH TIME ZONE,
  outcome VARCHAR(16),
  outcome_event_id VARCHAR(128),
  outcome_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (tenant, decision_id)
);

CREATE INDEX IF NOT EXISTS intervention_decisions_recent ON intervention_decisions (tenant, decided_at);

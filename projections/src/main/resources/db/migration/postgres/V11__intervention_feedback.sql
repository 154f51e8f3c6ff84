-- Feedback on intervention decisions (issue 9): the latest verdict per decision. The forensics "failures" log
-- reads the false positives from here. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS intervention_feedback (
  tenant VARCHAR(64) NOT NULL,
  decision_id VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  false_positive BOOLEAN NOT NULL,
  note VARCHAR(2000),
  given_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, decision_id)
);

CREATE INDEX IF NOT EXISTS intervention_feedback_false_positives ON intervention_feedback (tenant, false_positive, given_at);

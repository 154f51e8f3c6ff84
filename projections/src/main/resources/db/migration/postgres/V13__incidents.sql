-- Executive escalation (issue 9): one row per incident, kept by the incidents projection from the Incident entities'
-- events. GET /v1/incidents lists them; the deadline sweeper reads the open ones whose next deadline has passed
-- (the entity's own timer is lost with passivation or a crashed node, this row is not); forensics read the
-- acknowledgement times. Same in postgres/ and h2/.
CREATE TABLE IF NOT EXISTS incidents (
  tenant VARCHAR(64) NOT NULL,
  incident_id VARCHAR(64) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  emotion_id VARCHAR(600) NOT NULL,
  session_id VARCHAR(255),
  company VARCHAR(255),
  lifetime_value DECIMAL(38, 6),
  currency VARCHAR(3),
  emotion VARCHAR(32) NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  page VARCHAR(2000),
  evidence VARCHAR(2000),
  source VARCHAR(32) NOT NULL,
  detected_at TIMESTAMP WITH TIME ZONE NOT NULL,
  opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
  -- open (the chain is running), acknowledged, unacknowledged (the chain ended first)
  status VARCHAR(16) NOT NULL,
  contacts INT NOT NULL,
  contacts_paged INT NOT NULL,
  next_deadline_at TIMESTAMP WITH TIME ZONE,
  acknowledged_at TIMESTAMP WITH TIME ZONE,
  acknowledged_by VARCHAR(255),
  ended_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (tenant, incident_id)
);

CREATE INDEX IF NOT EXISTS incidents_by_opened ON incidents (tenant, opened_at);
CREATE INDEX IF NOT EXISTS incidents_by_deadline ON incidents (status, next_deadline_at);

-- What happened in each incident, in order: detected, decided, paged (whom), delivered / failed (which channel,
-- what the provider said), acknowledged (by whom), chain_ended. One row per event and kind (an opening is two:
-- detected and decided). Same in postgres/ and h2/.
CREATE TABLE IF NOT EXISTS incident_timeline (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_nr BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  tenant VARCHAR(64) NOT NULL,
  incident_id VARCHAR(64) NOT NULL,
  event_at TIMESTAMP WITH TIME ZONE NOT NULL,
  contact_index INT,
  contact VARCHAR(255),
  channel VARCHAR(32),
  detail VARCHAR(2000),
  PRIMARY KEY (persistence_id, sequence_nr, kind)
);

CREATE INDEX IF NOT EXISTS incident_timeline_by_incident ON incident_timeline (tenant, incident_id, event_at);

-- The correlation chains (issue 8): one row per traced event, written by the event-chain projection from each
-- event's metadata. GET /v1/events?correlationId= reads one tenant's chain in journal order. Same in postgres/.
CREATE TABLE IF NOT EXISTS event_chain (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_nr BIGINT NOT NULL,
  tenant VARCHAR(64) NOT NULL,
  correlation_id VARCHAR(255) NOT NULL,
  causation_id VARCHAR(255) NOT NULL,
  event_type VARCHAR(128) NOT NULL,
  event_at TIMESTAMP WITH TIME ZONE NOT NULL,
  journal_ordering BIGINT NOT NULL,
  PRIMARY KEY (persistence_id, sequence_nr)
);

CREATE INDEX IF NOT EXISTS event_chain_by_correlation ON event_chain (tenant, correlation_id, journal_ordering);

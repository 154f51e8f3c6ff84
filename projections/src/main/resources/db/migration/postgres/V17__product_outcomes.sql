-- Revenue forensics (issue 9): every product event of every user, kept by the product-outcomes projection from
-- ProductEventsRecorded (and the older one-per-event ProductEventRecorded); recorded_at is the server time of
-- recording, which attribution counts from. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS product_outcomes (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  event_id VARCHAR(255) NOT NULL,
  type VARCHAR(64) NOT NULL,
  amount DECIMAL(38, 8),
  currency VARCHAR(3),
  occurred_at TIMESTAMP WITH TIME ZONE,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, user_id, event_id)
);

CREATE INDEX IF NOT EXISTS product_outcomes_by_type ON product_outcomes (tenant, type, recorded_at);

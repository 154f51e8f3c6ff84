-- Revenue forensics (issue 9): the emotional volatility index's totals per tenant, UTC day, page and segment
-- (always 'all' until segments exist), session time per state, and where each session stood at its last event;
-- all kept by the emotion-forensics projection as EmotionDetected and SessionSummarized arrive. Weights are in
-- thousandths so totals are exact whatever order groups arrive in. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS emotion_volatility (
  tenant VARCHAR(64) NOT NULL,
  on_day DATE NOT NULL,
  page VARCHAR(500) NOT NULL,
  segment VARCHAR(64) NOT NULL,
  changes BIGINT NOT NULL,
  change_weight_milli BIGINT NOT NULL,
  session_millis BIGINT NOT NULL,
  PRIMARY KEY (tenant, on_day, page, segment)
);

CREATE TABLE IF NOT EXISTS emotion_time (
  tenant VARCHAR(64) NOT NULL,
  on_day DATE NOT NULL,
  page VARCHAR(500) NOT NULL,
  state VARCHAR(32) NOT NULL,
  session_millis BIGINT NOT NULL,
  PRIMARY KEY (tenant, on_day, page, state)
);

CREATE TABLE IF NOT EXISTS emotion_session_cursor (
  tenant VARCHAR(64) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  state VARCHAR(32) NOT NULL,
  page VARCHAR(500) NOT NULL,
  last_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, session_id)
);

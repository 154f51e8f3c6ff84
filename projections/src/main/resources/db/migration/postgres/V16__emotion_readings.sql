-- Revenue forensics (issue 9): one row per emotion a session concluded (its EmotionDetected), kept by the
-- emotion-forensics projection; reading_id is the event's persistenceId:sequenceNr, the emotion id interventions
-- and incidents name. user_id is filled in when an anonymous session is identified later. page: the url's path,
-- else the section. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS emotion_readings (
  tenant VARCHAR(64) NOT NULL,
  reading_id VARCHAR(300) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  user_id VARCHAR(255),
  state VARCHAR(32) NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  page VARCHAR(500) NOT NULL,
  read_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, reading_id)
);

CREATE INDEX IF NOT EXISTS emotion_readings_by_time ON emotion_readings (tenant, read_at);
CREATE INDEX IF NOT EXISTS emotion_readings_by_session ON emotion_readings (tenant, session_id);
CREATE INDEX IF NOT EXISTS emotion_readings_by_user ON emotion_readings (tenant, user_id, read_at);

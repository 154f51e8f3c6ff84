-- Read model: each user's current or latest active period, maintained by the user-activity projection.
CREATE TABLE IF NOT EXISTS user_activity (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  active_since TIMESTAMP WITH TIME ZONE NOT NULL,
  last_active_at TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeats BIGINT NOT NULL,
  PRIMARY KEY (tenant, user_id)
);
CREATE INDEX IF NOT EXISTS user_activity_recent_idx ON user_activity (tenant, last_active_at);

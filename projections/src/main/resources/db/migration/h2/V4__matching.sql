-- Read models of issue 4: profiles and the candidate index, the durable idle schedule, daily matches and their log.
-- Same tables as postgres/V4__matching.sql; only the collation clause of candidate_index.index_key differs.

-- Each user's latest profile (ProfileData as JSON) and its completeness, maintained by the profile projection.
CREATE TABLE IF NOT EXISTS user_profile (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  profile VARCHAR(65536) NOT NULL,
  completeness DOUBLE PRECISION NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, user_id)
);

-- A user is findable under each of these keys (CandidateKey.asString). The primary key starts with
-- (tenant, index_key), so it is the index that lookups by key use; the second index serves replacing a user's rows.
CREATE TABLE IF NOT EXISTS candidate_index (
  tenant VARCHAR(64) NOT NULL,
  index_key VARCHAR(512) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, index_key, user_id)
);
CREATE INDEX IF NOT EXISTS candidate_index_user_idx ON candidate_index (tenant, user_id);

-- Users by the next idle phase that falls due; a cluster singleton sweeps rows with due_at <= now.
CREATE TABLE IF NOT EXISTS idle_schedule (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  idle_since TIMESTAMP WITH TIME ZONE NOT NULL,
  next_phase INT NOT NULL,
  due_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, user_id)
);
CREATE INDEX IF NOT EXISTS idle_schedule_due_idx ON idle_schedule (due_at);

-- Each user's latest daily matches, rank 1 best.
CREATE TABLE IF NOT EXISTS daily_matches (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  rank INT NOT NULL,
  match_id VARCHAR(128) NOT NULL,
  candidate_id VARCHAR(128) NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  breakdown VARCHAR(65536) NOT NULL,
  generated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, user_id, rank)
);

-- Every match ever generated with its predicted score, and the outcomes joined to it later.
CREATE TABLE IF NOT EXISTS match_log (
  tenant VARCHAR(64) NOT NULL,
  match_id VARCHAR(128) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  candidate_id VARCHAR(128) NOT NULL,
  predicted_score DOUBLE PRECISION NOT NULL,
  generated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  viewed BOOLEAN DEFAULT FALSE NOT NULL,
  liked BOOLEAN DEFAULT FALSE NOT NULL,
  messaged BOOLEAN DEFAULT FALSE NOT NULL,
  passed BOOLEAN DEFAULT FALSE NOT NULL,
  mutual BOOLEAN DEFAULT FALSE NOT NULL,
  PRIMARY KEY (tenant, match_id)
);
CREATE INDEX IF NOT EXISTS match_log_pair_idx ON match_log (tenant, user_id, candidate_id);

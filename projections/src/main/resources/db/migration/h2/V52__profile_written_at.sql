-- Issue 10: when each stored profile was written, in the database's time, so every node's in-memory candidate
-- table reads only what changed since its last read (CandidateFeed). Null for rows written before. Same statements
-- in h2/ and postgres/.
ALTER TABLE user_profile ADD COLUMN IF NOT EXISTS written_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS user_profile_written_idx ON user_profile (written_at);
-- The same for decisions: the candidate tables read user_decision by written_at to know who has a history.
ALTER TABLE user_decision ADD COLUMN IF NOT EXISTS written_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS user_decision_written_idx ON user_decision (written_at);

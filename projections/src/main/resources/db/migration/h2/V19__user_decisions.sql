-- Issue 11: what each user decided about others, the other side's history in daily matches. Same table in h2/ and
-- postgres/. One row per (user, target): the latest verdict (favorite, message, reply, call or a like/message
-- match action say yes; pass or unfavorite no), the net evidence of all the user's decisions about that target
-- (in favorite units, as InteractionType weighs them) and when the latest was made. Only the projection of the
-- deciding user's tag writes that user's rows. The second index answers "how often do others say yes to these".
CREATE TABLE IF NOT EXISTS user_decision (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  target_id VARCHAR(128) NOT NULL,
  says_yes BOOLEAN NOT NULL,
  evidence DOUBLE PRECISION NOT NULL,
  decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, user_id, target_id)
);
CREATE INDEX IF NOT EXISTS user_decision_target_idx ON user_decision (tenant, target_id);

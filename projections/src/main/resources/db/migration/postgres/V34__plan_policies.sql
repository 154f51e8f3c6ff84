-- Plan policies (issue 12): a tenant's linear Thompson sampling policy over discrete plans. plans_json holds each
-- plan's id, feature vector and (when defined by them) control inputs; evidence_json holds X'X and X'y of every
-- recorded reward (the posterior's sufficient statistics). Rewards are kept once per reward id; replacing a
-- policy's definition deletes them. Same in h2/ and postgres/ but for the text column type.
CREATE TABLE IF NOT EXISTS plan_policies (
  tenant VARCHAR(64) NOT NULL,
  name VARCHAR(128) NOT NULL,
  plans_json TEXT NOT NULL,
  prior_precision DOUBLE PRECISION NOT NULL,
  noise_sd DOUBLE PRECISION NOT NULL,
  evidence_json TEXT NOT NULL,
  observations BIGINT NOT NULL,
  defined_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, name)
);

CREATE TABLE IF NOT EXISTS plan_policy_rewards (
  tenant VARCHAR(64) NOT NULL,
  name VARCHAR(128) NOT NULL,
  reward_id VARCHAR(128) NOT NULL,
  plan_id VARCHAR(128) NOT NULL,
  reward DOUBLE PRECISION NOT NULL,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, name, reward_id)
);

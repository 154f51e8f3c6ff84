-- Issue 15: POST /v1/users/{userId}/tokens/revoke. A user's tokens issued (iat) before not_before are refused;
-- the row is needed only until expires_at (not_before + max-ttl + clock skew: by then every such token has
-- expired anyway) and is deleted after it. Same statements in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS user_token_revocations (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  not_before TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, user_id)
);

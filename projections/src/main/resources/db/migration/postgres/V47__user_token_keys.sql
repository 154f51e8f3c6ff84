-- Issue 15: user-token verification keys registered at runtime through POST /v1/tenants/{tenant}/token-keys
-- (those of LIMBIC_USER_TOKEN_KEYS are not stored). Public keys only (RS256 of 2048+ bits, or ES256 on P-256), as
-- PEM text: an HS256 secret would have to be stored readable, so it stays in the environment. fingerprint is the
-- SHA-256 (hex) of the key's DER SubjectPublicKeyInfo; a revoked key keeps its row so the list shows when it
-- stopped. Same statements in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS user_token_keys (
  tenant VARCHAR(64) NOT NULL,
  kid VARCHAR(64) NOT NULL,
  algorithm VARCHAR(8) NOT NULL,
  public_key VARCHAR(4000) NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (tenant, kid)
);

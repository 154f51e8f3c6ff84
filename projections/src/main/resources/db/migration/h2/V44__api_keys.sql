-- Issue 15: secret API keys created through POST /v1/tenants/{tenant}/keys (configured ones live in LIMBIC_API_KEYS
-- and are not stored). Only the key's SHA-256 digest (hex) is kept; key_name is key-<first 16 hex of it>, roles are
-- joined by +. revoked_at may lie in the future: a rotated key stays valid until then. Same statements in h2/ and
-- postgres/.
CREATE TABLE IF NOT EXISTS api_keys (
  key_name VARCHAR(40) NOT NULL PRIMARY KEY,
  tenant VARCHAR(64) NOT NULL,
  digest VARCHAR(64) NOT NULL,
  roles VARCHAR(100) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE,
  revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS api_keys_tenant ON api_keys (tenant);

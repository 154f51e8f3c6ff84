-- Issue 14: publishable keys created through POST /v1/publishable-keys (configured ones live in
-- LIMBIC_PUBLISHABLE_KEYS and are not stored). Only the key's SHA-256 digest (hex) is kept; origins are joined by |.
-- Same statements in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS publishable_keys (
  key_id VARCHAR(40) NOT NULL PRIMARY KEY,
  tenant VARCHAR(64) NOT NULL,
  digest VARCHAR(64) NOT NULL,
  origins VARCHAR(8000) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS publishable_keys_tenant ON publishable_keys (tenant);

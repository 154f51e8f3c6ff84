-- Issue 13: the split-brain resolver's lease (lease-majority), one row per lease name. owner is the holding node
-- ('' when free); expires_at is in the database's clock; version changes on every write, so a claim is a
-- compare-and-set on it. Same statements in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS cluster_leases (
  lease_name VARCHAR(255) NOT NULL PRIMARY KEY,
  owner VARCHAR(255) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  version BIGINT NOT NULL
);

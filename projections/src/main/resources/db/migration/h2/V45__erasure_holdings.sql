-- GDPR erasure (issue 15): what an erasure must reach besides the person's own marked subjects (V40): the incidents
-- opened about them and the other users told to forget them. Written with the marker, before anything is deleted,
-- because both are found in read models the erasure then deletes: a repeat after a failure reads them from here.
-- Same table in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS erasure_holdings (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  holding_id VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant, user_id, kind, holding_id)
);

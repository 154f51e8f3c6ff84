-- Segments (issue 12): a tenant's named filters over user traits, as canonical JSON, with the product-event types
-- the segment declares as controls (JSON array). 'all' is built in and never stored. Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS segments (
  tenant VARCHAR(64) NOT NULL,
  name VARCHAR(64) NOT NULL,
  filter_json VARCHAR(16000) NOT NULL,
  controls_json VARCHAR(4000) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, name)
);

-- The latest rebuild of each read model (issue 8), one row per projection instance (user tag), written in the same
-- transaction that clears the read model's rows and offsets. target_offset is the journal ordering of the tag's
-- newest event when the rebuild started and events the number of the tag's events up to it: the instance has
-- caught up with what existed at the start once its offset reaches target_offset. Same table in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS projection_rebuild (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  target_offset BIGINT NOT NULL,
  events BIGINT NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);

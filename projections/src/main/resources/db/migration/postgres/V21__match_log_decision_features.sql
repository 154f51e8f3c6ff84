-- Issue 11: the rest of what a match was scored with, so that a tenant's P(mutual) can be fitted on the decisions
-- that followed (MutualFitter): the searcher's own yes rate and desirability, and the lean of like-deciding people
-- both ways (PeerLean). Same columns in h2/ and postgres/; null in rows logged before this migration, which the fit
-- skips.
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS searcher_yes_rate DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS searcher_desirability DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS peer_forward DOUBLE PRECISION;
ALTER TABLE match_log ADD COLUMN IF NOT EXISTS peer_backward DOUBLE PRECISION;

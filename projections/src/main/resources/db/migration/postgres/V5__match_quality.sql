-- The match quality report as a read model (issue 7): GET /v1/matches/quality sums these rows instead of scanning
-- match_log. Same tables in h2/ and postgres/. Rows are kept per tenant and per user tag: only the projection of
-- that tag writes them, so two projections never update one row. The figures are those MatchQuality defines.
CREATE TABLE IF NOT EXISTS match_quality (
  tenant VARCHAR(64) NOT NULL,
  user_tag VARCHAR(64) NOT NULL,
  matches_logged BIGINT NOT NULL,
  matches_with_outcome BIGINT NOT NULL,
  users_acted BIGINT NOT NULL,
  PRIMARY KEY (tenant, user_tag)
);

-- Evaluated matches (those of users who acted) by predicted score, in ten bins of width 0.1.
CREATE TABLE IF NOT EXISTS match_quality_bins (
  tenant VARCHAR(64) NOT NULL,
  user_tag VARCHAR(64) NOT NULL,
  bin INT NOT NULL,
  matches BIGINT NOT NULL,
  positive BIGINT NOT NULL,
  predicted_sum DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (tenant, user_tag, bin)
);

-- What the log already holds goes under the tag 'migrated'; the projections add their changes on top.
INSERT INTO match_quality (tenant, user_tag, matches_logged, matches_with_outcome, users_acted)
SELECT tenant, 'migrated', COUNT(*),
       SUM(CASE WHEN viewed OR liked OR messaged OR passed OR mutual THEN 1 ELSE 0 END),
       COUNT(DISTINCT CASE WHEN liked OR messaged OR passed THEN user_id END)
FROM match_log GROUP BY tenant;

INSERT INTO match_quality_bins (tenant, user_tag, bin, matches, positive, predicted_sum)
SELECT l.tenant, 'migrated',
       CASE WHEN l.predicted_score > 0 THEN LEAST(9, CAST(FLOOR(l.predicted_score * 10) AS INT)) ELSE 0 END,
       COUNT(*), SUM(CASE WHEN l.liked OR l.messaged OR l.mutual THEN 1 ELSE 0 END), SUM(l.predicted_score)
FROM match_log l
WHERE EXISTS (SELECT 1 FROM match_log a WHERE a.tenant = l.tenant AND a.user_id = l.user_id
              AND (a.liked OR a.messaged OR a.passed))
GROUP BY l.tenant,
         CASE WHEN l.predicted_score > 0 THEN LEAST(9, CAST(FLOOR(l.predicted_score * 10) AS INT)) ELSE 0 END;

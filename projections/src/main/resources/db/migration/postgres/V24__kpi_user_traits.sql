-- The user traits segments filter on (issue 12), one row per trait and value (list traits such as interests have
-- one row per item), kept by the kpi-users projection from identification, profile, product and engagement
-- events. number_value is set for numeric traits (ltv, birth_year). Same in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS kpi_user_traits (
  tenant VARCHAR(64) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  trait VARCHAR(64) NOT NULL,
  text_value VARCHAR(500) NOT NULL,
  number_value NUMERIC(24, 6),
  PRIMARY KEY (tenant, user_id, trait, text_value)
);

CREATE INDEX IF NOT EXISTS kpi_user_traits_by_trait ON kpi_user_traits (tenant, trait, text_value);

-- GDPR erasure (issue 15): the durable marker of each erased person and of what was theirs (kind 'user', 'session'
-- or 'visitor', the anonymous id). Projections consult it so that neither a late event nor a rebuild writes the
-- person back; DELETE /v1/users/{id} writes it before it deletes anything. Same table in h2/ and postgres/.
CREATE TABLE IF NOT EXISTS erased_subjects (
  tenant VARCHAR(64) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  subject_id VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  erased_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, kind, subject_id)
);

CREATE INDEX IF NOT EXISTS erased_subjects_by_user ON erased_subjects (tenant, user_id);

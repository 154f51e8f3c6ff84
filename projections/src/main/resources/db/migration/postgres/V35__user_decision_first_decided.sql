-- Issue 11: when each pair stopped being undecided. decided_at moves with every later decision (a reply after a
-- favorite), so a fit of the decisions that followed a match must ask when the first one was made: a decision
-- before the match was already in the features the match was scored with. Same column in h2/ and postgres/; rows
-- from before this migration take their latest decision's time, the best that is known.
ALTER TABLE user_decision ADD COLUMN IF NOT EXISTS first_decided_at TIMESTAMP WITH TIME ZONE;
UPDATE user_decision SET first_decided_at = decided_at WHERE first_decided_at IS NULL;

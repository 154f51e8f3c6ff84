-- The kid's key of user_token_keys gets a name, the same in h2/ and postgres/ (the statements differ: H2 named its
-- primary key CONSTRAINT_n), so a unique violation that names it is a kid taken and any other one is not
-- (UserTokenKeyRepository). H2 and PostgreSQL both put the name in the violation's message.
ALTER TABLE user_token_keys DROP PRIMARY KEY;
ALTER TABLE user_token_keys ADD CONSTRAINT user_token_keys_kid PRIMARY KEY (tenant, kid);

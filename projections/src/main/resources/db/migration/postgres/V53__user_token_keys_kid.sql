-- The kid's key of user_token_keys gets a name, the same in h2/ and postgres/ (the statements differ: H2 named its
-- primary key CONSTRAINT_n), so a unique violation that names it is a kid taken and any other one is not
-- (UserTokenKeyRepository). H2 and PostgreSQL both put the name in the violation's message. Renaming the
-- constraint renames its index too; nothing is rebuilt.
ALTER TABLE user_token_keys RENAME CONSTRAINT user_token_keys_pkey TO user_token_keys_kid;

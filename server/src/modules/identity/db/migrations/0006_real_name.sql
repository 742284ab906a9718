-- One ID number, one account: a resident's real name is bound to at most one account. The keyed hash is unique, so
-- two accounts claiming the same number at the same moment cannot both succeed.
CREATE UNIQUE INDEX identity_users_id_number_key ON identity_users (id_number_hash) WHERE id_number_hash IS NOT NULL;

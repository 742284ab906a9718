-- Each refused sign-in, for the sliding-window throttle of commands/sign-in.ts: in the database rather than an
-- instance's memory, so every instance counts the same guesses. `account` is `user:<id>` for an account that exists and
-- what was typed for one that does not (`name:<lower-cased>`, `phone:<keyed hash>`), so both are throttled alike;
-- `checked` is false when the attempt was refused before its password counted (a shut address trying on).
CREATE TABLE identity_sign_in_failures (
  id bigserial PRIMARY KEY,
  account text NOT NULL,
  address text NOT NULL,
  checked boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_sign_in_failures_account_idx ON identity_sign_in_failures (account, at);
CREATE INDEX identity_sign_in_failures_address_idx ON identity_sign_in_failures (address, at);
CREATE INDEX identity_sign_in_failures_at_idx ON identity_sign_in_failures (at);

-- The counter moved to the table above. `locked_until` stays as the administrator's hint: until when some address is
-- shut out of the account (the account itself refuses nobody else).
ALTER TABLE identity_users DROP COLUMN failed_attempts;

-- Residents sign up with a mobile number and a one-time code. The number is personal data: sealed with the data
-- key, found by a keyed hash. A real name (name and ID number) is optional and sealed the same way.
ALTER TABLE identity_users ADD COLUMN phone_hash text;
ALTER TABLE identity_users ADD COLUMN phone_enc text;
ALTER TABLE identity_users ADD COLUMN real_name_enc text;
ALTER TABLE identity_users ADD COLUMN id_number_enc text;
ALTER TABLE identity_users ADD COLUMN id_number_hash text;
CREATE UNIQUE INDEX identity_users_phone_key ON identity_users (phone_hash) WHERE phone_hash IS NOT NULL;

-- Codes sent, as keyed hashes only: expiry, tries left, and the rate limits per number and per address read here.
CREATE TABLE identity_phone_codes (
  id bigserial PRIMARY KEY,
  phone_hash text NOT NULL,
  code_hash text NOT NULL,
  ip text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  used_at timestamptz
);
CREATE INDEX identity_phone_codes_phone_idx ON identity_phone_codes (phone_hash, created_at DESC);
CREATE INDEX identity_phone_codes_ip_idx ON identity_phone_codes (ip, created_at DESC);

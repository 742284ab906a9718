-- The development stand-in for an SMS gateway: texts that were never sent, kept for an administrator to read.
CREATE TABLE core_sms_outbox (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  phone_enc text NOT NULL,
  phone_masked text NOT NULL,
  template text NOT NULL,
  text text NOT NULL
);

-- The development stand-in for WeChat template messages: messages that were never sent, kept for an administrator to
-- read. The openid says who would have received it, so it is sealed like a number and shown masked.
CREATE TABLE core_wechat_outbox (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  openid_enc text NOT NULL,
  openid_masked text NOT NULL,
  template text NOT NULL,
  data jsonb NOT NULL,
  url text,
  text text NOT NULL
);

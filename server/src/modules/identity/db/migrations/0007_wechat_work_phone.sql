-- A person's WeChat under the platform's Official Account, bound through WeChat's web authorisation: the openid is
-- sealed with the data key and found by a keyed hash (one account per WeChat).
ALTER TABLE identity_users ADD COLUMN wechat_openid_enc text;
ALTER TABLE identity_users ADD COLUMN wechat_openid_hash text;
ALTER TABLE identity_users ADD COLUMN wechat_bound_at timestamptz;
CREATE UNIQUE INDEX identity_users_wechat_key ON identity_users (wechat_openid_hash) WHERE wechat_openid_hash IS NOT NULL;
-- A staff member's work phone (工作电话): the number residents call from the grid card. Sealed like residents'
-- numbers; the masked form is what staff lists show.
ALTER TABLE identity_users ADD COLUMN work_phone_enc text;
ALTER TABLE identity_users ADD COLUMN work_phone_masked text;

-- WeChat template messages: a channel a person chooses (off until they do, since it needs a bound WeChat), and its
-- outcomes beside the SMS ones; not_bound: chosen, but no WeChat bound to the account.
ALTER TABLE notify_preferences ADD COLUMN wechat boolean NOT NULL DEFAULT false;
ALTER TABLE notify_deliveries DROP CONSTRAINT notify_deliveries_channel_check;
ALTER TABLE notify_deliveries ADD CONSTRAINT notify_deliveries_channel_check CHECK (channel IN ('sse', 'sms', 'wechat'));
ALTER TABLE notify_deliveries DROP CONSTRAINT notify_deliveries_outcome_check;
ALTER TABLE notify_deliveries ADD CONSTRAINT notify_deliveries_outcome_check
  CHECK (outcome IN ('live', 'stored', 'sent', 'failed', 'no_phone', 'not_bound', 'opted_out', 'quiet_hours'));

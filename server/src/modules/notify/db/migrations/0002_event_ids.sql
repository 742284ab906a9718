-- The event a message answers: the relay may run a subscriber twice (a crash after the message, before the delivery
-- was marked), and the second run must not tell anyone twice.
ALTER TABLE notify_messages ADD COLUMN event_id bigint;
CREATE UNIQUE INDEX notify_messages_event_user_idx ON notify_messages (event_id, user_id) WHERE event_id IS NOT NULL;

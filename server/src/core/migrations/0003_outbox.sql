-- The transactional outbox: a command writes its events in its own transaction, so a fact that committed is never
-- lost, and one that rolled back was never announced.
CREATE TABLE core_events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  -- what the event is about (`case:12`, `alarm:7`): deliveries to one subscriber keep this order
  aggregate text NOT NULL,
  payload jsonb NOT NULL,
  actor_id bigint,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX core_events_type_idx ON core_events (type, id DESC);

-- One row per event and subscriber: the relay's work, its retries, and what stayed undelivered (dead letters).
CREATE TABLE core_event_deliveries (
  event_id bigint NOT NULL REFERENCES core_events (id),
  subscriber text NOT NULL,
  aggregate text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts int NOT NULL DEFAULT 0,
  -- a claim: the instance running the subscriber now, and until when its claim holds
  claimed_by text,
  next_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (event_id, subscriber)
);
CREATE INDEX core_event_deliveries_due_idx ON core_event_deliveries (next_at, event_id) WHERE status = 'pending';
CREATE INDEX core_event_deliveries_order_idx
  ON core_event_deliveries (subscriber, aggregate, event_id) WHERE status <> 'delivered';
CREATE INDEX core_event_deliveries_dead_idx ON core_event_deliveries (event_id DESC) WHERE status = 'dead';

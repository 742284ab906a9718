-- The audit viewer pages newest first and filters by who and what.
CREATE INDEX core_audit_actor_idx ON core_audit (actor_id, id DESC);
CREATE INDEX core_audit_subject_idx ON core_audit (subject, id DESC);

-- Retention deletes sessions once they have ended (server/retention/apply-retention.ts), so a
-- person's last sign-in, which the admin's list of people shows, is kept on their own row.
ALTER TABLE people ADD COLUMN last_sign_in_at timestamptz;
UPDATE people p SET last_sign_in_at = (SELECT max(s.created_at) FROM sessions s WHERE s.person_id = p.id);

-- The retention sweep's searches by age (the audit log has its index on `at` already).
CREATE INDEX sync_mutations_refused_idx ON sync_mutations (received_at) WHERE snapshot IS NOT NULL;
CREATE INDEX sign_in_failures_failed_at_idx ON sign_in_failures (failed_at);

-- The audit log stays append-only, but for the retention sweep: it names, for its own
-- transaction only, the time before which rows may go (set_config('lantern.audit_log_cutoff',
-- …, true)); no other statement, and no row younger than that, can be deleted.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cutoff text := current_setting('lantern.audit_log_cutoff', true);
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(cutoff, '') <> '' AND OLD.at < cutoff::timestamptz THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

-- Issue 14: every role's inbox, and one e-mail queue for everything Lantern tells people.
-- A notice carries a title (never case content: a case reference at most) and a link inside
-- Lantern; the e-mail built from it says no more than that.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people (id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  link text NOT NULL CHECK (link ~ '^/'),
  subject_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
-- "Once per subject per person per kind": a reminder is never sent twice for the same thing.
CREATE UNIQUE INDEX notifications_once_idx ON notifications (person_id, kind, subject_id)
  WHERE subject_id IS NOT NULL;
CREATE INDEX notifications_inbox_idx ON notifications (person_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (person_id) WHERE read_at IS NULL;

-- Queued with the notice, in the same transaction; sent after it by the sweeper when SMTP is
-- configured (claimed for a while in a short transaction, sent outside it, retried).
CREATE TABLE notification_emails (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id uuid NOT NULL UNIQUE REFERENCES notifications (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  claimed_until timestamptz,
  last_error text
);
CREATE INDEX notification_emails_pending_idx ON notification_emails (id) WHERE sent_at IS NULL;


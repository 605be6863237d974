-- Issue 8, the QA lead's work: audit rounds with their case samples, case-list imports,
-- allocation by round (reallocation and re-audit), moderation kept beside the auditor's own
-- grades, framework versions with their history, and safeguarding alerts with e-mails queued
-- in the database (several server processes may send them; none keeps state in memory).

-- A practice week, a monthly round or a thematic audit. A round fixes its framework version.
CREATE TABLE rounds (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('practice_week', 'monthly', 'thematic')),
  theme text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date date NOT NULL,
  -- The due date new allocations get unless the QA lead gives another.
  due_date date,
  framework_key text NOT NULL,
  framework_version integer NOT NULL,
  -- Never allocate an auditor a case of their own team (most councils' rule for practice weeks).
  exclude_own_team boolean NOT NULL DEFAULT true,
  -- Share of submitted audits drawn for moderation (at least one per auditor whatever the share).
  moderation_share numeric(4, 3) NOT NULL DEFAULT 0.1 CHECK (moderation_share > 0 AND moderation_share <= 1),
  -- The sample as it was used: method, quota, strata, exclusions and seed, so it can be redrawn.
  sample_spec jsonb,
  sampled_at timestamptz,
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (start_date <= end_date),
  FOREIGN KEY (framework_key, framework_version) REFERENCES frameworks (key, version)
);

-- The cases drawn for a round, in the order the seeded draw produced them.
CREATE TABLE round_cases (
  round_id uuid NOT NULL REFERENCES rounds (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  stratum text NOT NULL DEFAULT '',
  position integer NOT NULL,
  PRIMARY KEY (round_id, case_id)
);

-- A plan type ("CIN plan", "CP plan", "care plan") for stratified samples; blank when not known.
ALTER TABLE cases ADD COLUMN plan_type text NOT NULL DEFAULT '';

-- Each case-list import that was applied: what file (its SHA-256), which columns meant what,
-- and what it changed. A file with any bad row is never applied, so it has no row here.
CREATE TABLE case_imports (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  mapping jsonb NOT NULL,
  row_count integer NOT NULL,
  created_count integer NOT NULL,
  updated_count integer NOT NULL,
  unchanged_count integer NOT NULL,
  imported_by uuid REFERENCES people (id),
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- Allocations belong to a round (round_name stays filled: devices show it). A reallocation
-- withdraws the old allocation and points the new one at it; a re-audit points at the audit
-- it repeats.
ALTER TABLE allocations ADD COLUMN round_id uuid REFERENCES rounds (id);
ALTER TABLE allocations ADD COLUMN reallocated_from uuid REFERENCES allocations (id);
ALTER TABLE allocations ADD COLUMN reaudit_of uuid REFERENCES audits (id);
ALTER TABLE allocations ADD COLUMN allocated_by uuid REFERENCES people (id);
-- A finished allocation belongs to a round that is over: its audit was submitted and the case
-- is taken off the auditor's device (active = false), but it still counts as the round's work.
ALTER TABLE allocations ADD COLUMN finished boolean NOT NULL DEFAULT false CHECK (NOT (finished AND active));
CREATE INDEX allocations_round_idx ON allocations (round_id, case_id) WHERE round_id IS NOT NULL;
CREATE UNIQUE INDEX allocations_round_case_active_idx ON allocations (round_id, case_id) WHERE active AND round_id IS NOT NULL;
CREATE INDEX allocations_reaudit_idx ON allocations (reaudit_of) WHERE reaudit_of IS NOT NULL;

-- A moderator's view of one submitted audit. The auditor's answers stay in audits.answers;
-- the moderator's grades (every section grade and the overall grade they gave, agreed or
-- changed) and a reason for each change live here. audits.overall_grade holds the grade that
-- counts: the moderated one once moderation is done.
CREATE TABLE moderations (
  id uuid PRIMARY KEY,
  audit_id uuid NOT NULL UNIQUE REFERENCES audits (id),
  round_id uuid REFERENCES rounds (id),
  moderator_id uuid NOT NULL REFERENCES people (id),
  sample_seed integer,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'agreed', 'regraded', 'returned')),
  auditor_overall smallint CHECK (auditor_overall BETWEEN 0 AND 3),
  moderated_overall smallint CHECK (moderated_overall BETWEEN 0 AND 3),
  moderated_answers jsonb NOT NULL DEFAULT '{}',
  reasons jsonb NOT NULL DEFAULT '{}',
  return_note text,
  -- The revision of the audit the moderator judged (a returned audit comes back at a later one).
  audit_rev integer,
  sampled_by uuid REFERENCES people (id),
  sampled_at timestamptz NOT NULL DEFAULT now(),
  moderated_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('agreed', 'regraded')) = (moderated_overall IS NOT NULL))
);
CREATE INDEX moderations_moderator_idx ON moderations (moderator_id, status);
CREATE INDEX moderations_round_idx ON moderations (round_id);

-- Framework versions remember where they came from and who drafted them.
ALTER TABLE frameworks ADD COLUMN based_on_version integer;
ALTER TABLE frameworks ADD COLUMN created_by uuid REFERENCES people (id);

-- An immediate safeguarding concern raised in an audit: one alert per audit. Each recipient
-- acknowledges with a note; the first acknowledgement stops escalation. escalate_at is the
-- raise time plus the configured working hours (Mon–Fri 09:00–17:00 Europe/London).
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  audit_id uuid NOT NULL UNIQUE REFERENCES audits (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  team_id uuid NOT NULL REFERENCES teams (id),
  raised_by uuid NOT NULL REFERENCES people (id),
  raised_at timestamptz NOT NULL DEFAULT now(),
  escalate_at timestamptz NOT NULL,
  escalated_at timestamptz,
  acknowledged_at timestamptz
);
CREATE INDEX alerts_due_idx ON alerts (escalate_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;

CREATE TABLE alert_recipients (
  alert_id uuid NOT NULL REFERENCES alerts (id),
  person_id uuid NOT NULL REFERENCES people (id),
  reason text NOT NULL CHECK (reason IN ('qa_lead', 'team_manager', 'head_of_service')),
  notified_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  note text,
  PRIMARY KEY (alert_id, person_id),
  CHECK ((acknowledged_at IS NULL) = (note IS NULL))
);
CREATE INDEX alert_recipients_person_idx ON alert_recipients (person_id, acknowledged_at);

-- E-mails to send when SMTP is configured: a link, never case content. A sender claims rows
-- for a short while (claimed_until, taken with FOR UPDATE SKIP LOCKED) and sends outside any
-- transaction, so two processes never send one twice and the database is not held meanwhile.
CREATE TABLE alert_emails (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES alerts (id),
  person_id uuid NOT NULL REFERENCES people (id),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  claimed_until timestamptz,
  last_error text
);
CREATE INDEX alert_emails_pending_idx ON alert_emails (id) WHERE sent_at IS NULL;

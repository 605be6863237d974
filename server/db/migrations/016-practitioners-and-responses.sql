-- Issue 14: the case's allocated worker is a person in Lantern (role 'practitioner'), matched from
-- the case list by e-mail or chosen by the QA lead; `allocated_worker` keeps the file's text as it
-- was. A practitioner reads the audits of their own cases and writes responses to them.
ALTER TABLE cases ADD COLUMN practitioner_id uuid REFERENCES people (id);
CREATE INDEX cases_practitioner_idx ON cases (practitioner_id) WHERE practitioner_id IS NOT NULL;

-- The practitioner's response to an audit of their case: part of the audit's record, never a
-- change to any grade. Append-only: a second thought is a second response.
CREATE TABLE practitioner_responses (
  id uuid PRIMARY KEY,
  audit_id uuid NOT NULL REFERENCES audits (id),
  author_id uuid NOT NULL REFERENCES people (id),
  kind text NOT NULL CHECK (kind IN ('reflection', 'factual_correction', 'grade_disagreement')),
  body text NOT NULL CHECK (body <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practitioner_responses_audit_idx ON practitioner_responses (audit_id, created_at);

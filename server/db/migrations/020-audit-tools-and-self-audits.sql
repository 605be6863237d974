-- Several audit tools, and a self-audit before the independent one (issue 15).
--
-- An audit tool is a framework key: its versions stay rows of `frameworks` (drafted, published,
-- item keys stable across them) and `audit_tools` adds what the QA lead says about the tool as a
-- whole: its name, its purpose and which tool it was copied from. A framework key with no row
-- here (the default framework as installed on first start) is still a tool, a case-file audit
-- named by its latest version's title.
CREATE TABLE audit_tools (
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
  name text NOT NULL CHECK (name <> ''),
  purpose text NOT NULL CHECK (purpose IN ('case_file', 'thematic', 'practice_observation', 'compliance')),
  description text NOT NULL DEFAULT '',
  copied_from_key text,
  copied_from_version integer,
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A round's tools beyond its first (rounds.framework_key, framework_version): one published version
-- of each. An allocation says which of the round's tools the case is audited with
-- (allocations.framework_key, framework_version, as before).
CREATE TABLE round_tools (
  round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  framework_key text NOT NULL,
  framework_version integer NOT NULL,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, framework_key),
  FOREIGN KEY (framework_key, framework_version) REFERENCES frameworks (key, version)
);

-- A round may ask for a self-audit (by the case's own team: its practitioner and team manager)
-- before the independent audit. Both are kept: an allocation and its audit say which they are.
-- Self-audits never count in metrics or moderation samples; they are compared with the
-- independent audit of the same case in the round's self-audit agreement.
ALTER TABLE rounds ADD COLUMN self_audit boolean NOT NULL DEFAULT false;
ALTER TABLE allocations ADD COLUMN stage text NOT NULL DEFAULT 'independent'
  CHECK (stage IN ('self', 'independent'));
ALTER TABLE audits ADD COLUMN stage text NOT NULL DEFAULT 'independent'
  CHECK (stage IN ('self', 'independent'));

-- One active allocation per case and round was the rule; now one per case, round and stage for a
-- self-audit (the independent audit's rule is kept by the allocation code under a lock, so that a
-- case may later have several independent auditors).
DROP INDEX IF EXISTS allocations_round_case_active_idx;
CREATE UNIQUE INDEX allocations_round_case_self_idx ON allocations (round_id, case_id)
  WHERE active AND stage = 'self' AND round_id IS NOT NULL;
CREATE INDEX audits_stage_self_idx ON audits (id) WHERE stage = 'self';

-- Issue 14: the actions an audit sets for the case, followed to completion. One row per action
-- of a submitted audit, derived from its 'case-actions' answer in the same transaction as the
-- audit write (server/case-actions/derive-case-actions.ts).
--
-- Identity: `action_key` names the action within its audit, stably across edits: the answer's
-- own `id` when it has one (the form gives every new action one), otherwise '#' and its
-- 1-based position in the list (actions written before ids existed). When the auditor edits a
-- submitted audit, what / who / by when follow the answer; the owner's progress (state,
-- evidence, completion date) is never touched; an action the auditor removes is marked
-- `withdrawn_at` (kept with its progress, left out of lists and compliance) and comes back if
-- the answer names it again.
CREATE TABLE case_actions (
  id uuid PRIMARY KEY,
  audit_id uuid NOT NULL REFERENCES audits (id),
  action_key text NOT NULL CHECK (length(action_key) BETWEEN 1 AND 100),
  -- The case's team when it was audited (the audit's team): who manages the action and whose
  -- service sees it.
  team_id uuid NOT NULL REFERENCES teams (id),
  what text NOT NULL,
  -- "Who" as the auditor wrote it (a role or a name); the owner is the person it maps to.
  who text NOT NULL,
  due_date date NOT NULL,
  owner_id uuid REFERENCES people (id),
  -- The owner the audit's answer named last (its ownerId, or the person its "who" matched): an
  -- owner chosen later by a team manager or QA lead stays until the answer names someone else.
  answer_owner_id uuid REFERENCES people (id),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'not_needed')),
  not_needed_reason text NOT NULL DEFAULT '',
  evidence text NOT NULL DEFAULT '',
  completed_on date,
  withdrawn_at timestamptz,
  overdue_notified_at timestamptz,
  escalated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES people (id),
  UNIQUE (audit_id, action_key),
  CHECK ((state = 'done') = (completed_on IS NOT NULL)),
  CHECK (state <> 'not_needed' OR not_needed_reason <> '')
);
CREATE INDEX case_actions_owner_idx ON case_actions (owner_id) WHERE withdrawn_at IS NULL;
CREATE INDEX case_actions_team_idx ON case_actions (team_id) WHERE withdrawn_at IS NULL;
CREATE INDEX case_actions_open_due_idx ON case_actions (due_date) WHERE state = 'open' AND withdrawn_at IS NULL;

-- Issue 15: a self-audit can be a joint audit too (the practitioner and their team manager on
-- one case). A joining allocation takes its audit's stage, so one active self-stage allocation
-- per case and round is now the lead's alone: its further auditors point at it (audit_id).
DROP INDEX IF EXISTS allocations_round_case_self_idx;
CREATE UNIQUE INDEX allocations_round_case_self_idx ON allocations (round_id, case_id)
  WHERE active AND stage = 'self' AND round_id IS NOT NULL AND audit_id IS NULL;

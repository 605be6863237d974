-- Issue 15: joint and multi-agency audits, and people from outside the council (guests).

-- The agency a person audits for. A joint practice week brings health, police, education and
-- probation colleagues in beside social care; reports break down by it.
ALTER TABLE people ADD COLUMN agency text NOT NULL DEFAULT 'social_care'
  CHECK (agency IN ('social_care', 'health', 'police', 'education', 'probation', 'other'));
-- A guest's own organisation (a partner agency, a neighbouring council); blank for staff.
ALTER TABLE people ADD COLUMN organisation text NOT NULL DEFAULT '';
-- A guest takes part in one round until a last day (London date, inclusive, never after the
-- round's end). Staff have neither. After it (or the round's end) they cannot sign in and their
-- sessions stop working; while it lasts they reach only what is allocated or sampled to them.
ALTER TABLE people ADD COLUMN guest_round_id uuid REFERENCES rounds (id);
ALTER TABLE people ADD COLUMN guest_until date;
ALTER TABLE people ADD CONSTRAINT people_guest_check CHECK ((guest_round_id IS NULL) = (guest_until IS NULL));
CREATE INDEX people_guest_round_idx ON people (guest_round_id) WHERE guest_round_id IS NOT NULL;

-- A joint audit: several auditors allocated to one case in one round write ONE audit, whose id
-- is the first (lead) allocation's id, as every audit's is. A joining allocation points at it
-- here; its devices receive that id as the allocation's, so both tablets edit the same document
-- and sync's answer-by-answer merge keeps what each typed (docs/JOINT-AUDITS.md).
ALTER TABLE allocations ADD COLUMN audit_id uuid;
-- (One lead allocation per case and round is kept by the allocation code under a lock; the
-- one-per-case-and-round index is gone, migration 020.)
DROP INDEX IF EXISTS allocations_round_case_active_idx;
CREATE INDEX allocations_joint_audit_idx ON allocations (audit_id, auditor_id) WHERE audit_id IS NOT NULL;

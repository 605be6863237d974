-- Sync (DESIGN.md, "Sync contract"): every row a device pulls is stamped with the id of the
-- transaction that last wrote it (xid8). A pull reads rows after its cursor and below the
-- snapshot's xmin horizon, so a transaction that commits late can never land behind a cursor.

-- Changes when a database is replaced (restore, reset): devices then start afresh.
CREATE TABLE server_epoch (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  epoch uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO server_epoch DEFAULT VALUES;

CREATE FUNCTION stamp_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.xid := pg_current_xact_id();
  RETURN NEW;
END;
$$;

-- Cases allocated to an auditor to audit (by hand, in bulk, or in a round).
CREATE TABLE allocations (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  auditor_id uuid NOT NULL REFERENCES people (id),
  framework_key text NOT NULL,
  framework_version integer NOT NULL,
  round_name text,
  due_date date,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  FOREIGN KEY (framework_key, framework_version) REFERENCES frameworks (key, version)
);
CREATE UNIQUE INDEX allocations_active_case_auditor_idx ON allocations (case_id, auditor_id) WHERE active;
CREATE INDEX allocations_auditor_xid_idx ON allocations (auditor_id, xid, id);
CREATE TRIGGER allocations_stamp_xid BEFORE INSERT OR UPDATE ON allocations
  FOR EACH ROW EXECUTE FUNCTION stamp_xid();

ALTER TABLE audits ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE audits ADD COLUMN updated_by uuid REFERENCES people (id);
ALTER TABLE audits ADD COLUMN returned_note text;
CREATE INDEX audits_auditor_xid_idx ON audits (auditor_id, xid, id);
CREATE TRIGGER audits_stamp_xid BEFORE INSERT OR UPDATE ON audits
  FOR EACH ROW EXECUTE FUNCTION stamp_xid();

-- Every accepted revision of every audit, append-only: who, when, from which device.
CREATE TABLE audit_revisions (
  audit_id uuid NOT NULL REFERENCES audits (id),
  rev integer NOT NULL,
  status text NOT NULL,
  answers jsonb NOT NULL,
  completed_at timestamptz,
  changed_by uuid NOT NULL REFERENCES people (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  device_id uuid,
  mutation_id uuid,
  PRIMARY KEY (audit_id, rev)
);

-- Each mutation a device pushed, with the answer it got: the same mutationId again returns
-- this answer and writes nothing. Conflicts and rejections keep the snapshot they refused.
CREATE TABLE sync_mutations (
  mutation_id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id),
  device_id uuid NOT NULL,
  audit_id uuid,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'conflict', 'rejected')),
  result jsonb NOT NULL,
  snapshot jsonb,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_mutations_audit_idx ON sync_mutations (audit_id) WHERE outcome <> 'applied';

-- Audit reports (issue 16): a round's, a London month's or a theme's findings collated for
-- managers. A report belongs to one service. It is a draft until the QA lead publishes it;
-- publishing freezes everything shown into `snapshot` (JSON text, kept byte for byte), and a
-- published report never changes: the store refuses it (409) and so do the triggers below.
CREATE TABLE audit_reports (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES services (id),
  -- What it covers: one round; one London month ('YYYY-MM') of one audit tool; or a theme, the
  -- rounds of one kind (and theme words, '' for any) over a date range.
  scope_kind text NOT NULL CHECK (scope_kind IN ('round', 'month', 'theme')),
  round_id uuid REFERENCES rounds (id),
  month text CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  tool_key text,
  round_kind text CHECK (round_kind IN ('practice_week', 'monthly', 'thematic')),
  theme text,
  date_from date,
  date_to date,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by uuid REFERENCES people (id),
  published_by_name text,
  snapshot text,
  CHECK (scope_kind <> 'round' OR round_id IS NOT NULL),
  CHECK (scope_kind <> 'month' OR (month IS NOT NULL AND tool_key IS NOT NULL)),
  CHECK (scope_kind <> 'theme' OR (round_kind IS NOT NULL AND theme IS NOT NULL AND date_from IS NOT NULL
                                   AND date_to IS NOT NULL AND date_from <= date_to)),
  CHECK ((status = 'published') = (published_at IS NOT NULL AND snapshot IS NOT NULL))
);
CREATE INDEX audit_reports_service_idx ON audit_reports (service_id, created_at DESC);

-- The QA lead's recommended actions, in order. Sent to the improvement plan, a recommendation
-- records the plan action it became (or the action a finding was linked to, and that link).
CREATE TABLE audit_report_recommendations (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES audit_reports (id) ON DELETE CASCADE,
  position integer NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  plan_action_id uuid REFERENCES plan_actions (id),
  plan_finding_link_id uuid REFERENCES plan_finding_links (id) ON DELETE SET NULL,
  sent_to_plan_at timestamptz,
  sent_to_plan_by uuid REFERENCES people (id),
  UNIQUE (report_id, position)
);

-- Who the report's link is sent to, and each send.
CREATE TABLE audit_report_recipients (
  report_id uuid NOT NULL REFERENCES audit_reports (id) ON DELETE CASCADE,
  email text NOT NULL,
  PRIMARY KEY (report_id, email)
);

CREATE TABLE audit_report_sends (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES audit_reports (id),
  sent_by uuid REFERENCES people (id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  recipients text[] NOT NULL
);
CREATE INDEX audit_report_sends_report_idx ON audit_report_sends (report_id, sent_at);

-- A published report never changes: not its scope, words, snapshot or status, and it is never
-- deleted. (Publishing itself is the one update from a draft.)
CREATE FUNCTION audit_reports_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published audit report never changes';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER audit_reports_published_frozen BEFORE UPDATE OR DELETE ON audit_reports
  FOR EACH ROW EXECUTE FUNCTION audit_reports_published_frozen();

-- A published report's recommendations keep their words and order; only what each became in
-- the improvement plan may be recorded on them afterwards.
CREATE FUNCTION audit_report_recommendations_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  report_status text;
BEGIN
  SELECT status INTO report_status FROM audit_reports
    WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.report_id ELSE OLD.report_id END;
  IF report_status = 'published' AND (
       TG_OP <> 'UPDATE' OR NEW.text IS DISTINCT FROM OLD.text OR NEW.position IS DISTINCT FROM OLD.position
       OR NEW.report_id IS DISTINCT FROM OLD.report_id) THEN
    RAISE EXCEPTION 'a published audit report''s recommendations never change';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER audit_report_recommendations_frozen BEFORE INSERT OR UPDATE OR DELETE ON audit_report_recommendations
  FOR EACH ROW EXECUTE FUNCTION audit_report_recommendations_frozen();

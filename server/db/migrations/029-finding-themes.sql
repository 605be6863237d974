-- Issue 16: learning from audits. A finding is what an auditor wrote under strengths or areas for
-- development: one text answer of one audit, named by the audit and the answer's item key (e.g.
-- `overall.strengths`). The text itself stays in the audit's answers, so a finding always reads
-- as the auditor wrote it; the QA lead codes findings into the council's own themes.

-- The council's themes, per service: another service's themes are its own business.
CREATE TABLE finding_themes (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES services (id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  -- An archived theme is offered no more, but the findings coded into it keep it.
  archived boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX finding_themes_service_name_idx ON finding_themes (service_id, lower(btrim(name)));

-- A finding coded into a theme (a finding may carry several), and whether the QA lead chose it
-- as a quote standing for that theme (`quote_at` orders the quotes as chosen).
CREATE TABLE finding_codings (
  audit_id uuid NOT NULL REFERENCES audits (id),
  item_key text NOT NULL CHECK (length(item_key) BETWEEN 1 AND 200),
  theme_id uuid NOT NULL REFERENCES finding_themes (id),
  coded_by uuid REFERENCES people (id),
  coded_at timestamptz NOT NULL DEFAULT now(),
  quote_at timestamptz,
  quote_by uuid REFERENCES people (id),
  PRIMARY KEY (audit_id, item_key, theme_id)
);
CREATE INDEX finding_codings_theme_idx ON finding_codings (theme_id);

-- An audit marked as an example of good practice, with why; removing the mark deletes the row
-- (the audit log keeps who marked and unmarked it).
CREATE TABLE good_practice_marks (
  audit_id uuid PRIMARY KEY REFERENCES audits (id),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  marked_by uuid REFERENCES people (id),
  marked_at timestamptz NOT NULL DEFAULT now()
);

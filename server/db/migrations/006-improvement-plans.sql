-- Issue 9: the manager's improvement plan, its measures, links from audit findings to plan
-- actions, and the pre-aggregated counts that dashboards read instead of scanning audits.

-- How many submitted, not deleted audits gave each answer, per Europe/London month of
-- completion and per everything a metric can filter on. One row per (item, value): the
-- overall grade (the grade that counts, audits.overall_grade), every section grade, every
-- question and yes/no item. Not applicable and unanswered items have no row, so they leave
-- the denominator as PRODUCT.md says. Kept in step inside the transaction of every audit
-- write (server/aggregates/update-metric-counts.ts) and rebuildable from the audits table
-- (server/aggregates/rebuild-metric-counts.ts) after bulk loads.
CREATE TABLE metric_counts (
  item_key text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  team_id uuid NOT NULL,
  case_type text NOT NULL,
  framework_key text NOT NULL,
  framework_version integer NOT NULL,
  kind text NOT NULL,
  value text NOT NULL,
  -- No CHECK (audits >= 0): PostgreSQL checks constraints on the proposed row of an
  -- INSERT … ON CONFLICT DO UPDATE before it finds the conflict, so a decrement could not be
  -- written as an upsert. update-metric-counts.ts refuses a count that would go below zero.
  audits integer NOT NULL,
  -- The count rides in the index so a trend is an index-only scan of one item's months.
  PRIMARY KEY (item_key, month, team_id, case_type, framework_key, framework_version, kind, value) INCLUDE (audits)
);

-- Counts for the audits a database already holds (the same statement as the rebuild).
INSERT INTO metric_counts (item_key, month, team_id, case_type, framework_key, framework_version, kind, value, audits)
SELECT e.item_key, date_trunc('month', a.completed_at AT TIME ZONE 'Europe/London')::date,
       a.team_id, a.case_type, a.framework_key, a.framework_version, a.kind, e.value, count(*)
FROM audits a
JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
CROSS JOIN LATERAL (
  SELECT f.definition ->> 'overallGradeKey' AS item_key, a.overall_grade::text AS value
  WHERE a.overall_grade IS NOT NULL
  UNION ALL
  SELECT j.key, j.value ->> 'value'
  FROM jsonb_each(a.answers) j
  WHERE j.key <> f.definition ->> 'overallGradeKey'
    AND j.value ->> 'kind' IN ('grade', 'question', 'yes-no-note')
    AND jsonb_typeof(j.value -> 'value') IN ('string', 'number')
    AND j.value ->> 'value' <> 'not_applicable'
) e
WHERE a.status = 'submitted' AND NOT a.deleted AND a.completed_at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- One plan per inspection, or a merged plan (several inspections, peer reviews, the
-- council's own findings). `sources` lists them; an area names the one it came from.
CREATE TABLE plans (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('inspection', 'merged')),
  area_noun text NOT NULL DEFAULT 'area for improvement' CHECK (area_noun IN ('area for improvement', 'recommendation')),
  sources jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_areas (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plans (id),
  reference text NOT NULL,
  title text NOT NULL,
  theme text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  timescale text NOT NULL CHECK (timescale IN ('immediately', 'within-3-months', 'within-6-months', 'by-date')),
  timescale_date date,
  position integer NOT NULL,
  CHECK ((timescale = 'by-date') = (timescale_date IS NOT NULL)),
  UNIQUE (plan_id, reference)
);

CREATE TABLE plan_actions (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plans (id),
  area_id uuid NOT NULL REFERENCES plan_areas (id),
  number text NOT NULL,
  description text NOT NULL,
  owner text NOT NULL DEFAULT '',
  target_date date,
  position integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, number)
);
CREATE INDEX plan_actions_area_idx ON plan_actions (area_id);

-- Everything said about an action over time, append-only, so the board report can be drawn
-- as of any date: progress notes, the manager's RAG with its reason, the evidence panel's
-- sign-off (or its withdrawal).
CREATE TABLE plan_action_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action_id uuid NOT NULL REFERENCES plan_actions (id),
  kind text NOT NULL CHECK (kind IN ('note', 'rag', 'sign-off', 'sign-off-withdrawn')),
  rag text CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  text text NOT NULL DEFAULT '',
  by_id uuid REFERENCES people (id),
  by_name text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'rag') = (rag IS NOT NULL))
);
CREATE INDEX plan_action_events_action_idx ON plan_action_events (action_id, at, id);

CREATE FUNCTION plan_action_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plan_action_events is append-only';
END;
$$;
CREATE TRIGGER plan_action_events_append_only BEFORE UPDATE OR DELETE ON plan_action_events
  FOR EACH ROW EXECUTE FUNCTION plan_action_events_append_only();

-- A measure binds an action to a metric computed from audits (`metric`, a MetricDefinition)
-- or to a series entered by hand (plan_measure_values), with a baseline and milestones.
CREATE TABLE plan_measures (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plans (id),
  action_id uuid NOT NULL REFERENCES plan_actions (id),
  title text NOT NULL,
  source text NOT NULL CHECK (source IN ('audits', 'manual')),
  metric jsonb,
  bucket text NOT NULL,
  trajectory jsonb NOT NULL,
  tolerance double precision NOT NULL DEFAULT 0.1 CHECK (tolerance >= 0 AND tolerance <= 1),
  minimum_n integer NOT NULL DEFAULT 5 CHECK (minimum_n >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'audits') = (metric IS NOT NULL))
);
CREATE INDEX plan_measures_action_idx ON plan_measures (action_id);

-- A hand-entered measure's figure for one period: a fraction, optionally with its count.
CREATE TABLE plan_measure_values (
  measure_id uuid NOT NULL REFERENCES plan_measures (id),
  period_id text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  value double precision NOT NULL CHECK (value >= 0 AND value <= 1),
  k integer,
  n integer,
  note text NOT NULL DEFAULT '',
  entered_by uuid REFERENCES people (id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (measure_id, period_id),
  CHECK ((k IS NULL) = (n IS NULL) AND (n IS NULL OR (k >= 0 AND k <= n)))
);

-- An audit finding (its areas for development, or one of its actions for the case) that
-- informs a plan action.
CREATE TABLE plan_finding_links (
  id uuid PRIMARY KEY,
  action_id uuid NOT NULL REFERENCES plan_actions (id),
  audit_id uuid NOT NULL REFERENCES audits (id),
  item_key text NOT NULL,
  item_index integer NOT NULL DEFAULT 0,
  excerpt text NOT NULL,
  linked_by uuid REFERENCES people (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (action_id, audit_id, item_key, item_index)
);
CREATE INDEX plan_finding_links_audit_idx ON plan_finding_links (audit_id);

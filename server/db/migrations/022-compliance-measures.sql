-- Issue 14: post-audit compliance (case actions done on time) is a metric a plan measure can
-- track like any other. A third source, 'case_actions', counts the case actions of the plan's
-- service by the rule in shared/case-actions/case-action-compliance.ts, per period of the
-- month (or quarter, year) each action was due. `compliance` holds its filters
-- (shared/case-actions/compliance-measure.ts): which teams of the service (none: all), and
-- optionally one round.
ALTER TABLE plan_measures DROP CONSTRAINT plan_measures_source_check;
ALTER TABLE plan_measures
  ADD CONSTRAINT plan_measures_source_check CHECK (source IN ('audits', 'manual', 'case_actions'));
ALTER TABLE plan_measures ADD COLUMN compliance jsonb;
ALTER TABLE plan_measures
  ADD CONSTRAINT plan_measures_compliance_check CHECK ((source = 'case_actions') = (compliance IS NOT NULL));

-- Issue 16: measures that are not a share of audits. A measure now has a kind:
--   'share' — a share (0–1): of audits, of case actions, or entered by hand with its count (k of n);
--   'count' — a whole number per period entered by hand ("contacts to MASH per month");
--   'rate'  — a number per unit entered by hand ("repeat referrals per 100 referrals").
-- and a direction: 'higher' is better (every measure until now) or 'lower' is better. `unit` says
-- what the number counts ("contacts", "per 100 referrals"); empty for shares.
-- A count's or rate's trajectory, tolerance and values are in the measure's own units, so the
-- 0–1 checks hold for shares only. Existing rows become higher-is-better shares: nothing changes.
ALTER TABLE plan_measures ADD COLUMN kind text NOT NULL DEFAULT 'share'
  CHECK (kind IN ('share', 'count', 'rate'));
ALTER TABLE plan_measures ADD COLUMN direction text NOT NULL DEFAULT 'higher'
  CHECK (direction IN ('higher', 'lower'));
ALTER TABLE plan_measures ADD COLUMN unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 100);
-- Counts and rates are kept by hand; audits and case actions give shares.
ALTER TABLE plan_measures
  ADD CONSTRAINT plan_measures_kind_source_check CHECK (kind = 'share' OR source = 'manual');
ALTER TABLE plan_measures DROP CONSTRAINT plan_measures_tolerance_check;
ALTER TABLE plan_measures
  ADD CONSTRAINT plan_measures_tolerance_check CHECK (tolerance >= 0 AND (kind <> 'share' OR tolerance <= 1));

-- A value is a fraction for a share, a number for a count or rate (the measure's kind decides,
-- checked where it is written: server/measures/measure-values.ts).
ALTER TABLE plan_measure_values DROP CONSTRAINT plan_measure_values_value_check;
ALTER TABLE plan_measure_values
  ADD CONSTRAINT plan_measure_values_value_check CHECK (value >= 0 AND value < 'Infinity'::double precision);

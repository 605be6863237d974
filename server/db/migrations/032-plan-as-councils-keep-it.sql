-- Issue 16: the plan as councils keep it. An area's outcome statements; timescales "Ongoing" and
-- recurring ("Quarterly from April 2027") for areas and actions; an action's target date revised
-- with the original kept (in the append-only history); an action that answers several areas;
-- actions carried forward from an older plan; partner owners (guests for a plan, not a round).

-- "What will be different for children": one or more lines per area, in order.
ALTER TABLE plan_areas ADD COLUMN outcomes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(outcomes) = 'array');

-- Timescales: 'ongoing' (no end) and 'recurring' (a frequency from a start month).
ALTER TABLE plan_areas DROP CONSTRAINT plan_areas_timescale_check;
ALTER TABLE plan_areas ADD CONSTRAINT plan_areas_timescale_check
  CHECK (timescale IN ('immediately', 'within-3-months', 'within-6-months', 'by-date', 'ongoing', 'recurring'));
ALTER TABLE plan_areas ADD COLUMN recurrence text CHECK (recurrence IN ('monthly', 'quarterly', 'yearly'));
ALTER TABLE plan_areas ADD COLUMN recurrence_start date CHECK (extract(day FROM recurrence_start) = 1);
ALTER TABLE plan_areas ADD CONSTRAINT plan_areas_recurring_check
  CHECK ((timescale = 'recurring') = (recurrence IS NOT NULL) AND (recurrence IS NULL) = (recurrence_start IS NULL));

-- An action is due by its target date (null timescale), or is ongoing, or recurs.
ALTER TABLE plan_actions ADD COLUMN timescale text CHECK (timescale IN ('ongoing', 'recurring'));
ALTER TABLE plan_actions ADD COLUMN recurrence text CHECK (recurrence IN ('monthly', 'quarterly', 'yearly'));
ALTER TABLE plan_actions ADD COLUMN recurrence_start date CHECK (extract(day FROM recurrence_start) = 1);
ALTER TABLE plan_actions ADD CONSTRAINT plan_actions_recurring_check
  CHECK ((timescale IS NOT DISTINCT FROM 'recurring') = (recurrence IS NOT NULL)
         AND (recurrence IS NULL) = (recurrence_start IS NULL));

-- An action belongs to one area (area_id) and may also answer others of its plan ("A1 & A2").
CREATE TABLE plan_action_areas (
  action_id uuid NOT NULL REFERENCES plan_actions (id),
  area_id uuid NOT NULL REFERENCES plan_areas (id),
  PRIMARY KEY (action_id, area_id)
);
CREATE INDEX plan_action_areas_area_idx ON plan_action_areas (area_id);

-- Carried forward from an action of an older plan: its history is read through this link.
ALTER TABLE plan_actions ADD COLUMN carried_from uuid REFERENCES plan_actions (id);
CREATE UNIQUE INDEX plan_actions_carried_from_idx ON plan_actions (carried_from) WHERE carried_from IS NOT NULL;

-- A partner owner: the person (a plan guest) who owns the action and updates its progress.
ALTER TABLE plan_actions ADD COLUMN owner_person_id uuid REFERENCES people (id);
CREATE INDEX plan_actions_owner_person_idx ON plan_actions (owner_person_id) WHERE owner_person_id IS NOT NULL;

-- A revised target date is an event: the date it replaced, the new one, who, when and why
-- (text). plan_actions.target_date is the current (revised) date; the original is the first
-- revision's from_date.
ALTER TABLE plan_action_events DROP CONSTRAINT plan_action_events_kind_check;
ALTER TABLE plan_action_events ADD CONSTRAINT plan_action_events_kind_check
  CHECK (kind IN ('note', 'rag', 'sign-off', 'sign-off-withdrawn', 'target-revised'));
ALTER TABLE plan_action_events ADD COLUMN from_date date;
ALTER TABLE plan_action_events ADD COLUMN to_date date;
ALTER TABLE plan_action_events ADD CONSTRAINT plan_action_events_revised_check
  CHECK ((kind = 'target-revised') = (to_date IS NOT NULL));

-- A guest for a plan (a partner agency's owner of some of its actions) rather than a round.
-- They hold no role; they reach only the actions they own, until their last day.
ALTER TABLE people ADD COLUMN guest_plan_id uuid REFERENCES plans (id);
ALTER TABLE people DROP CONSTRAINT people_guest_check;
ALTER TABLE people ADD CONSTRAINT people_guest_check
  CHECK ((guest_until IS NULL) = (guest_round_id IS NULL AND guest_plan_id IS NULL)
         AND (guest_round_id IS NULL OR guest_plan_id IS NULL));
CREATE INDEX people_guest_plan_idx ON people (guest_plan_id) WHERE guest_plan_id IS NOT NULL;

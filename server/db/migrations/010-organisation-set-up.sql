-- The organisation as an admin sets it up (issue 13): case types that can be renamed and
-- retired, the council's own case flags, the date a case was opened, teams with named team
-- managers and services with a named head of service. Safeguarding alerts go to these named
-- people; nothing is guessed from job titles any more.

-- A case type is renamed by its label; its key never changes, so audits, metric_counts and
-- measures keyed by it keep their history. A retired type is offered for no new case but stays
-- readable on old audits, in trends and in metric filters.
ALTER TABLE case_types ADD COLUMN retired_at timestamptz;
ALTER TABLE case_types ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- The council's own case flags (child protection plan, looked after, at risk of exploitation …),
-- several per case. cases.flags holds their keys, as cases.case_type holds a case type's key.
CREATE TABLE case_flags (
  key text PRIMARY KEY CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  label text NOT NULL,
  retired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX case_flags_label_idx ON case_flags (lower(label));

-- Flags imported before this migration were free text: each distinct text becomes a flag of the
-- council's (key from the text, first spelling kept as its label) and cases carry its key.
CREATE TEMPORARY TABLE flag_keys AS
  SELECT DISTINCT f AS label,
         coalesce(nullif(trim(BOTH '-' FROM regexp_replace(lower(f), '[^a-z0-9]+', '-', 'g')), ''),
                  'flag-' || substr(md5(f), 1, 8)) AS key
  FROM cases, unnest(flags) AS f
  WHERE trim(f) <> '';
INSERT INTO case_flags (key, label)
  SELECT DISTINCT ON (key) key, label FROM flag_keys ORDER BY key, label
  ON CONFLICT DO NOTHING;
UPDATE cases c SET flags = coalesce((
    SELECT array_agg(k.key ORDER BY first_at)
    FROM (SELECT fk.key, min(u.n) AS first_at
          FROM unnest(c.flags) WITH ORDINALITY AS u (f, n) JOIN flag_keys fk ON fk.label = u.f
          GROUP BY fk.key) k
  ), '{}')
  WHERE cardinality(flags) > 0;
DROP TABLE flag_keys;
CREATE INDEX cases_flags_idx ON cases USING gin (flags);

-- Optional: the day the council opened the case, for "open longer than N months".
ALTER TABLE cases ADD COLUMN opened_on date;

-- A team's named team managers (people, not job titles): they receive the team's safeguarding
-- alerts. A person may manage several teams and need not be a member of the team.
CREATE TABLE team_managers (
  team_id uuid NOT NULL REFERENCES teams (id),
  person_id uuid NOT NULL REFERENCES people (id),
  PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_managers_person_idx ON team_managers (person_id);

-- A service's named head of service: unacknowledged alerts escalate to them.
ALTER TABLE services ADD COLUMN head_of_service_id uuid REFERENCES people (id);

-- An existing install keeps today's recipients as named people: the active members of a team
-- whose job title begins "Team manager" manage it, and the service's one active manager whose
-- title mentions "head of service" heads it. The admin sees every team and service still
-- without one as a set-up problem.
INSERT INTO team_managers (team_id, person_id)
  SELECT team_id, id FROM people
  WHERE active AND team_id IS NOT NULL AND job_title ILIKE 'team manager%'
  ON CONFLICT DO NOTHING;
UPDATE services s SET head_of_service_id = h.id
  FROM (SELECT DISTINCT ON (service_id) service_id, id FROM people
        WHERE active AND service_id IS NOT NULL AND 'manager' = ANY (roles) AND job_title ILIKE '%head of service%'
        ORDER BY service_id, lower(display_name), id) h
  WHERE h.service_id = s.id;

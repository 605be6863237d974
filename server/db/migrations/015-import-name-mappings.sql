-- What a council's case lists call its teams, case types and flags, when that is not Lantern's
-- name for them ("CP" for the case type "Child protection", "Assessment Tm A" for the team
-- "Assessment Team A"): decided once in an import's preview, remembered for the organisation,
-- applied to every later import and shown there as remembered. `source_name` is the name
-- normalised (lower case, letters and digits, single spaces); `target` is the team's id or the
-- case type's or flag's key. A mapping whose target is retired or gone is not applied.
CREATE TABLE import_name_mappings (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('team', 'case_type', 'flag')),
  source_name text NOT NULL CHECK (source_name <> ''),
  source_text text NOT NULL,
  target text NOT NULL,
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES people (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, source_name)
);

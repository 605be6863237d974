-- Lantern's first schema: the organisation, its people, teams, cases known only by reference,
-- audit frameworks as versioned data, and audits. No child names or dates of birth anywhere.

CREATE TABLE organisation (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE services (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES services (id),
  name text NOT NULL UNIQUE
);

CREATE TABLE people (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  job_title text NOT NULL DEFAULT '',
  team_id uuid REFERENCES teams (id),
  service_id uuid REFERENCES services (id),
  roles text[] NOT NULL DEFAULT '{}',
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE case_types (
  key text PRIMARY KEY,
  label text NOT NULL
);

-- A case is known by the council's case-management-system reference, never by the child's name.
CREATE TABLE cases (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  team_id uuid NOT NULL REFERENCES teams (id),
  case_type text NOT NULL REFERENCES case_types (key),
  allocated_worker text NOT NULL DEFAULT '',
  flags text[] NOT NULL DEFAULT '{}',
  closed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_team_idx ON cases (team_id);

-- A published version is never changed in place; items keep stable keys across versions.
CREATE TABLE frameworks (
  key text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (key, version)
);

CREATE TABLE audits (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  -- The case's team and type when it was audited: a case that moves team later keeps its
  -- audit history with the team that held it.
  team_id uuid NOT NULL REFERENCES teams (id),
  case_type text NOT NULL REFERENCES case_types (key),
  framework_key text NOT NULL,
  framework_version integer NOT NULL,
  auditor_id uuid NOT NULL REFERENCES people (id),
  kind text NOT NULL CHECK (kind IN ('practice_week', 'monthly', 'thematic', 'ad_hoc')),
  status text NOT NULL CHECK (status IN ('draft', 'submitted')),
  answers jsonb NOT NULL DEFAULT '{}',
  -- Denormalised from answers so aggregates need not open the document: 0 Outstanding … 3 Inadequate.
  overall_grade smallint CHECK (overall_grade BETWEEN 0 AND 3),
  completed_at timestamptz,
  rev integer NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (framework_key, framework_version) REFERENCES frameworks (key, version),
  CHECK (status = 'draft' OR completed_at IS NOT NULL)
);
CREATE INDEX audits_case_idx ON audits (case_id);
CREATE INDEX audits_auditor_idx ON audits (auditor_id);
CREATE INDEX audits_completed_idx ON audits (completed_at) WHERE status = 'submitted' AND NOT deleted;
CREATE INDEX audits_team_completed_idx ON audits (team_id, completed_at) WHERE status = 'submitted' AND NOT deleted;

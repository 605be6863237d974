-- Issue 13: people imported from a staff file, and accounts made on a first single sign-on.

-- How a person's account came to be: added by an admin one at a time, imported from a staff
-- file, made on their first sign-in with the council's single sign-on (with no role until an
-- admin gives one), or created as the first admin from the command line.
ALTER TABLE people ADD COLUMN created_via text NOT NULL DEFAULT 'admin'
  CHECK (created_via IN ('admin', 'import', 'oidc', 'command'));

-- Each people import that was applied: which file (its SHA-256), which columns meant what, and
-- what it changed. A file with any bad row is never applied, so it has no row here. The
-- set-password links it issued are in password_links (hashed), never here.
CREATE TABLE people_imports (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  format text NOT NULL,
  mapping jsonb NOT NULL,
  row_count integer NOT NULL,
  created_count integer NOT NULL,
  updated_count integer NOT NULL,
  unchanged_count integer NOT NULL,
  imported_by uuid REFERENCES people (id),
  imported_at timestamptz NOT NULL DEFAULT now()
);

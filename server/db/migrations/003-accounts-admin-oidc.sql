-- Issue 5, second part: one-time set-password links, single sign-on logins in flight, and an
-- index for searching the audit log by action.

-- A link an admin hands to a person so they can choose a password. Only the SHA-256 of the
-- token is stored; a link works once (used_at), until it expires, and not after a newer link
-- or a deactivation replaced it (revoked_at).
CREATE TABLE password_links (
  token_hash text PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id),
  created_by uuid REFERENCES people (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX password_links_person_idx ON password_links (person_id) WHERE used_at IS NULL AND revoked_at IS NULL;

-- An OpenID Connect sign-in between the redirect to the council's identity provider and its
-- return: the PKCE verifier, state and nonce, keyed by the SHA-256 of a handle kept in a
-- short-lived cookie of the browser that started it. In the database, not in memory, so the
-- return may reach any server process. Each row is used once.
CREATE TABLE oidc_logins (
  handle_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  next_path text NOT NULL DEFAULT '/',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

CREATE INDEX audit_log_action_idx ON audit_log (action, at);

ALTER TABLE people ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Issue 12: every read and write is scoped by service. Audits, cases, moderations, allocations
-- and alerts already sit in a team, and so in a service; rounds, improvement plans and case-list
-- imports did not. They now belong to one service: the QA lead's or manager's who made them.
-- A record left without a service (made by someone in no service, in an organisation with
-- several) is reached by nobody at service scope: access fails closed.
ALTER TABLE rounds ADD COLUMN service_id uuid REFERENCES services (id);
ALTER TABLE plans ADD COLUMN service_id uuid REFERENCES services (id);
ALTER TABLE case_imports ADD COLUMN service_id uuid REFERENCES services (id);

-- A round belongs to the service most of its cases are in, else to its creator's.
UPDATE rounds r SET service_id = coalesce(
  (SELECT t.service_id FROM round_cases rc JOIN cases c ON c.id = rc.case_id JOIN teams t ON t.id = c.team_id
   WHERE rc.round_id = r.id GROUP BY t.service_id ORDER BY count(*) DESC, t.service_id LIMIT 1),
  (SELECT p.service_id FROM people p WHERE p.id = r.created_by));
UPDATE plans pl SET service_id = (SELECT p.service_id FROM people p WHERE p.id = pl.created_by);
UPDATE case_imports i SET service_id = (SELECT p.service_id FROM people p WHERE p.id = i.imported_by);

-- An organisation with one service: whatever is still unplaced is that service's.
UPDATE rounds SET service_id = (SELECT min(id::text)::uuid FROM services)
  WHERE service_id IS NULL AND (SELECT count(*) FROM services) = 1;
UPDATE plans SET service_id = (SELECT min(id::text)::uuid FROM services)
  WHERE service_id IS NULL AND (SELECT count(*) FROM services) = 1;
UPDATE case_imports SET service_id = (SELECT min(id::text)::uuid FROM services)
  WHERE service_id IS NULL AND (SELECT count(*) FROM services) = 1;

CREATE INDEX rounds_service_idx ON rounds (service_id);
CREATE INDEX plans_service_idx ON plans (service_id);
CREATE INDEX case_imports_service_idx ON case_imports (service_id, imported_at);
CREATE INDEX teams_service_idx ON teams (service_id);

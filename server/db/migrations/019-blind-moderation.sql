-- Issue 15, blind moderation: the moderator first grades every section and the overall grade
-- without seeing the auditor's grades (blind_answers, blind_overall, blind_at); only then are
-- the auditor's grades shown beside theirs, and they confirm or change each with a reason
-- (moderated_answers, moderated_overall, as before: the final grades, the ones that count in
-- metrics). Agreement and kappa are computed on the blind grades.
--
-- Moderations recorded before this migration keep their meaning: the moderator saw the
-- auditor's grades while grading, so their grades are final grades (they count in metrics as
-- before) but they were not blind: blind_at stays NULL, and the agreement figures leave them
-- out and count them separately as "not blind" (server/moderation/agreement-store.ts).
ALTER TABLE moderations ADD COLUMN blind_answers jsonb;
ALTER TABLE moderations ADD COLUMN blind_overall smallint CHECK (blind_overall BETWEEN 0 AND 3);
ALTER TABLE moderations ADD COLUMN blind_at timestamptz;
ALTER TABLE moderations ADD COLUMN blind_by uuid REFERENCES people (id);
ALTER TABLE moderations ADD CONSTRAINT moderations_blind_whole
  CHECK ((blind_at IS NULL) = (blind_answers IS NULL) AND (blind_at IS NULL) = (blind_by IS NULL));


-- Where a moderator changed a grade, the moderated grade counts (PRODUCT.md, "Metrics"). The
-- overall grade that counts was already on the audit (overall_grade); the section grades that
-- count now are too: the moderator's grades by item key, laid over the auditor's answers by
-- every aggregate. NULL while no moderation of the audit is done; the auditor's answers are
-- never touched.
ALTER TABLE audits ADD COLUMN moderated_grades jsonb;

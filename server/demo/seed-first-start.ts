/**
 * What an empty database receives on its first start: the default audit framework (always),
 * and the labelled demo organisation (unless LANTERN_DEMO=0). Runs behind the same advisory
 * lock as migrations, so two processes starting together seed once.
 */
import type { Database } from '../db/database';
import { SCHEMA_LOCK_KEY } from '../db/migrate';
import { installDefaultFramework } from '../frameworks/install-default-framework';
import { seedDemoOrganisation, DEMO_ORGANISATION_NAME } from './demo-organisation';
import { seedDemoAudits } from './demo-audits';
import { seedDemoAllocations } from './demo-allocations';
import { seedDemoRounds } from './demo-rounds';
import { seedDemoJointAudits } from './demo-joint-audits';
import { seedDemoThematicRounds } from './demo-thematic-round';
import { seedDemoEarlierPracticeWeeks } from './demo-earlier-practice-week';
import { seedDemoCensusRounds } from './demo-census-round';
import { seedDemoImprovementPlan } from './demo-plan';
import { seedDemoPlanAsKept } from './demo-plan-as-kept';
import { seedDemoCountMeasures } from './demo-count-measures';
import { seedDemoSetUp } from './demo-set-up';
import { seedDemoPractitioners } from './demo-practitioners';
import { seedDemoNotifications } from './demo-notifications';
import { seedDemoCaseActions } from './demo-case-actions';
import { seedDemoFindingThemes } from './demo-finding-themes';
import { seedDemoReports } from './demo-reports';
import { seedDemoInspection } from './demo-inspection';

export interface SeedOptions {
  demo: boolean;
  /** The demo's audits run up to this moment; tests pin it. */
  now?: Date;
}

/** Returns a line saying what was created, or null when the database already had an organisation. */
export async function seedFirstStart(db: Database, options: SeedOptions): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await installDefaultFramework(tx);
    const [existing] = await tx.query('SELECT id FROM organisation LIMIT 1');
    if (existing) return null;
    if (!options.demo) {
      await tx.query(
        "INSERT INTO organisation (id, name, is_demo) VALUES (gen_random_uuid(), 'Lantern', false)",
      );
      return 'started empty (LANTERN_DEMO=0)';
    }
    const ids = await seedDemoOrganisation(tx);
    const now = options.now ?? new Date();
    // Through the admin's own set-up code: flags, named team managers, heads of service.
    await seedDemoSetUp(tx, ids, now);
    const audits = await seedDemoAudits(tx, ids, now);
    const allocations = await seedDemoAllocations(tx, ids, now);
    await seedDemoRounds(tx, ids, now); // before the plan: it rebuilds the dashboards' counts
    await seedDemoThematicRounds(tx, ids, now); // a second audit tool, self-audits then independent
    await seedDemoCensusRounds(tx, ids, now); // a census by flag, drawn and waiting to be allocated
    await seedDemoJointAudits(tx, ids); // a multi-agency week: Health and a police guest
    await seedDemoCaseActions(tx, ids, now);
    await seedDemoInspection(tx, ids, now); // re-audits and open actions for the inspection list
    await seedDemoImprovementPlan(tx, ids, now);
    await seedDemoPlanAsKept(tx, ids, now); // outcomes, revised dates, carry forward, a health partner
    await seedDemoCountMeasures(tx, ids, now); // counts and rates kept by hand, a year of monthly figures
    await seedDemoPractitioners(tx, ids); // after the audits: it matches their cases and responds
    await seedDemoNotifications(tx, now); // told of what the demo holds
    // An earlier practice week to compare the past one with; after everything that picks the
    // latest audits, and it rebuilds the dashboards' counts.
    await seedDemoEarlierPracticeWeeks(tx, ids, now);
    // After every audit: themes coded on the findings of all but the last month, quotes, good practice.
    await seedDemoFindingThemes(tx, ids, now);
    // Last: the audit reports draw every audit, moderation and coded finding above.
    await seedDemoReports(tx, ids, now);
    return `created the demo organisation "${DEMO_ORGANISATION_NAME}" with ${ids.cases.length} cases, ${audits} audits and ${allocations} allocated for the practice week`;
  });
}

/**
 * GET /api/organisation: the organisation's name and whether it is the demo, read before
 * anyone signs in. In demo mode only, it also lists the demo accounts and their shared
 * password so a visitor can try every role. While there is no active admin it says how to
 * make the first one (nothing secret: the command is in the README).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-env';
import type { OrganisationInfo } from '../../shared/organisation/organisation-info';
import { DEMO_PASSWORD } from '../demo/demo-people';
import { FIRST_ADMIN_COMMAND, firstAdminSteps } from '../../shared/organisation/first-admin';
import { countActiveAdmins } from '../admin/people-store';
import { demoAccounts, readOrganisation } from './organisation-store';

export function organisationRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    const org = await readOrganisation(deps.db);
    // The label follows the data, not the start flag: demo data is labelled whoever started it.
    const isDemo = org?.is_demo === true;
    const accounts = isDemo ? await demoAccounts(deps.db) : [];
    const noAdmin = (await countActiveAdmins(deps.db)) === 0;
    const info: OrganisationInfo = {
      name: org?.name ?? 'Lantern',
      isDemo,
      firstAdmin: noAdmin
        ? { command: FIRST_ADMIN_COMMAND, steps: firstAdminSteps(deps.db.engine === 'pglite') }
        : null,
      demo: isDemo
        ? {
            password: DEMO_PASSWORD,
            accounts: accounts.map((p) => ({
              email: p.email,
              name: p.display_name,
              jobTitle: p.job_title,
              roles: p.roles,
              service: p.service_name ?? '',
            })),
          }
        : null,
    };
    return c.json(info);
  });
}

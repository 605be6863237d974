/**
 * One call of a route as the data-isolation tests make it (service-data, guest-data and
 * partner-data tests): a route with data is aimed by its probe (server/auth/service-data-probes.ts)
 * at the victim's records; a route without (`none`) has its path filled in with the victim's
 * QA lead's id wherever it names a record.
 */
import type { TestApp } from './test-app';
import type { TwoServiceWorld } from './two-service-world';
import type { DataProbe, ProbeContext } from '../../server/auth/service-data-probes';

/** The path of a route named "METHOD /path", with the default framework, version 1 and `id`. */
export function filledPath(key: string, id: string): string {
  return key
    .slice(key.indexOf(' ') + 1)
    .replace(':key', 'lantern-default')
    .replace(':version', '1')
    .replace(/:[A-Za-z]+/g, () => id);
}

/** Calls the route `key` as `personId` and reads the answer's status and text. */
export async function callProbe(
  t: TestApp,
  world: TwoServiceWorld,
  key: string,
  probe: DataProbe,
  personId: string,
  ctx: ProbeContext,
): Promise<{ status: number; text: string }> {
  const method = key.slice(0, key.indexOf(' '));
  if (probe.data === 'none') {
    const response = await t.request(filledPath(key, ctx.victim.people.qa), {
      headers: await world.headers(personId),
    });
    return { status: response.status, text: await response.text() };
  }
  const body = probe.body ? await probe.body(ctx) : undefined;
  const response = await t.request(probe.path(ctx), {
    method,
    headers: await world.headers(personId),
    ...(body !== undefined ? { json: body } : method !== 'GET' ? { json: {} } : {}),
  });
  return { status: response.status, text: await response.text() };
}

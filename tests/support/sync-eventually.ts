/**
 * On PostgreSQL a pull hands out a change only once every older transaction on the whole
 * cluster has ended (the xid8 horizon, DESIGN.md "Sync contract"): another test file creating
 * its database, migrating or seeding the demo in parallel holds it back for seconds. That is
 * a delay, never a skip — so a test that pulls what it has just written polls until it is
 * there, with a deadline, rather than expecting it on the first pull.
 */
export async function eventually<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if ((await done(value)) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

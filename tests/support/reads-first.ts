/**
 * Routes in the order the data-isolation tests walk them: every read before any write, so a
 * read's answer can be compared before and after another service's change with no write of the
 * caller's own in between. A route is named "METHOD /path", as in server/auth/access-rules.ts.
 */

/** Whether the route only reads (a GET). */
export const isRead = (route: string): boolean => route.startsWith('GET ');

/** The routes, reads first, each group in the order given. */
export function readsFirst(routes: readonly string[]): string[] {
  return [...routes.filter(isRead), ...routes.filter((route) => !isRead(route))];
}

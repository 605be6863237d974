/**
 * How the first admin of an empty organisation is made, in the same words wherever Lantern
 * says it (the start-up log, the README, the sign-in page): the command that prints their
 * one-time set-password link. Everything after that is done in the app.
 */

/** The command, run from Lantern's folder with the same variables as `npm start`. */
export const FIRST_ADMIN_COMMAND = 'npm run create-admin -- you@council.gov.uk "Your Name"';

/**
 * The steps, one line each.
 * @param embedded true on the embedded database, which one process opens at a time: Lantern
 *   must be stopped while the command runs.
 */
export function firstAdminSteps(embedded: boolean): string[] {
  return [
    ...(embedded ? ['Stop Lantern (Ctrl+C): the embedded database opens in one program at a time.'] : []),
    `In Lantern's folder, with the same settings, run: ${FIRST_ADMIN_COMMAND}`,
    ...(embedded ? ['Start Lantern again (npm start).'] : []),
    'Open the one-time link it prints, choose a password and sign in: set up services, teams, case types, flags and people on the admin screens.',
  ];
}

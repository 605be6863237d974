/**
 * The module client/validation/startup-checks-plugin.ts serves: one function per schema of
 * client/validation/startup-check-schemas.ts. Each returns true when the zod schema would accept
 * `data`, and then leaves `data` as zod's parse would return it.
 */
declare module 'virtual:startup-checks' {
  type StartupCheck = ((data: unknown) => boolean) & { errors?: unknown[] | null };
  export const isSessionInfo: StartupCheck;
  export const isSessionPerson: StartupCheck;
  export const isOrganisationInfo: StartupCheck;
}

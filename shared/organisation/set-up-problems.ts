/**
 * Set-up problems the admin and the QA lead are shown: a team with no active named team
 * manager (its safeguarding alerts reach only the QA lead, and the head of service when nobody
 * acknowledges them), and a service with no active head of service (its unacknowledged alerts
 * escalate to nobody). Each says what is wrong and what the alerts do meanwhile.
 */
import { z } from 'zod';

export const setUpProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('team-without-manager'),
    teamId: z.string(),
    teamName: z.string(),
    serviceName: z.string(),
  }),
  z.object({
    kind: z.literal('service-without-head'),
    serviceId: z.string(),
    serviceName: z.string(),
  }),
]);
export type SetUpProblem = z.infer<typeof setUpProblemSchema>;

export const setUpProblemsSchema = z.object({ problems: z.array(setUpProblemSchema) });

/**
 * The sentence a person reads for a problem.
 * @example setUpProblemText({ kind: 'team-without-manager', teamId: '…', teamName: 'Assessment A', serviceName: 'CSC' })
 * // 'Assessment A (CSC) has no team manager: its safeguarding alerts go only to the QA lead, and to the head of service when nobody acknowledges them.'
 */
export function setUpProblemText(problem: SetUpProblem): string {
  if (problem.kind === 'team-without-manager')
    return `${problem.teamName} (${problem.serviceName}) has no team manager: its safeguarding alerts go only to the QA lead, and to the head of service when nobody acknowledges them.`;
  return `${problem.serviceName} has no head of service: safeguarding alerts in it that nobody acknowledges escalate to nobody.`;
}

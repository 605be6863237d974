/**
 * People from outside the council on the QA lead's client (docs/JOINT-AUDITS.md): a round's
 * guests, adding one (with their one-time set-password link), and joint audits — a further
 * auditor on an allocated case, removed by withdrawing their allocation. The only client code
 * that calls these APIs; every answer is parsed with the shared schema.
 */
import { defineStore } from 'pinia';
import { z } from 'zod';
import { api } from '../api/http';
import {
  adminPersonSchema,
  passwordLinkSchema,
  type AdminPerson,
  type PasswordLink,
} from '../../shared/accounts/person-schemas';
import {
  guestWithLinkSchema,
  type CreateGuestRequest,
  type GuestWithLink,
} from '../../shared/accounts/guest-schemas';
import {
  jointAllocationResultSchema,
  type JointAllocationResult,
} from '../../shared/rounds/joint-allocation-schemas';

const guestsPath = (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}/guests`;
const withdrawalSchema = z.object({ withdrawn: z.boolean(), jointWithdrawn: z.array(z.string()) });

export const useQaGuestsStore = defineStore('qa-guests', () => {
  async function guests(roundId: string): Promise<AdminPerson[]> {
    return z.object({ guests: z.array(adminPersonSchema) }).parse(await api(guestsPath(roundId))).guests;
  }
  async function addGuest(roundId: string, input: CreateGuestRequest): Promise<GuestWithLink> {
    return guestWithLinkSchema.parse(await api(guestsPath(roundId), { method: 'POST', body: input }));
  }
  /** A new one-time set-password link for a guest of the round. */
  async function newLink(roundId: string, personId: string): Promise<PasswordLink> {
    return z.object({ passwordLink: passwordLinkSchema }).parse(
      await api(`${guestsPath(roundId)}/${encodeURIComponent(personId)}/password-link`, {
        method: 'POST',
        body: {},
      }),
    ).passwordLink;
  }
  async function addJointAuditor(allocationId: string, auditorId: string): Promise<JointAllocationResult> {
    return jointAllocationResultSchema.parse(
      await api(`/api/allocations/${encodeURIComponent(allocationId)}/joint`, {
        method: 'POST',
        body: { auditorId },
      }),
    );
  }
  /** Withdraws an allocation; a joint audit's lead takes its further auditors with it (named). */
  async function withdraw(allocationId: string): Promise<string[]> {
    return withdrawalSchema.parse(
      await api(`/api/allocations/${encodeURIComponent(allocationId)}/withdraw`, {
        method: 'POST',
        body: {},
      }),
    ).jointWithdrawn;
  }
  return { guests, addGuest, newLink, addJointAuditor, withdraw };
});

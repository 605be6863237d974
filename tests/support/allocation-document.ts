/**
 * One allocation as a device receives it in a pull, for the client's unit tests: a case of
 * Northmoor East's, child in need, with the default values a test overrides where it matters
 * (its ids, its reference, its framework, its round).
 */
import type { AllocationDocument } from '../../shared/sync/protocol';

export function allocationDocument(overrides: Partial<AllocationDocument> = {}): AllocationDocument {
  return {
    id: crypto.randomUUID(),
    caseId: crypto.randomUUID(),
    caseReference: 'NM-000123',
    teamId: crypto.randomUUID(),
    teamName: 'Northmoor East',
    caseType: 'cin',
    caseTypeLabel: 'Child in need',
    allocatedWorker: 'A. Example',
    frameworkKey: 'lantern-default',
    frameworkVersion: 1,
    roundName: null,
    dueDate: null,
    active: true,
    ...overrides,
  };
}

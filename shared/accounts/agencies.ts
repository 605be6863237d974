/** The schema for the agency a person audits for; the names and words are in agency-names.ts. */
import { z } from 'zod/mini';
import { AGENCIES } from './agency-names';

export { AGENCIES, DEFAULT_AGENCY, AGENCY_LABELS, agencyFromText, type Agency } from './agency-names';

export const agencySchema = z.enum(AGENCIES, { error: 'Choose an agency from the list.' });

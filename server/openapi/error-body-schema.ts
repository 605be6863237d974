/**
 * The body of every refusal and failure the API answers (server/http/on-error.ts and
 * AppError.toBody in shared/errors/app-error.ts), as a zod schema for the API document.
 * Its codes are ERROR_STATUS's keys, so a new code is described the day it is added.
 */
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../shared/errors/app-error';

const codes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = z
  .object({
    code: z.enum(codes).describe('Stable: the client maps it to words; see the status of each code.'),
    message: z.string().describe('Plain words for the person, never a stack trace or SQL.'),
    fields: z
      .array(
        z.object({
          path: z.string().describe('The field (dotted path), query parameter or file row at fault.'),
          message: z.string(),
        }),
      )
      .optional()
      .describe('Each input that needs correcting, where it can be told.'),
    choices: z
      .array(z.object({ value: z.string(), label: z.string(), sample: z.string().optional() }))
      .optional()
      .describe('For choose_sheet and choose_encoding: what to resend the request with.'),
  })
  .describe('An error: the HTTP status is the code’s (ERROR_STATUS).');

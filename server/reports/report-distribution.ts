/**
 * Sends a report's link to its distribution list through the council's mail server (the same
 * mailer as set-password links). The e-mail carries the report's title and a link to it in
 * Lantern and nothing else: the link asks the reader to sign in, and shows the report only to
 * those whose role and service reach it (no public link to audit-derived data).
 */
import type { MailSetup } from '../auth/password-link-emails';
import { log, loggableError } from '../log/logger';

export const REPORT_EMAIL_SUBJECT = 'Lantern: an audit report has been shared with you';

export function reportEmailText(title: string, url: string): string {
  return [
    `The audit report “${title}” has been shared with you in Lantern, the case-file audit service.`,
    '',
    `Read it here: ${url}`,
    '',
    'You will be asked to sign in; the report opens for people whose role and service give them access to it.',
  ].join('\n');
}

/** @returns the addresses the e-mail was handed to. */
export async function sendReportLinks(
  mail: MailSetup,
  reportId: string,
  title: string,
  emails: readonly string[],
): Promise<string[]> {
  const url = `${mail.publicUrl}/reports/${reportId}`;
  const sent: string[] = [];
  for (const to of emails) {
    try {
      await mail.mailer.send({ to, subject: REPORT_EMAIL_SUBJECT, text: reportEmailText(title, url) });
      sent.push(to);
    } catch (error) {
      log.error(
        { err: loggableError(error, { message: false }) },
        'an audit report link could not be e-mailed',
      );
    }
  }
  return sent;
}

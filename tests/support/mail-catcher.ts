/**
 * A real SMTP server on loopback for the tests that send e-mail through smtpMailer: it keeps
 * every message it accepts, its body with the quoted-printable encoding (RFC 2045) undone, and
 * refuses (550) the recipients `refuse` names, as a council's mail server refuses an unknown
 * mailbox.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** The envelope's recipients, comma-separated. */
  to: string;
  text: string;
}

export interface MailCatcher {
  /** The server's address for smtpMailer. */
  url: string;
  /** NOTE: mutates: every message accepted is appended. */
  received: CaughtMail[];
  close(): Promise<void>;
}

export async function startMailCatcher(refuse?: (address: string) => boolean): Promise<MailCatcher> {
  const received: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    ...(refuse
      ? {
          onRcptTo(address, _session, callback) {
            if (refuse(address.address)) callback(new Error('550 no such mailbox'));
            else callback();
          },
        }
      : {}),
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => {
        // Quoted-printable: undo soft line breaks and =XX escapes.
        const body = text
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

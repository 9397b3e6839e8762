import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How the test SMTP server treats a message: take it, or refuse it (554). */
export type SmtpMode = 'accept' | 'reject';

export interface LoopbackSmtp {
  url: string;
  /** Parsed messages received so far. */
  messages: ParsedMail[];
  /** Messages refused or dropped so far. */
  refused: number;
  mode: SmtpMode;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1, no auth or TLS, parsing what it receives. */
export async function startLoopbackSmtp(): Promise<LoopbackSmtp> {
  const state: LoopbackSmtp = {
    url: '',
    messages: [],
    refused: 0,
    mode: 'accept',
    close: () => Promise.resolve(),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 20 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.mode === 'reject') {
          state.refused++;
          const error = Object.assign(new Error('554 5.7.1 message refused by policy'), {
            responseCode: 554,
          });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            state.messages.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

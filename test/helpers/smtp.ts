/**
 * A real SMTP server for tests (the smtp-server package), on a free loopback port: it receives
 * what nodemailer sends over TCP, parses nothing away, and can refuse like a busy or strict server.
 */
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message as received (headers and MIME body). */
  raw: string;
  subject: string;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Recipients' RCPT TO commands seen, accepted or refused. */
  attempts: number;
  close(): Promise<void>;
}

/**
 * `refuse(n)` is asked at each RCPT TO with the attempt's number (1-based): return a reply code
 * (4xx transient, 5xx permanent) to refuse it, or null to accept.
 */
export async function startSmtp(refuse: (attempt: number, to: string) => number | null = () => null): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const state = { attempts: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session: SMTPServerSession, callback) {
      state.attempts += 1;
      const code = refuse(state.attempts, address.address);
      if (code === null) return callback();
      const error = Object.assign(new Error(code >= 500 ? 'Hộp thư không tồn tại' : 'Máy chủ bận, thử lại sau'), { responseCode: code });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: decodeSubject(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get attempts() {
      return state.attempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Subject header, decoded from its RFC 2047 encoded words (nodemailer writes UTF-8 base64 or Q). */
function decodeSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

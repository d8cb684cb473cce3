import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on 127.0.0.1 (random port) that keeps every message and login it receives. */
export interface CapturingSmtp {
  port: number;
  url: string;
  messages: Buffer[];
  logins: string[];
  close(): Promise<void>;
}

/**
 * `rcptReply(n)` answers the n-th RCPT TO (1-based): null accepts, a number rejects with that SMTP
 * code (5xx permanent, 4xx temporary).
 */
export async function startCapturingSmtp(
  rcptReply: (n: number) => number | null = () => null,
): Promise<CapturingSmtp> {
  const messages: Buffer[] = [];
  const logins: string[] = [];
  let rcpts = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      logins.push(auth.username ?? "");
      done(null, { user: auth.username });
    },
    onRcptTo(_address, _session, done) {
      const code = rcptReply(++rcpts);
      if (code === null) return done();
      const message = code >= 500 ? "5.1.1 Mailbox unavailable" : "4.7.1 Try again later";
      done(Object.assign(new Error(message), { responseCode: code }));
    },
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push(Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

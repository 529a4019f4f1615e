import { redactSmtpUrl } from '@butterfly/config';
import { createTransport } from 'nodemailer';

/** SMTP_URL and SMTP_FROM, as the worker read them (packages/config/src/smtp.ts). */
export interface MailSettings {
  url: string;
  from: string;
}

/** Worth another attempt: the server is unreachable, timed out or answered 4xx (try again later). */
export class MailError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.retryable = retryable;
  }
}

/**
 * Sends one mail through the configured SMTP server (nodemailer; STARTTLS when the server offers it).
 * Errors are rethrown as MailError with the SMTP URL's credentials taken out of the message: the
 * delivery log keeps it, and the password must never appear there or in logs.
 */
export async function sendEmail(
  settings: MailSettings,
  mail: { to: string; subject: string; text: string; html: string; headers?: Record<string, string> },
): Promise<{ messageId: string }> {
  const transport = createTransport({
    url: settings.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
    return { messageId: info.messageId };
  } catch (e) {
    const err = e as Error & { responseCode?: number; code?: string };
    const code = err.responseCode;
    let clean = err.message.split(settings.url).join(redactSmtpUrl(settings.url));
    const password = URL.canParse(settings.url) ? decodeURIComponent(new URL(settings.url).password) : '';
    if (password.length >= 4) clean = clean.split(password).join('[redacted]');
    // 5xx: the server refused for good (bad address, refused sender); 4xx and transport errors may pass later.
    throw new MailError(`email not sent: ${clean}`, code === undefined || (code >= 400 && code < 500));
  } finally {
    transport.close();
  }
}

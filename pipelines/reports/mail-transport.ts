import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { SmtpSettings } from './report-config.js';

/** What a report message is handed to: nodemailer's sendMail. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

/** A nodemailer SMTP transport from the settings (the URL, when given, wins). */
export function smtpTransport(smtp: SmtpSettings): MailTransport {
  const timeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };
  if (smtp.url) return nodemailer.createTransport(smtp.url, timeouts as never);
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    ...timeouts,
  });
}

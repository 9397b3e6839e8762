import cron from 'node-cron';

/** The three scheduled reports. */
export const reportNames = ['daily-brief', 'weekly-flow', 'monthly-published'] as const;
export type ReportName = (typeof reportNames)[number];

export type RecipientRole = 'admin' | 'operations' | 'analyst' | 'regional' | 'public';
const recipientRoles: readonly RecipientRole[] = [
  'admin',
  'operations',
  'analyst',
  'regional',
  'public',
];

/** Who receives a report: an address, a role (as an API token has) and optionally the ICSs seen. */
export interface Recipient {
  address: string;
  role: RecipientRole;
  /** ICS codes this recipient may see; null = every ICS. */
  ics: string[] | null;
}

export interface ReportDefinition {
  /** node-cron expression, Europe/London time. */
  cron: string;
  enabled: boolean;
  recipients: Recipient[];
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465 style); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** Overrides host, port, secure and auth, e.g. smtp://user:pass@127.0.0.1:2525. */
  url?: string;
}

export interface DeliveryRetry {
  /** Attempts per recipient per run, including the first. */
  attempts: number;
  /** Wait before the second attempt; doubles each time. */
  baseMs: number;
}

export interface ReportConfig {
  from: string;
  smtp: SmtpSettings;
  retry: DeliveryRetry;
  reports: Record<ReportName, ReportDefinition>;
}

export const defaultReportSchedules: Record<ReportName, string> = {
  'daily-brief': '30 7 * * *',
  'weekly-flow': '0 8 * * 1',
  'monthly-published': '0 10 * * *',
};

/**
 * `settings.reports` over the defaults (see observatory.config.example.json); `SMTP_URL` in
 * `env` overrides the SMTP server. Throws naming the setting that is wrong.
 */
export function reportConfigFrom(
  settings: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): ReportConfig {
  const given = objectAt(settings.reports ?? {}, 'settings.reports');
  const smtpGiven = objectAt(given.smtp ?? {}, 'settings.reports.smtp');
  const retryGiven = objectAt(given.retry ?? {}, 'settings.reports.retry');
  const smtp: SmtpSettings = {
    host: stringAt(smtpGiven.host ?? '127.0.0.1', 'settings.reports.smtp.host'),
    port: wholeAt(smtpGiven.port ?? 25, 'settings.reports.smtp.port', 1, 65535),
    secure: smtpGiven.secure === true,
  };
  if (smtpGiven.user !== undefined && smtpGiven.user !== null)
    smtp.user = stringAt(smtpGiven.user, 'settings.reports.smtp.user');
  if (smtpGiven.password !== undefined && smtpGiven.password !== null)
    smtp.password = stringAt(smtpGiven.password, 'settings.reports.smtp.password');
  const url = env.SMTP_URL ?? smtpGiven.url;
  if (url !== undefined && url !== '') {
    const text = stringAt(url, 'SMTP_URL');
    if (!/^smtps?:\/\//.test(text))
      throw new Error(`SMTP_URL must start smtp:// or smtps://, got ${JSON.stringify(text)}`);
    smtp.url = text;
  }
  const reports = {} as Record<ReportName, ReportDefinition>;
  const definitions = objectAt(given.definitions ?? {}, 'settings.reports.definitions');
  for (const key of Object.keys(definitions)) {
    if (!(reportNames as readonly string[]).includes(key))
      throw new Error(
        `settings.reports.definitions.${key} is not a report (reports: ${reportNames.join(', ')})`,
      );
  }
  for (const name of reportNames) {
    const where = `settings.reports.definitions.${name}`;
    const definition = objectAt(definitions[name] ?? {}, where);
    const expression = definition.cron ?? defaultReportSchedules[name];
    if (typeof expression !== 'string' || !cron.validate(expression))
      throw new Error(`${where}.cron must be a cron expression such as "30 7 * * *"`);
    const recipients = definition.recipients ?? [];
    if (!Array.isArray(recipients)) throw new Error(`${where}.recipients must be a list`);
    reports[name] = {
      cron: expression,
      enabled: definition.enabled !== false,
      recipients: recipients.map((r, i) => recipientAt(r, `${where}.recipients[${i}]`)),
    };
  }
  return {
    from: stringAt(
      given.from ?? 'ICS Flow Observatory <observatory@localhost>',
      'settings.reports.from',
    ),
    smtp,
    retry: {
      attempts: wholeAt(retryGiven.attempts ?? 3, 'settings.reports.retry.attempts', 1, 10),
      baseMs: wholeAt(retryGiven.baseMs ?? 30_000, 'settings.reports.retry.baseMs', 0, 3_600_000),
    },
    reports,
  };
}

function recipientAt(value: unknown, where: string): Recipient {
  const given = objectAt(value, where);
  const address = stringAt(given.address, `${where}.address`);
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address))
    throw new Error(`${where}.address must be an email address, got ${JSON.stringify(address)}`);
  const role = given.role ?? 'regional';
  if (typeof role !== 'string' || !(recipientRoles as readonly string[]).includes(role))
    throw new Error(`${where}.role must be one of ${recipientRoles.join(', ')}`);
  let ics: string[] | null = null;
  if (given.ics !== undefined && given.ics !== null) {
    if (
      !Array.isArray(given.ics) ||
      !given.ics.every((c) => typeof c === 'string' && /^[A-Z0-9]{2,8}$/.test(c))
    )
      throw new Error(`${where}.ics must be a list of ICS codes such as ["QOP"]`);
    ics = [...(given.ics as string[])].sort();
  }
  return { address, role: role as RecipientRole, ics };
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where} must be a non-empty string`);
  return value;
}

function wholeAt(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new Error(`${where} must be a whole number from ${min} to ${max}`);
  return value;
}

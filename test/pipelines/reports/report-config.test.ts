import { describe, expect, it } from 'vitest';
import { reportConfigFrom } from '../../../pipelines/reports/report-config.js';
import { isoWeekLabel, reportPeriod } from '../../../pipelines/reports/report-period.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('reportConfigFrom(settings, env)', () => {
  it('reads the example configuration', () => {
    const example = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', '..', '..', 'observatory.config.example.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const config = reportConfigFrom(example, {});
    expect(config.reports['daily-brief'].cron).toBe('30 7 * * *');
    expect(config.reports['weekly-flow'].cron).toBe('0 8 * * 1');
    expect(config.reports['daily-brief'].recipients).toContainEqual({
      address: 'ics.control@example.nhs.uk',
      role: 'operations',
      ics: ['XQA'],
    });
    expect(config.smtp).toEqual({ host: '127.0.0.1', port: 2525, secure: false });
  });

  it('lets SMTP_URL override the configured server', () => {
    expect(reportConfigFrom({}, { SMTP_URL: 'smtp://127.0.0.1:2525' }).smtp.url).toBe(
      'smtp://127.0.0.1:2525',
    );
    expect(() => reportConfigFrom({}, { SMTP_URL: 'http://x' })).toThrow(
      /SMTP_URL must start smtp:\/\//,
    );
  });

  it('names the setting that is wrong', () => {
    expect(() => reportConfigFrom({ reports: { definitions: { yearly: {} } } }, {})).toThrow(
      'settings.reports.definitions.yearly is not a report',
    );
    expect(() =>
      reportConfigFrom({ reports: { definitions: { 'daily-brief': { cron: 'soon' } } } }, {}),
    ).toThrow(/daily-brief\.cron must be a cron expression/);
    expect(() =>
      reportConfigFrom(
        {
          reports: {
            definitions: { 'daily-brief': { recipients: [{ address: 'x', role: 'regional' }] } },
          },
        },
        {},
      ),
    ).toThrow(/recipients\[0\]\.address must be an email address/);
    expect(() =>
      reportConfigFrom(
        {
          reports: {
            definitions: { 'daily-brief': { recipients: [{ address: 'a@b.uk', role: 'boss' }] } },
          },
        },
        {},
      ),
    ).toThrow(/recipients\[0\]\.role must be one of/);
  });
});

describe('reportPeriod(report, runDate, publishedMonth)', () => {
  it('names the brief for its day and covers the day before', () => {
    expect(reportPeriod('daily-brief', '2026-03-30')).toEqual({
      label: '2026-03-30',
      start: '2026-03-29',
      end: '2026-03-29',
    });
  });

  it('covers the last complete ISO week before the run date', () => {
    expect(reportPeriod('weekly-flow', '2026-11-30')).toEqual({
      label: '2026-W48',
      start: '2026-11-23',
      end: '2026-11-29',
    });
    expect(reportPeriod('weekly-flow', '2026-12-02').start).toBe('2026-11-23');
    expect(isoWeekLabel('2021-01-03')).toBe('2020-W53');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
  });

  it('covers the latest published month, and says when there is none', () => {
    expect(reportPeriod('monthly-published', '2025-06-30', '2025-05-01')).toEqual({
      label: '2025-05',
      start: '2025-05-01',
      end: '2025-05-31',
    });
    expect(() => reportPeriod('monthly-published', '2025-06-30', null)).toThrow(
      'no published monthly A&E data is loaded yet',
    );
  });
});

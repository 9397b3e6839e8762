import type { ArchiveMeta } from '../../pipelines/reports/index.js';
import { getJson } from '../layout/api-client.js';
import { html, londonTime, replaceChildren } from '../layout/dom.js';
import { mountPageShell } from '../layout/page-shell.js';

type ReportRow = Omit<ArchiveMeta, 'figures'> & { html_url: string; pdf_url: string };

const shell = mountPageShell(
  'reports',
  'Reports',
  'The scheduled reports for regional leads, as archived when they were sent: open the page or its PDF. Only the reports for your role and your ICSs are listed.',
);

async function render(): Promise<void> {
  const { reports } = await getJson<{ reports: ReportRow[] }>('/api/reports');
  if (reports.length === 0) {
    replaceChildren(
      shell.content,
      html(
        'p',
        {},
        'No report has been archived yet. Reports are produced on the schedule in observatory.config.json.',
      ),
    );
    return;
  }
  replaceChildren(
    shell.content,
    html(
      'section',
      { class: 'card', 'aria-labelledby': 'reports-heading' },
      html('h2', { id: 'reports-heading' }, `Archived reports (${reports.length})`),
      html(
        'div',
        { class: 'table-scroll', tabindex: '0' },
        html(
          'table',
          {},
          html(
            'thead',
            {},
            html(
              'tr',
              {},
              ...['report', 'period', 'audience', 'generated', 'open'].map((c) =>
                html('th', { scope: 'col' }, c),
              ),
            ),
          ),
          html(
            'tbody',
            {},
            ...reports.map((r) =>
              html(
                'tr',
                {},
                html('td', {}, r.title || r.report),
                html('td', {}, r.period),
                html('td', {}, r.audience),
                html('td', {}, londonTime(r.generated_at)),
                html(
                  'td',
                  {},
                  html(
                    'a',
                    { href: r.html_url },
                    html('span', {}, 'Page'),
                    html('span', { class: 'visually-hidden' }, `: ${r.title} ${r.period}`),
                  ),
                  ' · ',
                  html(
                    'a',
                    { href: r.pdf_url },
                    html('span', {}, 'PDF'),
                    html('span', { class: 'visually-hidden' }, `: ${r.title} ${r.period}`),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

render().catch((error: unknown) =>
  shell.showError(error instanceof Error ? error.message : String(error)),
);

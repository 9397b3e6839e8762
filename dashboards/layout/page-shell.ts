import { disclosureSentence, getJson, markSigningOut } from './api-client.js';
import { dataClock } from './data-clock.js';
import { duration, html, replaceChildren } from './dom.js';

/** The pages in the navigation, in order. */
export const pages = [
  { id: 'operations', href: 'index.html', label: 'Operations (live)' },
  { id: 'flow', href: 'flow.html', label: 'Flow' },
  { id: 'inequalities', href: 'inequalities.html', label: 'Inequalities' },
  { id: 'explorer', href: 'explorer.html', label: 'Indicator explorer' },
  { id: 'region', href: 'region.html', label: 'Region' },
  { id: 'quality', href: 'quality.html', label: 'Data quality' },
  { id: 'reports', href: 'reports.html', label: 'Reports' },
  { id: 'whatif', href: 'whatif.html', label: 'What if' },
] as const;

export type PageId = (typeof pages)[number]['id'];

/** The parts of the page a page script fills. */
export interface PageShell {
  /** Pickers go here. */
  controls: HTMLElement;
  /** The page's content. */
  content: HTMLElement;
  /** Shows or clears the stale-data banner. */
  setStale(message: string | null): void;
  /** States the disclosure rule applied to the numbers shown (null: none applied). */
  setDisclosure(statement: Parameters<typeof disclosureSentence>[0]): void;
  /** Shows an error a person can act on. */
  showError(message: string): void;
  /**
   * "Data as at …" in the header: the latest event time `asAt` and how long ago that was by
   * the service's clock `now` (`/api/health`), with a warning when it is in the future.
   */
  setDataClock(asAt: Date | null, now: Date | null, detail?: string): void;
}

/**
 * Builds the shared layout into the body: skip link, NHS header bar with the sign-out button,
 * navigation with the current page marked, banners, pickers and the main landmark.
 */
export function mountPageShell(current: PageId, heading: string, intro: string): PageShell {
  const signOut = html(
    'form',
    { method: 'post', action: '/signout', class: 'sign-out' },
    html('button', { type: 'submit' }, 'Sign out'),
  );
  signOut.addEventListener('submit', markSigningOut);
  const clock = html('p', { class: 'data-clock', 'aria-live': 'polite' });
  const who = html('p', { class: 'signed-in' });
  const header = html(
    'header',
    { class: 'nhs-header' },
    html(
      'div',
      { class: 'header-inner' },
      html(
        'a',
        { class: 'brand', href: 'index.html' },
        html('span', { class: 'nhs-logo', 'aria-hidden': 'true' }, 'NHS'),
        html('span', { class: 'service-name' }, 'ICS Flow Observatory'),
      ),
      clock,
      who,
      signOut,
    ),
  );
  const nav = html(
    'nav',
    { class: 'site-nav', 'aria-label': 'Dashboards' },
    html(
      'ul',
      {},
      ...pages.map((page) =>
        html(
          'li',
          {},
          html(
            'a',
            { href: page.href, 'aria-current': page.id === current ? 'page' : undefined },
            page.label,
          ),
        ),
      ),
    ),
  );
  const stale = html('div', { class: 'banner stale', role: 'status', hidden: true });
  const disclosure = html('div', { class: 'banner disclosure', role: 'note', hidden: true });
  const error = html('div', { class: 'banner error', role: 'alert', hidden: true });
  const future = html('div', { class: 'banner stale future', role: 'alert', hidden: true });
  const controls = html('div', { class: 'controls', role: 'group', 'aria-label': 'View' });
  const content = html('div', { class: 'content' });
  const main = html(
    'main',
    { id: 'main', tabindex: '-1' },
    html('h1', {}, heading),
    html('p', { class: 'intro' }, intro),
    stale,
    future,
    disclosure,
    error,
    controls,
    content,
  );
  const footer = html(
    'footer',
    { class: 'site-footer' },
    html(
      'p',
      {},
      'Simulated data unless stated otherwise. Times are shown in UK time (Europe/London). ',
      html('a', { href: '/api/docs' }, 'API documentation'),
    ),
  );
  document.body.replaceChildren(
    html('a', { class: 'skip-link', href: '#main' }, 'Skip to main content'),
    header,
    nav,
    main,
    footer,
  );
  const shell: PageShell = {
    controls,
    content,
    setStale(message) {
      stale.hidden = message === null;
      replaceChildren(
        stale,
        message ? html('strong', {}, 'Data may be out of date: ') : null,
        message ?? '',
      );
    },
    setDisclosure(statement) {
      const sentence = disclosureSentence(statement);
      disclosure.hidden = sentence === null;
      replaceChildren(disclosure, sentence ?? '');
    },
    showError(message) {
      error.hidden = false;
      replaceChildren(error, html('strong', {}, 'Could not load data: '), message);
    },
    setDataClock(asAt, now, detail) {
      const shown = dataClock(asAt, now, detail);
      replaceChildren(clock, shown.text);
      future.hidden = shown.future === null;
      replaceChildren(
        future,
        shown.future ? html('strong', {}, 'Data from the future: ') : null,
        shown.future ?? '',
      );
    },
  };
  if (current !== 'operations') void checkFreshness(shell);
  void showSignedIn(who);
  return shell;
}

/** Who is signed in, with what role and scope, from /api/me. */
async function showSignedIn(who: HTMLElement): Promise<void> {
  try {
    const me = await getJson<{
      role: string;
      ics: string[] | null;
      person: { name: string | null; subject: string } | null;
      label: string | null;
      token_id: string | null;
    }>('/api/me');
    const name = me.person ? (me.person.name ?? me.person.subject) : (me.label ?? me.token_id);
    const scope = me.ics === null ? 'every ICS' : me.ics.join(', ');
    replaceChildren(who, `${name ?? 'Signed in'} · ${me.role} · ${scope}`);
  } catch {
    // the page's own requests report errors and sign-in
  }
}

/** A feed file older than this (wall clock) makes the data stale. */
export const staleAfterMinutes = 60;

/** Sets the stale banner from /api/health: the age of the newest file any feed received. */
async function checkFreshness(shell: PageShell): Promise<void> {
  try {
    const health = await getJson<{
      now: string;
      feeds?: Array<{ last_received_at: string | null }>;
    }>('/api/health');
    const received = (health.feeds ?? [])
      .map((feed) => (feed.last_received_at ? Date.parse(feed.last_received_at) : NaN))
      .filter((time) => Number.isFinite(time));
    if (received.length === 0) return;
    const ageMinutes = (Date.parse(health.now) - Math.max(...received)) / 60_000;
    if (ageMinutes > staleAfterMinutes) {
      shell.setStale(`the last feed file arrived ${duration(ageMinutes)} ago.`);
    }
  } catch {
    // freshness is a courtesy; the page's own requests report errors
  }
}

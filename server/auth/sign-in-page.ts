import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString> | string;

/** A small page of the sign-in flow: no script, no external resources. */
export function signInShell(title: string, content: Content, refreshTo?: string): string {
  return String(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          ${refreshTo ? html`<meta http-equiv="refresh" content="0;url=${refreshTo}" />` : ''}
          <title>${title} — ICS Flow Observatory</title>
          <style>
            body {
              font:
                16px/1.5 system-ui,
                sans-serif;
              max-width: 36rem;
              margin: 4rem auto;
              padding: 0 1rem;
            }
            input {
              width: 100%;
              font: inherit;
              padding: 0.4rem;
            }
            button {
              font: inherit;
              margin-top: 0.75rem;
              padding: 0.4rem 1rem;
            }
            ul.providers {
              list-style: none;
              padding: 0;
            }
            ul.providers a {
              display: inline-block;
              margin: 0.25rem 0;
              padding: 0.5rem 1rem;
              border: 1px solid #005eb8;
              color: #005eb8;
              text-decoration: none;
            }
          </style>
        </head>
        <body>
          <main>
            <h1>${title}</h1>
            ${content}
          </main>
        </body>
      </html>`,
  );
}

/** The sign-in page: the configured providers, or (with none) the token form. */
export function signInPage(options: {
  message?: string;
  providers: ReadonlyArray<{ id: string; label: string }>;
}): string {
  const alert = options.message ? html`<p role="alert">${options.message}</p>` : '';
  if (options.providers.length > 0) {
    return signInShell(
      'Sign in',
      html`${alert}
        <p>Sign in with the account you use at work.</p>
        <ul class="providers">
          ${options.providers.map(
            (p) =>
              html`<li>
                <a href="/signin/oidc/${encodeURIComponent(p.id)}">Sign in with ${p.label}</a>
              </li>`,
          )}
        </ul>`,
    );
  }
  return signInShell(
    'Sign in',
    html`${alert}
      <form method="post" action="/signin">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit">Sign in</button>
      </form>
      <p>
        Ask an administrator for a token (<code>npm run -s token -- create --role analyst</code>),
        or use the sign-in link the service printed when it started.
      </p>`,
  );
}

/** What a signed-in person without a mapped role is told: what they lack and whom to ask. */
export function noAccessPage(options: {
  provider: string;
  name: string | null;
  subject: string;
  needed: string[];
  held: Array<{ claim: string; values: string[] }>;
  contact: string;
}): string {
  return signInShell(
    'No access to the observatory yet',
    html`<p role="alert">
        ${options.provider} signed you in as <strong>${options.name ?? options.subject}</strong>,
        but none of your roles or groups gives access to the observatory, so you have not been
        signed in here.
      </p>
      <h2>Access is given to</h2>
      <ul>
        ${options.needed.map((line) => html`<li>${line}</li>`)}
      </ul>
      <h2>What ${options.provider} says you hold</h2>
      <ul>
        ${options.held.map(
          (h) =>
            html`<li>
              <code>${h.claim}</code>: ${h.values.length ? h.values.join('; ') : 'nothing'}
            </li>`,
        )}
      </ul>
      <p>
        To ask for access, contact ${options.contact}, quoting your identifier
        <code>${options.subject}</code>.
      </p>
      <p><a href="/signin">Back to sign-in</a></p>`,
  );
}

/** A sign-in step that failed or finished, with a way back. */
export function messagePage(title: string, message: string): string {
  return signInShell(
    title,
    html`<p role="alert">${message}</p>
      <p><a href="/signin">Sign in</a></p>`,
  );
}

/**
 * A page that moves on to `to` at once. After the provider's redirect it starts a new
 * navigation from this site, so the SameSite=Strict session cookie is sent with it; after
 * sign-out it leaves for the provider without a cross-origin redirect of the sign-out form.
 */
export function onwardPage(title: string, to: string, linkText: string): string {
  return signInShell(title, html`<p><a href="${to}">${linkText}</a></p>`, to);
}

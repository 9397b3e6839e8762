import { html, raw } from 'hono/html';

type Operation = {
  summary?: string;
  description?: string;
  parameters?: Array<Record<string, unknown>>;
  'x-roles'?: string[];
  security?: unknown[];
};

/** A self-contained HTML page (no script, no external resource) rendered from the OpenAPI document. */
export function docsPage(document: {
  info: { title: string; version: string; description?: string };
  paths?: object;
}): string {
  const { info } = document;
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const sections = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const who =
        op.security && op.security.length === 0 ? 'anyone' : (op['x-roles'] ?? []).join(', ');
      const params = (op.parameters ?? []).map(
        (p) =>
          html`<tr>
            <td><code>${String(p.name)}</code></td>
            <td>${String(p.in)}</td>
            <td>${p.required ? 'yes' : ''}</td>
            <td>${String(p.description ?? '')}</td>
            <td><code>${JSON.stringify(p.schema)}</code></td>
          </tr>`,
      );
      return html`<section id="${method}-${path}">
        <h2><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h2>
        <p>${op.summary ?? ''}</p>
        ${op.description ? html`<p>${op.description}</p>` : ''}
        <p class="who">Who: ${who}</p>
        ${
          params.length > 0
            ? html`<table>
                <thead>
                  <tr>
                    <th>parameter</th>
                    <th>in</th>
                    <th>required</th>
                    <th>meaning</th>
                    <th>schema</th>
                  </tr>
                </thead>
                <tbody>
                  ${params}
                </tbody>
              </table>`
            : ''
        }
      </section>`;
    }),
  );
  return String(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${info.title} — API reference</title>
          <style>
            ${raw(
              'body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#212b32}code{font-size:.9em}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #d8dde0;padding:.25rem .5rem;text-align:left;vertical-align:top}.method{background:#005eb8;color:#fff;padding:0 .4rem;border-radius:3px;font-size:.8em}.who{color:#4c6272}section{border-top:1px solid #d8dde0}',
            )}
          </style>
        </head>
        <body>
          <main>
            <h1>${info.title}</h1>
            <p>Version ${info.version}. ${info.description}</p>
            <p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
            ${sections}
          </main>
        </body>
      </html>`,
  );
}

import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Notebook } from '@observablehq/notebook-kit';
import { observable } from '@observablehq/notebook-kit/vite';
import { build, createServer, type InlineConfig, type ViteDevServer } from 'vite';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { offlineImports } from './offline-imports.js';
import { refuseDataCells } from './refuse-data-cells.js';

export interface BuildNotebooksOptions {
  /** Folder holding the notebooks (`*.html` at its top level). */
  root: string;
  outDir: string;
  log: Logger;
  now: () => Date;
  /** Notebook file names under root; default every `*.html` there. */
  files?: readonly string[];
}

export interface BuildNotebooksResult {
  notebooks: string[];
  ms: number;
}

const kitSource = dirname(fileURLToPath(import.meta.resolve('@observablehq/notebook-kit')));
const pageTemplate = join(import.meta.dirname, 'page-template.html');

/** Every notebook file (`*.html`) at the top of `root`, sorted. */
export function notebookFiles(root: string): string[] {
  return readdirSync(root)
    .filter((name) => name.endsWith('.html'))
    .sort();
}

/**
 * Builds notebooks in Notebook Kit's file format to static pages in `outDir` with Vite and
 * Notebook Kit's own plugin, offline: every library resolves from node_modules (see
 * offlineImports). The pages hold no data: they read the API when viewed (refuseDataCells).
 */
export async function buildNotebooks(
  options: BuildNotebooksOptions,
): Promise<BuildNotebooksResult> {
  const started = performance.now();
  const root = resolve(options.root);
  const files = options.files ?? notebookFiles(root);
  const session = notebookSession(root, options);
  try {
    await build({
      ...session.config,
      build: {
        outDir: resolve(options.outDir),
        emptyOutDir: true,
        target: 'es2022',
        chunkSizeWarningLimit: 2000,
        // Query results stay files (fetched from 'self'); data: URLs would need a looser CSP.
        assetsInlineLimit: 0,
        rollupOptions: {
          input: files.map((name) => join(root, name)),
          onwarn(warning, warn) {
            // Stubs for the stdlib's CDN-only libraries (see offlineImports) are expected.
            if (warning.message.includes('offline-missing')) return;
            warn(warning);
          },
        },
      },
    });
  } finally {
    session.dispose();
  }
  const result = {
    notebooks: files.map((name) => basename(name)),
    ms: Math.round(performance.now() - started),
  };
  options.log.info('notebooks built', { ...result, out: options.outDir });
  return result;
}

/**
 * A Vite dev server over the notebooks for authoring; `/api` is passed to the running service
 * at `apiUrl` with `token` (the pages read the API as they do when served).
 */
export async function previewNotebooks(
  options: Omit<BuildNotebooksOptions, 'outDir' | 'files'> & {
    host: string;
    port: number;
    apiUrl: string;
    token?: string;
  },
): Promise<ViteDevServer> {
  const session = notebookSession(resolve(options.root), options);
  const headers: Record<string, string> = options.token
    ? { authorization: `Bearer ${options.token}` }
    : {};
  const server = await createServer({
    ...session.config,
    server: {
      host: options.host,
      port: options.port,
      strictPort: true,
      proxy: { '/api': { target: options.apiUrl, changeOrigin: true, headers } },
    },
  });
  server.httpServer?.once('close', () => session.dispose());
  await server.listen();
  return server;
}

function notebookSession(root: string, options: Omit<BuildNotebooksOptions, 'outDir'>) {
  const resultsDir = join(
    root,
    '.observable',
    `results-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const builtAt = options.now();
  const transformNotebook = (notebook: Notebook, context: { filename: string }) => {
    const checked = refuseDataCells(notebook, context.filename);
    const cells = [
      ...checked.cells,
      {
        id: Math.max(0, ...checked.cells.map((cell) => cell.id)) + 1,
        mode: 'html' as const,
        value: `<p class="observatory-source">Data: the observatory API, read when this page is viewed, as your sign-in may see it (page built ${builtAt.toISOString().slice(0, 16).replace('T', ' ')} UTC). Times are shown in UTC unless a cell says otherwise.</p>`,
        pinned: false,
        hidden: false,
      },
    ];
    return { ...checked, cells };
  };
  const config: InlineConfig = {
    configFile: false,
    root,
    base: './',
    appType: 'mpa',
    logLevel: 'warn',
    cacheDir: join(resultsDir, 'vite'),
    resolve: {
      alias: [{ find: /^observable:(.*)$/, replacement: `${kitSource}/$1` }],
    },
    plugins: [offlineImports(), observable({ template: pageTemplate, transformNotebook })],
  };
  return {
    config,
    dispose: () => rmSync(resultsDir, { recursive: true, force: true }),
  };
}

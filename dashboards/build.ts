import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** JS shipped by one page: its entry and the shared chunks it imports. */
export interface PageBundle {
  page: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

export interface BuildOptions {
  outDir?: string;
  minify?: boolean;
}

const root = import.meta.dirname;

/** The page's HTML file: the Operations page is the front page (index.html). */
export function pageFile(page: string): string {
  return page === 'operations' ? 'index.html' : `${page}.html`;
}
const pagesDir = join(root, 'pages');

/** Every page: its entry `pages/<page>.ts` and its title; one HTML shell (page.html) serves all. */
export const pageTitles: Record<string, string> = {
  operations: 'Operations (live)',
  flow: 'Flow',
  inequalities: 'Inequalities',
  explorer: 'Indicator explorer',
  region: 'Region',
  quality: 'Data quality',
  reports: 'Reports',
  whatif: 'What if',
};

/**
 * Builds the dashboards to static files: each page's HTML, one ES module per page with the code
 * the pages share split into chunks (Plot, d3 and Arrow are fetched once), and the stylesheet.
 * Writes to a temporary folder and renames it over outDir, so a server never sees half a build.
 */
export async function buildDashboards(options: BuildOptions = {}): Promise<PageBundle[]> {
  const outDir = options.outDir ?? join(root, 'dist');
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'assets'), { recursive: true });
  const pages = Object.keys(pageTitles);
  const shell = readFileSync(join(root, 'page.html'), 'utf8');
  const result = await build({
    entryPoints: pages.map((page) => join(pagesDir, `${page}.ts`)),
    outdir: join(staging, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    metafile: true,
    legalComments: 'none',
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
  });
  for (const page of pages) {
    const html = shell.replaceAll('{{page}}', page).replaceAll('{{title}}', pageTitles[page]!);
    writeFileSync(join(staging, pageFile(page)), html);
  }
  for (const asset of ['observatory.css', 'favicon.svg']) {
    writeFileSync(join(staging, 'assets', asset), readFileSync(join(root, 'styles', asset)));
  }
  const outputs = result.metafile.outputs;
  const bundles = pages.map((page) => {
    const entry = Object.keys(outputs).find((file) =>
      outputs[file].entryPoint?.endsWith(`pages/${page}.ts`),
    );
    if (!entry) throw new Error(`esbuild wrote no bundle for page ${page}`);
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const imported of outputs[file].imports)
        if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(entry);
    const contents = [...files].map((file) => readFileSync(file));
    return {
      page,
      files: [...files].map((file) => basename(file)),
      bytes: contents.reduce((n, c) => n + c.byteLength, 0),
      gzipBytes: contents.reduce((n, c) => n + gzipSync(c).byteLength, 0),
    };
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  return bundles;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const bundles = await buildDashboards();
  for (const bundle of bundles) {
    console.log(
      `${bundle.page.padEnd(14)} ${(bundle.gzipBytes / 1024).toFixed(1).padStart(7)} KB gzip (${(bundle.bytes / 1024).toFixed(0)} KB)`,
    );
  }
  console.log(`dashboards built to dashboards/dist in ${Date.now() - started} ms`);
}

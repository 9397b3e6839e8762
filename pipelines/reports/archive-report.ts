import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** What meta.json holds for one archived report rendering. */
export interface ArchiveMeta {
  /** "<report>--<period>--<audience>": the id of GET /api/reports/:id. */
  id: string;
  report: string;
  period: string;
  period_start: string;
  period_end: string;
  audience: string;
  role: string;
  ics: string[] | null;
  title: string;
  subtitle: string;
  generated_at: string;
  files: string[];
  figures: unknown[];
}

export interface ArchiveFiles {
  html: string;
  pdf: Buffer;
  images: Array<{ name: string; png: Buffer }>;
  meta: Omit<ArchiveMeta, 'files' | 'id'>;
}

const safe = /^[A-Za-z0-9][A-Za-z0-9+_.-]*$/;

/** The archive id of a rendering. */
export function archiveId(report: string, period: string, audience: string): string {
  return `${report}--${period}--${audience}`;
}

/**
 * Writes `<reportsDir>/<report>/<period>/<audience>/` (report.html, report.pdf, images/*.png,
 * meta.json) into a temporary folder beside it, then renames it into place, replacing an
 * earlier rendering of the same period and audience. Returns the folder.
 */
export function archiveReport(reportsDir: string, files: ArchiveFiles): string {
  const { report, period, audience } = files.meta;
  for (const part of [report, period, audience])
    if (!safe.test(part)) throw new Error(`cannot archive under the name ${JSON.stringify(part)}`);
  const parent = join(reportsDir, report, period);
  mkdirSync(parent, { recursive: true });
  const target = join(parent, audience);
  const temp = join(parent, `.${audience}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(join(temp, 'images'), { recursive: true });
  writeFileSync(join(temp, 'report.html'), files.html);
  writeFileSync(join(temp, 'report.pdf'), files.pdf);
  for (const image of files.images)
    writeFileSync(join(temp, 'images', `${image.name}.png`), image.png);
  const meta: ArchiveMeta = {
    ...files.meta,
    id: archiveId(report, period, audience),
    files: ['report.html', 'report.pdf', ...files.images.map((i) => `images/${i.name}.png`)],
  };
  writeFileSync(join(temp, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  if (existsSync(target)) {
    const old = `${target}.old-${process.pid}-${Date.now()}`;
    renameSync(target, old);
    renameSync(temp, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(temp, target);
  }
  return target;
}

/** Every archived rendering's meta.json (without figures), newest period first. */
export function listArchive(reportsDir: string): Array<ArchiveMeta & { path: string }> {
  const found: Array<ArchiveMeta & { path: string }> = [];
  if (!existsSync(reportsDir)) return found;
  for (const report of readdirSync(reportsDir)) {
    if (!safe.test(report)) continue;
    const reportDir = join(reportsDir, report);
    for (const period of safeEntries(reportDir)) {
      for (const audience of safeEntries(join(reportDir, period))) {
        const path = join(reportDir, period, audience);
        try {
          const meta = JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8')) as ArchiveMeta;
          found.push({ ...meta, figures: [], path });
        } catch {
          continue;
        }
      }
    }
  }
  return found.sort((a, b) =>
    a.period_start < b.period_start
      ? 1
      : a.period_start > b.period_start
        ? -1
        : a.id.localeCompare(b.id),
  );
}

function safeEntries(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter(
        (d) =>
          d.isDirectory() &&
          safe.test(d.name) &&
          !d.name.includes('.tmp-') &&
          !d.name.includes('.old-'),
      )
      .map((d) => d.name);
  } catch {
    return [];
  }
}

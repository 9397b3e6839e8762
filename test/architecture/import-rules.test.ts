import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brokenRules,
  brokenRulesIn,
  folderCycles,
  importsOf,
  indexDoesMore,
  indexFilesDoingMore,
  loadedBy,
  loadsDuckDb,
  projectRoot,
} from './import-rules.js';

const broken = (file: string, text: string) => brokenRules(importsOf(file, text));

describe('the import rules of docs/architecture.md', () => {
  it('hold for every file of the project', () => {
    expect(brokenRulesIn(projectRoot)).toEqual([]);
  });

  it('keep every index.ts to re-exports', () => {
    expect(indexFilesDoingMore(projectRoot)).toEqual([]);
    expect(
      indexDoesMore(
        'pipelines/x/index.ts',
        "export { a } from './a.js';\nexport type { B } from './b.js';\n// a note\n",
      ),
    ).toEqual([]);
    expect(
      indexDoesMore(
        'pipelines/x/index.ts',
        "import { a } from './a.js';\nexport { a };\nexport const b = a + 1;\nawait a();\n",
      ),
    ).toEqual([
      'pipelines/x/index.ts:1 ImportDeclaration: an index.ts only re-exports',
      'pipelines/x/index.ts:2 ExportDeclaration: an index.ts only re-exports',
      'pipelines/x/index.ts:3 FirstStatement: an index.ts only re-exports',
      'pipelines/x/index.ts:4 ExpressionStatement: an index.ts only re-exports',
    ]);
  });

  it('keep pipelines/ from importing server/, in every form of import', () => {
    for (const text of [
      "import { createApp } from '../../server/index.js';",
      "import type { AppDeps } from '../../server/index.js';",
      "export { createApp } from '../../server/index.js';",
      "const app = await import('../../server/index.js');",
    ])
      expect(broken('pipelines/reports/run-report.ts', text)).toEqual([
        'pipelines/reports/run-report.ts:1 imports server/index.ts: pipelines/ never imports server/',
      ]);
  });

  it('send other folders through an index.ts, not into its files', () => {
    expect(
      broken('server/routes/x.ts', "import { sql } from '../../pipelines/read/sql.js';"),
    ).toEqual([
      'server/routes/x.ts:1 imports pipelines/read/sql.ts: another folder reaches pipelines/read through its index.ts',
    ]);
    expect(
      broken('server/routes/x.ts', "import { sql } from '../../pipelines/read/index.js';"),
    ).toEqual([]);
    expect(
      broken('pipelines/read/x.ts', "import { sql } from './queries/org-queries.js';"),
    ).toEqual([]);
    expect(
      broken('pipelines/ingest/x.ts', "import { aeColumns } from '../feeds/ae/format.js';"),
    ).toEqual([]);
  });

  it('let the browser code import types only', () => {
    expect(
      broken('dashboards/pages/x.ts', "import { Reader } from '../../pipelines/read/index.js';"),
    ).toHaveLength(1);
    expect(
      broken(
        'dashboards/pages/x.ts',
        "import type { Reader } from '../../pipelines/read/index.js';",
      ),
    ).toEqual([]);
    expect(
      broken(
        'dashboards/pages/x.ts',
        "import { targetInForce } from '../../pipelines/indicators/target-in-force.js';",
      ),
    ).toEqual([]);
    expect(
      broken(
        'pipelines/indicators/target-in-force.ts',
        "import { indicators } from './registry.js';\nimport type { Polarity } from './registry.js';",
      ),
    ).toEqual([
      'pipelines/indicators/target-in-force.ts:1 imports pipelines/indicators/registry.ts: a module the dashboards bundle imports types only',
    ]);
    expect(
      broken(
        'dashboards/pages/x.ts',
        "import { type Reader, type Principal } from '../../pipelines/read/index.js';",
      ),
    ).toEqual([]);
  });

  it('keep the composition root to service/', () => {
    expect(
      broken('server/x.ts', "import { startObservatory } from '../service/observatory.js';"),
    ).toEqual(['server/x.ts:1 imports service/observatory.ts: only service/ imports service/']);
    expect(
      broken(
        'test/server/x.test.ts',
        "import { createApp } from '../../server/index.js';\nimport { sql } from '../../pipelines/read/sql.js';",
      ),
    ).toEqual([
      'test/server/x.test.ts:2 imports pipelines/read/sql.ts: a file that imports server/ reaches pipelines/ through public files only',
    ]);
    expect(
      broken('test/pipelines/x.test.ts', "import { sql } from '../../pipelines/read/sql.js';"),
    ).toEqual([]);
  });

  it('find folders that import each other at run time', () => {
    const edges = [
      ...importsOf('pipelines/read/reader.ts', "import { x } from '../writer/index.js';"),
      ...importsOf('pipelines/writer/create-writer.ts', "import { y } from '../refresh/index.js';"),
      ...importsOf('pipelines/refresh/refresh-queue.ts', "import { z } from '../read/index.js';"),
    ];
    expect(folderCycles(edges)).toEqual([
      'folders import each other: pipelines/read → pipelines/writer → pipelines/refresh → pipelines/read',
    ]);
    expect(folderCycles(edges.slice(0, 2))).toEqual([]);
    const typeOnly = importsOf(
      'pipelines/refresh/refresh-queue.ts',
      "import type { Z } from '../read/index.js';",
    );
    expect(folderCycles([...edges.slice(0, 2), ...typeOnly])).toEqual([]);
  });

  it('keep DuckDB out of the simulator and the browser-shared facts', () => {
    expect(loadsDuckDb("import { DuckDBInstance } from '@duckdb/node-api';")).toBe(true);
    expect(loadsDuckDb("import type { DuckDBConnection } from '@duckdb/node-api';")).toBe(false);
    for (const entry of [
      'pipelines/simulate/dirty-sink.ts',
      'pipelines/indicators/target-in-force.ts',
    ]) {
      const loaded = loadedBy(projectRoot, entry).filter((file) =>
        loadsDuckDb(readFileSync(join(projectRoot, file), 'utf8')),
      );
      expect(loaded, entry).toEqual([]);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';

/** One `import`/`export … from`/`import()` between two project files. */
export interface ImportEdge {
  from: string;
  to: string;
  isTypeOnly: boolean;
  line: number;
}

const sourceFolders = [
  'service',
  'server',
  'pipelines',
  'dashboards',
  'notebooks',
  'bench',
  'test',
];

/** The project's TypeScript files, as repository-relative POSIX paths. */
export function projectFiles(root: string): string[] {
  return sourceFolders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.split(/[\\/]/).includes('node_modules'))
      .map((name) => posix.join(folder, name.split(/[\\/]/).join('/'))),
  );
}

/** The relative imports of one file, resolved to repository paths (`.js` → `.ts`). */
export function importsOf(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, isTypeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const to = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    edges.push({ from: file, to, isTypeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const namedOnlyTypes =
        clause?.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.name === undefined &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly);
      add(node, node.moduleSpecifier.text, clause?.isTypeOnly === true || namedOnlyTypes);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false);
    } else if (hasDynamicImport) ts.forEachChild(node, visit);
  };
  const hasDynamicImport = text.includes('import(');
  source.statements.forEach(visit);
  return edges;
}

/**
 * The folder a file belongs to for the rules: `pipelines/<stage>` inside pipelines (each stage
 * is a capability with its own public surface), otherwise the top-level folder.
 */
export function unitOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'pipelines' && parts.length > 2
    ? `pipelines/${parts[1]}`
    : (parts[0] ?? file);
}

/**
 * A file other folders may import: a folder's `index.ts`, the shared configuration, the feed
 * contract every stage speaks (`pipelines/feeds/feed.ts`), each feed's `format.ts` and the
 * dashboards' build (`dashboards/build.ts`, which the service runs at start-up).
 */
export function isPublic(file: string): boolean {
  return (
    posix.basename(file) === 'index.ts' ||
    browserModules.includes(file) ||
    file === 'pipelines/config.ts' ||
    file === 'dashboards/build.ts' ||
    file === 'pipelines/feeds/feed.ts' ||
    /^pipelines\/feeds\/[^/]+\/format\.ts$/.test(file)
  );
}

/**
 * Facts the dashboards share with the pipelines, bundled into the browser: each imports types
 * only, so it brings nothing of the server side with it.
 */
export const browserModules = [
  'pipelines/indicators/target-in-force.ts',
  'pipelines/scenario/describe-levers.ts',
];

const top = (file: string) => file.split('/')[0] ?? file;

/** The rule an import breaks, if any (the first that applies). */
export function ruleBroken(edge: ImportEdge, importsServer: boolean): string | undefined {
  const from = top(edge.from);
  const to = top(edge.to);
  if (from === 'bench' || from === 'test')
    return to === 'pipelines' && importsServer && !isPublic(edge.to)
      ? 'a file that imports server/ reaches pipelines/ through public files only'
      : undefined;
  if (to === 'test' || to === 'bench') return 'code never imports tests or benchmarks';
  if (browserModules.includes(edge.from) && !edge.isTypeOnly)
    return 'a module the dashboards bundle imports types only';
  if (to === 'service' && from !== 'service') return 'only service/ imports service/';
  if (from === 'pipelines' && to === 'server') return 'pipelines/ never imports server/';
  if (from === 'pipelines' && to === 'notebooks') return 'pipelines/ never imports notebooks/';
  if (
    from === 'pipelines' &&
    to === 'dashboards' &&
    !(unitOf(edge.from) === 'pipelines/reports' && edge.to === 'dashboards/charts/index.ts')
  )
    return 'only pipelines/reports imports dashboards/, through dashboards/charts/index.ts';
  if (from === 'server' && (to === 'dashboards' || to === 'notebooks'))
    return 'server/ serves the built dashboards and notebooks, it never imports them';
  if (from === 'notebooks' && to === 'server') return 'notebooks/ never imports server/';
  if (
    from === 'dashboards' &&
    edge.from !== 'dashboards/build.ts' &&
    (to === 'pipelines' || to === 'server') &&
    !edge.isTypeOnly &&
    !browserModules.includes(edge.to)
  )
    return 'dashboards/ runs in the browser: it imports only types from pipelines/ and server/';
  if (unitOf(edge.from) !== unitOf(edge.to) && !isPublic(edge.to))
    return `another folder reaches ${unitOf(edge.to)} through its index.ts`;
  return undefined;
}

/** The rules of docs/architecture.md; each broken one is a line naming file, line and rule. */
export function brokenRules(edges: readonly ImportEdge[]): string[] {
  const importsServer = new Set(
    edges
      .filter((edge) => top(edge.to) === 'server' && top(edge.from) !== 'server')
      .map((edge) => edge.from),
  );
  return edges.flatMap((edge) => {
    const rule = ruleBroken(edge, importsServer.has(edge.from));
    return rule === undefined ? [] : [`${edge.from}:${edge.line} imports ${edge.to}: ${rule}`];
  });
}

/**
 * Cycles between folders (`pipelines/<stage>` and the top-level folders) at run time: tests
 * aside, and type-only imports aside (the pages type their data with the read layer's
 * contracts while reports draw with the pages' charts).
 */
export function folderCycles(edges: readonly ImportEdge[]): string[] {
  const arrows = new Map<string, Set<string>>();
  for (const edge of edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from === to || edge.isTypeOnly || ['bench', 'test'].includes(top(edge.from))) continue;
    arrows.set(from, (arrows.get(from) ?? new Set()).add(to));
  }
  const cycles = new Set<string>();
  const walk = (unit: string, path: string[]): void => {
    const at = path.indexOf(unit);
    if (at >= 0) {
      const cycle = path.slice(at);
      const first = cycle.indexOf([...cycle].sort()[0] ?? unit);
      const turned = [...cycle.slice(first), ...cycle.slice(0, first)];
      cycles.add(`folders import each other: ${[...turned, turned[0]].join(' → ')}`);
      return;
    }
    for (const next of arrows.get(unit) ?? []) walk(next, [...path, unit]);
  };
  for (const unit of arrows.keys()) walk(unit, []);
  return [...cycles].sort();
}

/** The files `file` loads at run time (itself included): its value imports, followed through. */
export function loadedBy(root: string, file: string): string[] {
  const seen = new Set<string>();
  const visit = (at: string): void => {
    if (seen.has(at)) return;
    seen.add(at);
    for (const edge of importsOf(at, readFileSync(join(root, at), 'utf8')))
      if (!edge.isTypeOnly) visit(edge.to);
  };
  visit(file);
  return [...seen].sort();
}

/** Whether a file imports DuckDB's native module for its values (not for types only). */
export function loadsDuckDb(text: string): boolean {
  return /^import\s+(?!type\b)[^;]*from\s+'@duckdb\/node-api'/m.test(text);
}

/**
 * What an `index.ts` does besides re-exporting (`export … from`): one line per other statement.
 * A folder's index is its public surface and nothing else, so importing it runs nothing.
 */
export function indexDoesMore(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((statement) => !(ts.isExportDeclaration(statement) && statement.moduleSpecifier))
    .map((statement) => {
      const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
      return `${file}:${line} ${ts.SyntaxKind[statement.kind]}: an index.ts only re-exports`;
    });
}

/** Every index.ts in the project that does more than re-export. */
export function indexFilesDoingMore(root: string): string[] {
  return projectFiles(root)
    .filter((file) => posix.basename(file) === 'index.ts')
    .flatMap((file) => indexDoesMore(file, readFileSync(join(root, file), 'utf8')));
}

/** Every broken rule in the project at `root`. */
export function brokenRulesIn(root: string): string[] {
  const edges = projectFiles(root).flatMap((file) =>
    importsOf(file, readFileSync(join(root, file), 'utf8')),
  );
  return [...brokenRules(edges), ...folderCycles(edges)];
}

export const projectRoot = join(dirname(new URL(import.meta.url).pathname), '..', '..');

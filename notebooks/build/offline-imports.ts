import type { Plugin } from 'vite';

const cdnPrefix = 'https://cdn.jsdelivr.net/npm/';
const missingPrefix = '\0offline-missing:';

/**
 * The package (and subpath) a CDN or `npm:` specifier names, without its version:
 * `https://cdn.jsdelivr.net/npm/apache-arrow@17.0.0/+esm` → `apache-arrow`,
 * `npm:@observablehq/plot@0.6` → `@observablehq/plot`. Undefined for anything else.
 */
export function packageOf(specifier: string): string | undefined {
  let rest: string;
  if (specifier.startsWith(cdnPrefix)) rest = specifier.slice(cdnPrefix.length);
  else if (specifier.startsWith('npm:')) rest = specifier.slice(4);
  else return undefined;
  rest = rest.replace(/\/\+esm$/, '');
  const match = /^((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/.exec(rest);
  if (!match) return undefined;
  const subpath = match[2] ?? '';
  // jsDelivr serves a package's files by path; an ES module build keeps the same subpath.
  return `${match[1]}${subpath.replace(/\/\+esm$/, '')}`;
}

/**
 * A Vite plugin that keeps a notebook build offline. Notebook Kit 2.1's runtime imports its
 * libraries from jsDelivr (`https://cdn.jsdelivr.net/npm/<pkg>/+esm`) and resolves `npm:`
 * imports to it; this resolves both to the package installed in node_modules instead. A
 * library that is not installed becomes a module that throws when a notebook uses it (so the
 * stock library list still builds), and any other remote import fails the build.
 */
export function offlineImports(): Plugin {
  return {
    name: 'observatory:offline-imports',
    enforce: 'pre',
    async resolveId(source, importer) {
      const local = packageOf(source);
      if (local !== undefined) {
        const resolved = await this.resolve(local, importer, { skipSelf: true });
        return resolved ?? `${missingPrefix}${local}`;
      }
      if (/^(https?:)?\/\//.test(source) || source.startsWith('jsr:')) {
        throw new Error(
          `notebooks are built offline: ${source} (imported by ${importer ?? 'a notebook'}) is remote; install the package with npm and import it by name`,
        );
      }
      return null;
    },
    transform(code, id) {
      // CSS imports from the CDN (Notebook Kit's inputs.css) become the installed package's file.
      if (!id.endsWith('.css') || !code.includes(cdnPrefix)) return null;
      return code.replace(
        /@import url\("https:\/\/cdn\.jsdelivr\.net\/npm\/([^"]+)"\);/g,
        (_all, path: string) => `@import url("${packageOf(`${cdnPrefix}${path}`) ?? path}");`,
      );
    },
    load(id) {
      if (!id.startsWith(missingPrefix)) return null;
      const name = id.slice(missingPrefix.length);
      const message = `${name} is not installed, and notebooks load nothing from a CDN: add it with npm install --save-dev ${name}`;
      // Notebook Kit 2.1's stdlib also imports these names from libraries it loads from the CDN.
      const named = ['Icon', 'instance'].map((n) => `export const ${n} = fail;`).join(' ');
      return `const fail = () => { throw new Error(${JSON.stringify(message)}); }; export default new Proxy({}, { get: fail }); ${named}`;
    },
  };
}

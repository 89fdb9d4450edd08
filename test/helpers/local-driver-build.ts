import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');
const INDEX = path.join(ROOT, 'src/drivers/local/index.ts');

/** Relative imports of a TypeScript file, as source paths (`./x.js` -> `./x.ts`). */
function relativeImports(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:from|import)\s+['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
    found.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
  }
  return found;
}

export interface LocalDriverBuild {
  dir: string;
  /**
   * A stand-in for a shipline bundle: `node entry.mjs --shipline-local-proxy --state <file>` runs
   * the proxy like the real bundles do; `node entry.mjs status <stateDir> <environment>` prints the
   * environment's status as JSON (a later, separate step reading what an earlier one left).
   */
  entry: string;
  cleanup(): void;
}

/**
 * Transpiles the local driver (and the files it imports) to plain ESM in a temporary directory,
 * so tests can start the proxy as a separate node process, as the bundles do, without a build.
 */
export function buildLocalDriverForNode(): LocalDriverBuild {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipline-local-build-'));
  const seen = new Set<string>();
  const queue = [INDEX];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file,
    }).outputText;
    const out = path.join(dir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, output);
    queue.push(...relativeImports(file, source));
  }
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  const entry = path.join(dir, 'entry.mjs');
  fs.writeFileSync(
    entry,
    [
      "import { LOCAL_PROXY_FLAG, runLocalProxy, createLocalDriver } from './src/drivers/local/index.js';",
      'const [command, ...rest] = process.argv.slice(2);',
      'if (command === LOCAL_PROXY_FLAG) await runLocalProxy(rest);',
      "else if (command === 'status') {",
      '  const [stateDir, environment] = rest;',
      '  const driver = createLocalDriver({ stateDir, environment });',
      '  console.log(JSON.stringify(await driver.status()));',
      "} else { console.error('unknown command ' + command); process.exit(2); }",
      '',
    ].join('\n'),
  );
  return { dir, entry, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

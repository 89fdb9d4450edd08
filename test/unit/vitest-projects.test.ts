// How `npm test` splits the tests (vitest.config.ts): every file that runs the bundles is in the
// `bundle` project, whose setup builds dist/ from the current sources first; the `unit` project
// runs the rest without dist/. A file that starts a bundle but landed in `unit` could pass
// against a stale dist/, so this reads each test file's imports with the TypeScript parser,
// independently of the config's own patterns.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import config, { bundleTestFiles } from '../../vitest.config.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Project {
  extends?: boolean;
  test: { name: string; include?: string[]; exclude?: string[]; globalSetup?: string[] };
}
const projects = (config.test?.projects ?? []) as Project[];
const project = (name: string): Project => {
  const found = projects.find((p) => p.test.name === name);
  if (!found) throw new Error(`no project ${name} in vitest.config.ts`);
  return found;
};

const testFiles = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `test/${name}`);

/** Whether a test file imports `runAction` from the bundle runner or uses the workflow rehearsal. */
function startsBundles(file: string): boolean {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return false;
    const from = statement.moduleSpecifier.text;
    if (from === '../helpers/rehearsal.js') return true;
    if (from !== '../helpers/run-action.js') return false;
    const bindings = statement.importClause?.namedBindings;
    return (
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.some((e) => (e.propertyName ?? e.name).text === 'runAction')
    );
  });
}

describe('vitest projects', () => {
  it('the bundle project builds dist/ first; the unit project does not need it', () => {
    expect(project('bundle').test.globalSetup).toEqual(['test/global-setup.ts']);
    expect(project('unit').test.globalSetup).toBeUndefined();
    expect(projects.map((p) => p.test.name).sort()).toEqual(['bundle', 'unit']);
  });

  it('every test file that starts a bundle is in the bundle project, and only there', () => {
    const starting = testFiles.filter(startsBundles).sort();
    expect(starting.length).toBeGreaterThan(30);
    const bundle = bundleTestFiles(ROOT);
    for (const file of starting) expect(bundle, file).toContain(file);
    expect(project('bundle').test.include).toEqual(bundle);
    expect(project('unit').test.exclude).toEqual(bundle);
  });

  it('the unit project holds the rest', () => {
    const bundle = new Set(bundleTestFiles(ROOT));
    const unit = testFiles.filter((file) => !bundle.has(file));
    expect(unit).toContain('test/unit/fields.test.ts');
    expect(unit).not.toContain('test/integration/smoke.test.ts');
    expect(unit.length + bundle.size).toBe(testFiles.length);
  });
});

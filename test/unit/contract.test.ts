import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS } from '../../src/actions.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const names = readdirSync(join(ROOT, 'actions')).filter((n) => existsSync(join(ROOT, 'actions', n, 'action.yml')));
const meta = (path: string) => parse(readFileSync(path, 'utf8'));

/** Every output name an action's source sets (`setOutput('name'`). */
function outputsInCode(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/setOutput\(\s*'([a-z-]+)'/g)) found.add(m[1]!);
    }
  };
  walk(dir);
  return found;
}

describe.each(names)('actions/%s/action.yml', (name) => {
  const path = join(ROOT, 'actions', name, 'action.yml');
  const m = meta(path);
  it('runs on node24 from an existing bundle', () => {
    expect(m.runs.using).toBe('node24');
    const main = resolve(dirname(path), m.runs.main);
    expect(main).toBe(join(ROOT, 'dist', name, 'index.js'));
    expect(existsSync(main), `${m.runs.main} is missing: run npm run build`).toBe(true);
  });
  it('describes every input and output', () => {
    expect(m.name).toBeTruthy();
    expect(m.description).toBeTruthy();
    for (const [input, spec] of Object.entries<{ description?: string }>(m.inputs ?? {})) expect(spec.description, input).toBeTruthy();
    for (const [output, spec] of Object.entries<{ description?: string }>(m.outputs ?? {})) expect(spec.description, output).toBeTruthy();
  });
  it('declares exactly the inputs the code reads and the outputs it sets', async () => {
    const load = ACTIONS[name];
    expect(load, `${name} is not in src/actions.ts`).toBeDefined();
    const mod = (await import(`../../src/${name}/action.ts`)) as { fields: Record<string, unknown> };
    expect(Object.keys(m.inputs ?? {}).sort()).toEqual(Object.keys(mod.fields).sort());
    expect([...outputsInCode(join(ROOT, 'src', name))].sort()).toEqual(Object.keys(m.outputs ?? {}).sort());
  });
  it('input names are kebab-case', () => {
    for (const input of Object.keys(m.inputs ?? {})) expect(input).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
});

describe('root action.yml', () => {
  const root = meta(join(ROOT, 'action.yml'));
  it('runs the dispatcher on node24 and takes every action input plus command', () => {
    expect(root.runs).toEqual({ using: 'node24', main: 'dist/shipline/index.js' });
    const union = new Set(['command']);
    for (const n of names) for (const i of Object.keys(meta(join(ROOT, 'actions', n, 'action.yml')).inputs ?? {})) union.add(i);
    expect(Object.keys(root.inputs).sort()).toEqual([...union].sort());
    expect(root.inputs.command.required).toBe(true);
  });
  it('generated files (root action.yml, README tables) are up to date', () => {
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'docs.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe' }),
    ).not.toThrow();
  });
});

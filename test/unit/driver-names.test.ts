// Only src/drivers/ may tell drivers apart by name: everywhere else a driver is what it declares
// (its traits) and the capabilities it has. This finds a driver name used as a switch.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const NAMES = ['command', 'haproxy', 'kubernetes', 'local'];
const name = `'(?:${NAMES.join('|')})'`;
const SWITCHES = [
  new RegExp(`\\bcase\\s+${name}\\s*:`), // case 'local':
  new RegExp(`[!=]==?\\s*${name}`), // x === 'local'
  new RegExp(`${name}\\s*[!=]==?`), // 'local' === x
  new RegExp(`\\.(?:has|includes)\\(\\s*${name}\\s*\\)`), // set.has('local')
  new RegExp(`\\[\\s*${name}(?:\\s*,\\s*${name})*\\s*,?\\s*\\]`), // ['local'] or ['command', 'haproxy']
];

/** The lines of a TypeScript source that switch on a driver name, as `line: text`. */
function driverSwitches(source: string): string[] {
  return source.split('\n').flatMap((line, i) => (SWITCHES.some((re) => re.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(ROOT, 'src', 'drivers') ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('driver names stay in src/drivers', () => {
  it('finds a driver name used as a switch, and leaves other strings alone', () => {
    const source = [
      "if (driver.name === 'local') return;",
      "const x = 'haproxy' !== name;",
      "  case 'kubernetes':",
      "const REPORTS_URLS = new Set(['local']);",
      "if (driver.name === 'command' || driver.name === 'haproxy') {",
      "if (drivers.includes('haproxy')) {}",
      "const sha = ctx.runner.sha || 'local';",
      "const known = new Set([...taken, 'command', ...ROOT_DEFAULTED_INPUTS]);",
      "ctx.summary.facts([['command', err.what]]);",
      "log('the local driver');",
    ].join('\n');
    expect(driverSwitches(source).map((l) => Number(l.split(':')[0]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('no file under src/ outside src/drivers/ switches on a driver name', () => {
    const found = sources(join(ROOT, 'src')).flatMap((file) =>
      driverSwitches(readFileSync(file, 'utf8')).map((l) => `${relative(ROOT, file)}:${l}`),
    );
    expect(found).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { commitLink, commitUrl, compareUrl, deploymentsUrl, link, runUrl } from '../../src/core/links.js';
import { shownPath } from '../../src/core/paths.js';
import { plural } from '../../src/core/plural.js';
import { Summary } from '../../src/core/summary.js';
import { formatTime } from '../../src/core/time-format.js';

const runner = { serverUrl: 'https://ghe.example.com', repository: { owner: 'acme', repo: 'shop' }, runId: '77' };
const SHA = 'b'.repeat(40);

describe('the pieces every summary shares', () => {
  it('links from the runner context, on its server', () => {
    expect(commitUrl(runner, SHA)).toBe(`https://ghe.example.com/acme/shop/commit/${SHA}`);
    expect(compareUrl(runner, 'a'.repeat(40), SHA)).toBe(`https://ghe.example.com/acme/shop/compare/${'a'.repeat(40)}...${SHA}`);
    expect(runUrl(runner)).toBe('https://ghe.example.com/acme/shop/actions/runs/77');
    // The environment is one path segment, with what would end a Markdown link encoded too.
    expect(deploymentsUrl(runner, 'prod (eu)/1')).toBe('https://ghe.example.com/acme/shop/deployments/prod%20%28eu%29%2F1');
    // Nothing to link without a repository, or with a value that is not a commit.
    expect(commitUrl({ serverUrl: 'https://github.com' }, SHA)).toBeUndefined();
    expect(commitUrl(runner, 'local')).toBeUndefined();
    expect(compareUrl(runner, SHA, SHA)).toBeUndefined();
  });

  it('a link escapes its text and keeps its address whole', () => {
    expect(link('a*b', 'https://x.example/p?q=1').markdown).toBe('[a\\*b](<https://x.example/p?q=1>)');
    expect(link('plain', undefined).markdown).toBe('plain');
    expect(commitLink(runner, SHA).markdown).toBe(`[bbbbbbb](<https://ghe.example.com/acme/shop/commit/${SHA}>)`);
  });

  it('one time format: UTC, to the second', () => {
    expect(formatTime('2026-11-23T22:04:05.678Z')).toBe('2026-11-23 22:04:05 UTC');
    expect(formatTime(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe('2024-03-31 01:00:00 UTC');
  });

  it('plurals in words', () => {
    expect([plural(0, 'file'), plural(1, 'file'), plural(2, 'file'), plural(2, 'policy', 'policies')]).toEqual([
      '0 files',
      '1 file',
      '2 files',
      '2 policies',
    ]);
  });

  it('paths relative to the workspace, or named in the runner temp folder', () => {
    const ctx = { workspace: '/home/runner/work/shop/shop', temp: '/home/runner/work/_temp' };
    expect(shownPath('/home/runner/work/shop/shop/dist/app.tgz', ctx)).toBe('dist/app.tgz');
    expect(shownPath('/home/runner/work/_temp/shipline/manifest.json', ctx)).toBe('runner temp: shipline/manifest.json');
    expect(shownPath('/srv/other/file', ctx)).toBe('/srv/other/file');
  });

  it('facts are name: value lines, not a table with an empty header row', () => {
    const md = new Summary()
      .facts([
        ['commit', 'abc'],
        ['skipped', undefined],
        ['note', 'a|b <c>'],
      ])
      .toString();
    expect(md).toBe('- **commit**: abc\n- **note**: a&#124;b &lt;c&gt;\n');
    expect(md).not.toContain('|  |');
  });
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packArchive, sourceDateEpoch } from '../../src/build/archive.js';
import { BuildConfigError } from '../../src/build/errors.js';

let root: string;
let app: string;

function write(base: string, path: string, content: string, mode = 0o644): void {
  const full = join(base, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  chmodSync(full, mode);
}

interface Entry {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  body: string;
}

async function entries(archive: string): Promise<Entry[]> {
  const reader = extract();
  const result: Entry[] = [];
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const h = entry.header;
      result.push({
        name: h.name,
        mode: h.mode,
        uid: h.uid,
        gid: h.gid,
        uname: h.uname,
        gname: h.gname,
        mtime: h.mtime.getTime() / 1000,
        body: Buffer.concat(chunks).toString('utf8'),
      });
    }
  })();
  reader.end(gunzipSync(readFileSync(archive)));
  await done;
  return result;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shipline-archive-'));
  app = join(root, 'app');
  write(app, 'dist/index.js', 'console.log("hi");\n');
  write(app, 'dist/b.css', 'body{}\n', 0o600);
  write(app, 'dist/a/deep.txt', 'deep\n', 0o664);
  write(app, 'dist/index.js.map', '{}\n');
  write(app, 'bin/start', '#!/bin/sh\nexec node dist/index.js\n', 0o750);
  write(app, 'README.md', '# app\n');
  write(app, 'dist/.hidden', 'dot\n');
  write(root, 'outside.txt', 'not part of the app\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('packArchive', () => {
  it('writes a normalised tar.gz and reports its sha256, files and size', async () => {
    const out = join(root, 'out', 'app.tar.gz');
    const result = await packArchive({ cwd: app, patterns: ['dist/**', 'bin/start', '!**/*.map'], output: out, mtime: 1_700_000_000 });
    const bytes = readFileSync(out);
    expect(result.path).toBe(out);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(result.files).toEqual(['bin/start', 'dist/.hidden', 'dist/a/deep.txt', 'dist/b.css', 'dist/index.js']);

    const listed = await entries(out);
    expect(listed.map((e) => e.name)).toEqual(result.files);
    for (const entry of listed) {
      expect(entry).toMatchObject({ uid: 0, gid: 0, uname: '', gname: '', mtime: 1_700_000_000 });
    }
    expect(listed.find((e) => e.name === 'bin/start')?.mode).toBe(0o755);
    expect(listed.find((e) => e.name === 'dist/b.css')?.mode).toBe(0o644);
    expect(listed.find((e) => e.name === 'dist/a/deep.txt')?.mode).toBe(0o644);
    expect(listed.find((e) => e.name === 'dist/index.js')?.body).toBe('console.log("hi");\n');

    // gzip header: magic, deflate, no flags (no file name), mtime 0, OS unix
    expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(bytes.readUInt32LE(4)).toBe(0);
    expect(bytes[9]).toBe(3);
  });

  it('gives the same sha256 for the same files, whatever their mtimes, modes or location', async () => {
    const first = await packArchive({ cwd: app, patterns: ['dist', 'bin/*'], output: join(root, 'same-1.tar.gz') });
    const copy = join(root, 'copy');
    cpSync(app, copy, { recursive: true });
    utimesSync(join(copy, 'dist/index.js'), new Date('2001-01-01'), new Date('2001-01-01'));
    chmodSync(join(copy, 'dist/b.css'), 0o640);
    const second = await packArchive({ cwd: copy, patterns: ['dist', 'bin/*'], output: join(root, 'elsewhere', 'same-2.tar.gz') });
    expect(second.sha256).toBe(first.sha256);
    expect(second.files).toEqual(first.files);
    expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
  });

  it('gives a different sha256 when one byte of one file changes', async () => {
    const tree = join(root, 'changed');
    cpSync(app, tree, { recursive: true });
    const before = await packArchive({ cwd: tree, patterns: ['dist/**'], output: join(root, 'before.tar.gz') });
    write(tree, 'dist/a/deep.txt', 'deeP\n');
    const after = await packArchive({ cwd: tree, patterns: ['dist/**'], output: join(root, 'after.tar.gz') });
    expect(after.sha256).not.toBe(before.sha256);
  });

  it('gives a different sha256 when a file only gains an execute bit', async () => {
    const tree = join(root, 'exec-bit');
    cpSync(app, tree, { recursive: true });
    const before = await packArchive({ cwd: tree, patterns: ['README.md'], output: join(root, 'x1.tar.gz') });
    chmodSync(join(tree, 'README.md'), 0o755);
    const after = await packArchive({ cwd: tree, patterns: ['README.md'], output: join(root, 'x2.tar.gz') });
    expect(after.sha256).not.toBe(before.sha256);
  });

  it('leaves out the archive itself when it is written inside the globbed tree', async () => {
    const tree = join(root, 'self');
    cpSync(app, tree, { recursive: true });
    const output = join(tree, 'dist', 'release.tar.gz');
    await packArchive({ cwd: tree, patterns: ['dist/**'], output });
    const again = await packArchive({ cwd: tree, patterns: ['dist/**'], output });
    expect(again.files).not.toContain('dist/release.tar.gz');
  });

  it('can be read by the system tar', async () => {
    const result = await packArchive({ cwd: app, patterns: ['**/*'], output: join(root, 'system.tar.gz') });
    let listing: string;
    try {
      listing = execFileSync('tar', ['-tzf', result.path], { encoding: 'utf8' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // no tar binary on this machine
      throw error;
    }
    expect(listing.trim().split('\n')).toEqual(result.files);
  });

  it('keeps paths longer than 100 characters intact', async () => {
    const tree = join(root, 'long');
    const long = `${'segment-'.repeat(20)}/${'file-'.repeat(30)}.txt`;
    write(tree, long, 'long\n');
    const result = await packArchive({ cwd: tree, patterns: ['**'], output: join(root, 'long.tar.gz') });
    expect((await entries(result.path)).map((e) => e.name)).toEqual([long]);
  });

  it('packs 1,000 small files', async () => {
    const tree = join(root, 'many');
    for (let i = 0; i < 1000; i += 1) write(tree, `f/${String(i).padStart(4, '0')}.txt`, `file ${i}\n`);
    const result = await packArchive({ cwd: tree, patterns: ['f/*.txt'], output: join(root, 'many.tar.gz') });
    expect(result.files).toHaveLength(1000);
    const listed = await entries(result.path);
    expect(listed).toHaveLength(1000);
    expect(listed[999]).toMatchObject({ name: 'f/0999.txt', body: 'file 999\n' });
    const again = await packArchive({ cwd: tree, patterns: ['f/*.txt'], output: join(root, 'many-2.tar.gz') });
    expect(again.sha256).toBe(result.sha256);
  });

  it.each([
    [['dist/**', 'missing/*.jar'], /artifact-path "missing\/\*\.jar" matched no file/],
    [['!dist/**'], /no pattern that selects files/],
    [['dist/*.map', '!**/*.map'], /artifact-path "dist\/\*\.map" matched no file/],
    [['../outside.txt'], /reaches outside/],
  ])('refuses %j', async (patterns, message) => {
    const attempt = packArchive({ cwd: app, patterns, output: join(root, 'refused.tar.gz') });
    await expect(attempt).rejects.toBeInstanceOf(BuildConfigError);
    await expect(packArchive({ cwd: app, patterns, output: join(root, 'refused.tar.gz') })).rejects.toThrow(message);
  });

  it('writes nothing when a pattern matches nothing', async () => {
    const output = join(root, 'never.tar.gz');
    await expect(packArchive({ cwd: app, patterns: ['nothing/**'], output })).rejects.toThrow(/matched no file/);
    expect(() => statSync(output)).toThrow();
  });
});

describe('sourceDateEpoch', () => {
  it.each([
    [{ SOURCE_DATE_EPOCH: '1700000000' }, 1_700_000_000],
    [{ SOURCE_DATE_EPOCH: ' 42 ' }, 42],
    [{ SOURCE_DATE_EPOCH: 'yesterday' }, 0],
    [{ SOURCE_DATE_EPOCH: '-5' }, 0],
    [{}, 0],
  ])('%j -> %d', (env, expected) => {
    expect(sourceDateEpoch(env)).toBe(expected);
  });
});

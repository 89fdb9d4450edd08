import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { pack as tarPack, type Pack } from 'tar-stream';
import { glob } from 'tinyglobby';
import { BuildConfigError } from './errors.js';

export interface ArchiveOptions {
  /** Directory the globs are relative to; archive entries are relative to it too. */
  cwd: string;
  /** `artifact-path` globs; `!pattern` excludes. A directory stands for everything under it. */
  patterns: readonly string[];
  /** The `.tar.gz` to write (its directory is created). */
  output: string;
  /** Modification time of every entry, in seconds since the epoch (see sourceDateEpoch). */
  mtime?: number;
}

export interface ArchiveResult {
  /** Absolute path of the archive. */
  path: string;
  /** `sha256:<hex>` of the archive's bytes. */
  sha256: string;
  /** Archived paths, relative to cwd, in archive order. */
  files: string[];
  bytes: number;
}

/** Files above this size are streamed instead of read whole. */
type TarHeader = Parameters<Pack['entry']>[0];

const STREAM_THRESHOLD = 8 * 1024 * 1024;
/** Files read while earlier ones are packed. */
const READ_AHEAD = 8;
const GZIP_OS_UNIX = 3;

/** SOURCE_DATE_EPOCH (reproducible-builds.org) when it is a whole number of seconds, else 0. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['SOURCE_DATE_EPOCH']?.trim();
  if (value && /^\d+$/.test(value)) return Number(value);
  return 0;
}

/** Byte-order comparison, the same on every machine and locale. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The files the patterns name, relative to cwd, sorted; every positive pattern must match something. */
export async function matchFiles(cwd: string, patterns: readonly string[], exclude: readonly string[] = []): Promise<string[]> {
  const positive = patterns.map((p) => p.trim()).filter((p) => p && !p.startsWith('!'));
  const ignore = [
    ...patterns
      .map((p) => p.trim())
      .filter((p) => p.startsWith('!'))
      .map((p) => p.slice(1)),
    ...exclude,
  ];
  if (positive.length === 0) {
    const problem = 'has no pattern that selects files (accepted: globs such as dist/** or build/app.jar, one a line)';
    throw new BuildConfigError(`artifact-path ${problem}`, { input: 'artifact-path', problem });
  }
  const found = new Set<string>();
  for (const pattern of positive) {
    const matches = await glob(pattern, { cwd, onlyFiles: true, dot: true, ignore, expandDirectories: true });
    if (matches.length === 0) {
      const problem = `"${pattern}" matched no file in ${cwd}`;
      throw new BuildConfigError(`artifact-path ${problem}`, { input: 'artifact-path', problem });
    }
    for (const match of matches) {
      const path = toPosix(match);
      if (isAbsolute(match) || path === '..' || path.startsWith('../')) {
        const problem = `"${pattern}" reaches outside ${cwd} (${path}); archive entries must be inside the working directory`;
        throw new BuildConfigError(`artifact-path ${problem}`, { input: 'artifact-path', problem });
      }
      found.add(path);
    }
  }
  return [...found].sort(byteOrder);
}

/** Sets the gzip header's mtime to 0 and its OS byte to Unix, whatever zlib and platform wrote. */
function normalizedGzipHeader(): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (seen < 10) {
        const copy = Buffer.from(chunk);
        for (let i = 0; i < copy.length && seen + i < 10; i += 1) {
          const at = seen + i;
          if (at >= 4 && at <= 7) copy[i] = 0;
          if (at === 9) copy[i] = GZIP_OS_UNIX;
        }
        seen += chunk.length;
        callback(null, copy);
        return;
      }
      callback(null, chunk);
    },
  });
}

/** Gathers the many small writes of tar entries into 64 KiB chunks, so gzip compresses in bulk. */
function batched(size = 64 * 1024): Transform {
  let parts: Buffer[] = [];
  let length = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= size) {
        const out = Buffer.concat(parts, length);
        parts = [];
        length = 0;
        callback(null, out);
      } else callback();
    },
    flush(callback) {
      callback(null, length > 0 ? Buffer.concat(parts, length) : undefined);
    },
  });
}

interface LoadedFile {
  info: Stats;
  /** The content, or the path to stream it from when it is large. */
  body: Buffer | string;
}

async function loadFile(absolute: string): Promise<LoadedFile> {
  const info = await stat(absolute);
  return { info, body: info.size > STREAM_THRESHOLD ? absolute : await readFile(absolute) };
}

function addEntry(pack: Pack, header: TarHeader, body: Buffer | string): Promise<void> {
  return new Promise((resolveEntry, rejectEntry) => {
    if (typeof body !== 'string') {
      pack.entry(header, body, (error) => (error ? rejectEntry(error) : resolveEntry()));
      return;
    }
    const entry = pack.entry(header, (error) => (error ? rejectEntry(error) : resolveEntry()));
    pipeline(createReadStream(body), entry).catch(rejectEntry);
  });
}

/**
 * Packs the files matched by the globs into one deterministic `.tar.gz`: paths sorted, every entry
 * with the same mtime, owner 0:0 without names, mode 0644 or 0755 (any execute bit), and a gzip
 * header without name or time. The same files give the same bytes, so the same sha256.
 */
export async function packArchive(options: ArchiveOptions): Promise<ArchiveResult> {
  const cwd = resolve(options.cwd);
  const output = resolve(options.output);
  const outputInside = relative(cwd, output);
  const exclude = outputInside && !outputInside.startsWith('..') && !isAbsolute(outputInside) ? [toPosix(outputInside)] : [];
  const files = await matchFiles(cwd, options.patterns, exclude);
  const mtime = new Date((options.mtime ?? 0) * 1000);

  await mkdir(dirname(output), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const pack = tarPack();
  const written = pipeline(
    pack,
    batched(),
    createGzip({ level: zlibConstants.Z_DEFAULT_COMPRESSION }),
    normalizedGzipHeader(),
    measure,
    createWriteStream(output),
  );

  const load = (file: string): Promise<LoadedFile> => {
    const loading = loadFile(resolve(cwd, file));
    loading.catch(() => undefined); // awaited below, in order; this only marks it handled meanwhile
    return loading;
  };
  const ahead = files.slice(0, READ_AHEAD).map(load);
  try {
    for (const [index, file] of files.entries()) {
      const { info, body } = await (ahead[index] as Promise<LoadedFile>);
      const next = files[index + READ_AHEAD];
      if (next !== undefined) ahead.push(load(next));
      const header: TarHeader = {
        name: file,
        type: 'file',
        size: info.size,
        mode: info.mode & 0o111 ? 0o755 : 0o644,
        mtime,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
      };
      await addEntry(pack, header, body);
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  return { path: output, sha256: `sha256:${hash.digest('hex')}`, files, bytes };
}

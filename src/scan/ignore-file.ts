import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ScanError } from './errors.js';

export const DEFAULT_IGNORE_FILE = '.github/shipline-ignore.yml';

/** One accepted finding: which (`id`, optionally only under `path`), why, and until when. */
export interface IgnoreEntry {
  /** Position in the file's list, for messages. */
  index: number;
  /** Rule id, CVE id or GHSA id. */
  id: string;
  reason: string;
  /** Last day (UTC) the exception applies, `YYYY-MM-DD`. */
  expires?: string;
  /** Glob or path prefix the finding's location must match. */
  path?: string;
}

const KEYS = new Set(['id', 'reason', 'expires', 'path']);

/**
 * Reads the ignore file. A missing file is no exceptions unless `required` (the user named the file
 * explicitly), which makes it an error.
 */
export async function loadIgnoreFile(file: string, options: { required?: boolean } = {}): Promise<IgnoreEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.required) return [];
    throw new ScanError('ignore-file', `cannot read ${file} (${code ?? String(err)})`);
  }
  return parseIgnoreFile(text, file);
}

/**
 * Parses the ignore file: either a list of entries or a mapping with an `ignore:` list.
 *
 *   ignore:
 *     - id: CVE-2023-0464
 *       reason: not reachable, the service never verifies client certificates
 *       expires: 2025-09-30
 *       path: docker/
 */
export function parseIgnoreFile(text: string, file: string): IgnoreEntry[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ScanError('ignore-file', `not valid YAML (${(err as Error).message.split('\n')[0]})`, file);
  }
  if (doc === null || doc === undefined) return [];
  let list: unknown;
  if (Array.isArray(doc)) {
    list = doc;
  } else if (typeof doc === 'object') {
    const extra = Object.keys(doc).filter((k) => k !== 'ignore');
    if (extra.length) throw new ScanError('ignore-file', `unknown key ${JSON.stringify(extra[0])}; expected a list under "ignore:"`, file);
    list = (doc as { ignore?: unknown }).ignore ?? [];
  } else {
    throw new ScanError('ignore-file', `expected a list of exceptions under "ignore:", got ${typeof doc}`, file);
  }
  if (!Array.isArray(list)) throw new ScanError('ignore-file', `"ignore" must be a list of exceptions`, file);
  return list.map((item, index) => toEntry(item, index, file));
}

function toEntry(item: unknown, index: number, file: string): IgnoreEntry {
  const where = `ignore[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new ScanError('ignore-file', `${where}: each exception must be a mapping with id, reason and expires`, file);
  }
  const record = item as Record<string, unknown>;
  const named = typeof record.id === 'string' && record.id.trim() ? ` (id ${record.id.trim()})` : '';
  for (const key of Object.keys(record)) {
    if (!KEYS.has(key))
      throw new ScanError('ignore-file', `${where}${named}: unknown key "${key}"; accepted keys are id, reason, expires, path`, file);
  }
  if (typeof record.id !== 'string' || !record.id.trim()) {
    throw new ScanError('ignore-file', `${where}: id is required (a rule id, CVE id or GHSA id, as text)`, file);
  }
  if (typeof record.reason !== 'string' || !record.reason.trim()) {
    throw new ScanError('ignore-file', `${where}${named}: reason is required: say why this finding is accepted`, file);
  }
  const entry: IgnoreEntry = { index, id: record.id.trim(), reason: record.reason.trim() };
  if (record.expires !== undefined && record.expires !== null) {
    const expires = toDate(record.expires);
    if (!expires) {
      throw new ScanError(
        'ignore-file',
        `${where}${named}: expires ${JSON.stringify(String(record.expires))} is not a date; write YYYY-MM-DD, e.g. 2025-09-30`,
        file,
      );
    }
    entry.expires = expires;
  }
  if (record.path !== undefined && record.path !== null) {
    if (typeof record.path !== 'string' || !record.path.trim()) {
      throw new ScanError('ignore-file', `${where}${named}: path must be a glob or a path prefix, as text`, file);
    }
    entry.path = record.path.trim();
  }
  return entry;
}

/** `YYYY-MM-DD` of a real calendar day, or undefined. */
function toDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value.trim() ? value.trim() : undefined;
}

/** An exception applies through its `expires` day (UTC) and is expired from the next day on. */
export function isExpired(entry: IgnoreEntry, now: Date): boolean {
  return entry.expires !== undefined && now.toISOString().slice(0, 10) > entry.expires;
}

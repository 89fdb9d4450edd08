import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { errnoCode, OutsideError } from '../core/errors.js';
import { describeSyntaxProblem, jsonSyntaxProblem } from '../core/parse-errors.js';
import { sleep } from '../core/pool.js';
import type { DeploymentRecord, NewRecord, RecordState, RecordStore, StatusUpdate } from './types.js';
import { isProcessAlive } from '../core/process.js';
import { systemClock } from '../core/clock.js';

interface LedgerStatus {
  state: RecordState;
  description?: string;
  environmentUrl?: string;
  logUrl?: string;
  at: string;
}
interface LedgerEntry extends Omit<DeploymentRecord, 'state' | 'statusDescription' | 'environmentUrl' | 'stateAt'> {
  /** GitHub's `production_environment`: production records are never marked inactive by a later success. */
  production?: boolean;
  statuses: LedgerStatus[];
}
interface LedgerFile {
  version: 1;
  next: number;
  deployments: LedgerEntry[];
}

/** How long a writer may wait for the ledger's lock, and when a lock nobody released counts as stale. */
export const LEDGER_LOCK = { waitMs: 15_000, staleMs: 10_000 };

/**
 * An exclusive lock beside the ledger: a directory created with `mkdir` (atomic: exactly one
 * writer creates it), holding its owner's pid and host. A lock whose owner process is gone (same
 * host), or older than `staleMs` (a write takes milliseconds), is taken over; a writer waits at
 * most `waitMs` for it, then fails saying who holds it.
 */
async function withLock<T>(path: string, work: () => T): Promise<T> {
  const lock = `${path}.lock`;
  const unwritable = (err: unknown) =>
    new OutsideError(
      `The deployment ledger ${path} cannot be written ` +
        `(${errnoCode(err) ?? 'write error'}): it still holds the records before this change. ` +
        'Check the state directory (state-dir) is writable and has free space, then re-run the job.',
      { cause: err },
    );
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw unwritable(err);
  }
  const deadline = systemClock.now() + LEDGER_LOCK.waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(err);
    }
    let owner: { pid?: number; host?: string } = {};
    let age = 0;
    try {
      age = systemClock.now() - statSync(lock).mtimeMs;
      owner = JSON.parse(readFileSync(`${lock}/owner`, 'utf8')) as typeof owner;
    } catch {
      /* gone meanwhile, or its owner has not written the file yet */
    }
    const ownerGone = owner.host === hostname() && typeof owner.pid === 'number' && !isProcessAlive(owner.pid);
    if (ownerGone || age > LEDGER_LOCK.staleMs) {
      // Renamed away first, so two writers that both find it stale do not both remove a fresh lock.
      try {
        const aside = `${lock}.stale-${process.pid}-${attempt}`;
        renameSync(lock, aside);
        rmSync(aside, { recursive: true, force: true });
      } catch {
        /* another writer took it over first */
      }
      continue;
    }
    if (systemClock.now() > deadline) {
      const holder = owner.pid ? `process ${owner.pid} on ${owner.host ?? 'an unknown host'}` : 'another writer';
      throw new OutsideError(
        `The deployment ledger ${path} is locked by ${holder} (for ${Math.round(age / 1000)} s); ` +
          `remove ${lock} if no shipline step is running`,
      );
    }
    await sleep(5 + Math.floor(Math.random() * 20));
  }
  try {
    writeFileSync(`${lock}/owner`, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The deployment records of runs without a GitHub token (local runs, the demo): one JSON file,
 * written atomically under a lock (parallel steps sharing a state directory lose no record), with
 * the same meaning as GitHub's deployments and statuses.
 */
export class LedgerStore implements RecordStore {
  readonly kind = 'ledger';
  readonly calls = 0;

  constructor(
    readonly where: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The ledger as stored. A ledger that cannot be read or parsed (truncated by a full disk, edited
   * by hand) is an outside failure naming the file; it is never overwritten, so no record is lost.
   */
  private read(): LedgerFile {
    if (!existsSync(this.where)) return { version: 1, next: 1, deployments: [] };
    const fix = 'Repair it or restore it from a backup; moving it away starts an empty ledger, without the records it holds.';
    let text: string;
    try {
      text = readFileSync(this.where, 'utf8');
    } catch (err) {
      throw new OutsideError(`The deployment ledger ${this.where} cannot be read (${errnoCode(err) ?? 'read error'}). ${fix}`, {
        cause: err,
      });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new OutsideError(
        `The deployment ledger ${this.where} is not valid JSON (${describeSyntaxProblem(jsonSyntaxProblem(err, text))}). ${fix}`,
        { cause: err },
      );
    }
    const file = data as Partial<LedgerFile> | null;
    if (!file || typeof file !== 'object' || !Array.isArray(file.deployments) || typeof file.next !== 'number') {
      throw new OutsideError(
        `The deployment ledger ${this.where} is JSON but not a shipline ledger (no "next" number and "deployments" list). ${fix}`,
      );
    }
    return file as LedgerFile;
  }

  private write(data: LedgerFile): void {
    const tmp = `${this.where}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.where), { recursive: true });
      writeFileSync(tmp, JSON.stringify(data, null, 2));
      renameSync(tmp, this.where);
    } catch (err) {
      // The ledger itself is untouched (written to a temporary file, then renamed over it).
      throw new OutsideError(
        `The deployment ledger ${this.where} cannot be written ` +
          `(${errnoCode(err) ?? 'write error'}): it still holds the records before this change. ` +
          'Check the state directory (state-dir) is writable and has free space, then re-run the job.',
        { cause: err },
      );
    }
  }

  create(record: NewRecord): Promise<DeploymentRecord> {
    return withLock(this.where, () => {
      const data = this.read();
      const entry: LedgerEntry = {
        id: String(data.next++),
        environment: record.environment,
        sha: record.sha,
        ref: record.ref,
        createdAt: this.now().toISOString(),
        payload: record.payload,
        production: record.productionEnvironment ?? record.environment === 'production',
        statuses: [],
      };
      data.deployments.push(entry);
      this.write(data);
      return toRecord(entry);
    });
  }

  setStatus(id: string, state: RecordState, update: StatusUpdate = {}): Promise<void> {
    return withLock(this.where, () => {
      const data = this.read();
      const entry = data.deployments.find((d) => d.id === id);
      if (!entry)
        throw new OutsideError(
          `Deployment ${id} is no longer in the deployment ledger ${this.where} ` +
            `(replaced or edited meanwhile?): its status ${state} was not recorded.`,
        );
      const at = this.now().toISOString();
      entry.statuses.push({ state, description: update.description, environmentUrl: update.environmentUrl, logUrl: update.logUrl, at });
      // GitHub's auto_inactive: prior successful, non-production deployments of the environment.
      if (state === 'success' && update.autoInactive !== false) {
        for (const other of data.deployments) {
          if (other.id === id || other.environment !== entry.environment || other.production) continue;
          if (Number(other.id) > Number(id)) continue;
          if (other.statuses.at(-1)?.state === 'success') other.statuses.push({ state: 'inactive', at });
        }
      }
      this.write(data);
    });
  }

  async *history(environment: string): AsyncIterable<DeploymentRecord> {
    const entries = this.read().deployments.filter((d) => d.environment === environment);
    for (const entry of entries.reverse()) yield toRecord(entry);
  }
}

function toRecord(entry: LedgerEntry): DeploymentRecord {
  const latest = entry.statuses.at(-1);
  const { statuses: _statuses, production: _production, ...rest } = entry;
  return {
    ...rest,
    state: latest?.state ?? 'pending',
    statusDescription: latest?.description,
    environmentUrl: [...entry.statuses].reverse().find((s) => s.environmentUrl)?.environmentUrl,
    stateAt: latest?.at,
  };
}

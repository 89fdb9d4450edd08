import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errnoCode, OutsideError } from '../core/errors.js';
import { describeSyntaxProblem, jsonSyntaxProblem } from '../core/parse-errors.js';
import type { DeploymentRecord, NewRecord, RecordState, RecordStore, StatusUpdate } from './types.js';

interface LedgerStatus {
  state: RecordState;
  description?: string;
  environmentUrl?: string;
  logUrl?: string;
  at: string;
}
interface LedgerEntry extends Omit<DeploymentRecord, 'state' | 'statusDescription' | 'environmentUrl' | 'stateAt'> {
  statuses: LedgerStatus[];
}
interface LedgerFile {
  version: 1;
  next: number;
  deployments: LedgerEntry[];
}

/**
 * The deployment records of runs without a GitHub token (local runs, the demo): one JSON file,
 * written atomically, with the same meaning as GitHub's deployments and statuses.
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
      throw new OutsideError(`The deployment ledger ${this.where} cannot be read (${errnoCode(err) ?? 'read error'}). ${fix}`, { cause: err });
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
      throw new OutsideError(`The deployment ledger ${this.where} is JSON but not a shipline ledger (no "next" number and "deployments" list). ${fix}`);
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
        `The deployment ledger ${this.where} cannot be written (${errnoCode(err) ?? 'write error'}): it still holds the records before this change. ` +
          'Check the state directory (state-dir) is writable and has free space, then re-run the job.',
        { cause: err },
      );
    }
  }

  async create(record: NewRecord): Promise<DeploymentRecord> {
    const data = this.read();
    const entry: LedgerEntry = {
      id: String(data.next++),
      environment: record.environment,
      sha: record.sha,
      ref: record.ref,
      createdAt: this.now().toISOString(),
      payload: record.payload,
      statuses: [],
    };
    data.deployments.push(entry);
    this.write(data);
    return toRecord(entry);
  }

  async setStatus(id: string, state: RecordState, update: StatusUpdate = {}): Promise<void> {
    const data = this.read();
    const entry = data.deployments.find((d) => d.id === id);
    if (!entry)
      throw new OutsideError(`Deployment ${id} is no longer in the deployment ledger ${this.where} (replaced or edited meanwhile?): its status ${state} was not recorded.`);
    const at = this.now().toISOString();
    entry.statuses.push({ state, description: update.description, environmentUrl: update.environmentUrl, logUrl: update.logUrl, at });
    if (state === 'success' && update.autoInactive !== false) {
      for (const other of data.deployments) {
        if (other.id === id || other.environment !== entry.environment) continue;
        if (other.statuses.at(-1)?.state === 'success') other.statuses.push({ state: 'inactive', at });
      }
    }
    this.write(data);
  }

  async *history(environment: string): AsyncIterable<DeploymentRecord> {
    const entries = this.read().deployments.filter((d) => d.environment === environment);
    for (const entry of entries.reverse()) yield toRecord(entry);
  }
}

function toRecord(entry: LedgerEntry): DeploymentRecord {
  const latest = entry.statuses.at(-1);
  const { statuses: _statuses, ...rest } = entry;
  return {
    ...rest,
    state: latest?.state ?? 'pending',
    statusDescription: latest?.description,
    environmentUrl: [...entry.statuses].reverse().find((s) => s.environmentUrl)?.environmentUrl,
    stateAt: latest?.at,
  };
}

/**
 * Deployment records: what deploy writes and what canary, rollback and gate read. The same
 * interface is kept in GitHub Deployments (with a token) or in a local ledger file (without).
 */
export type RecordState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** What shipline keeps in a deployment's payload. */
export interface RecordPayload {
  version: string;
  artifact?: string;
  channel?: string;
  runUrl?: string;
  /** Set on the record of a rollback: the id of the deployment it undid. */
  rollbackOf?: string;
  /** Set on the record of a rollback: why (payloads cannot change after creation, so the undone
   *  deployment carries its reason in its `failure` status description instead). */
  reason?: string;
  /** A gate's override of a freeze, kept with the deployment it let through. */
  overrideReason?: string;
  /** `name=value` lines the release hooks wrote to `$SHIPLINE_RECORD` (rollback hands them on). */
  record?: Record<string, string>;
  /** Set when a release hook refused the deploy: which one, how it ended, its last lines. */
  hookFailure?: { hook: string; exitCode: number; outcome: string; lastLines: string[] };
  /** Which shipline action wrote it (how a record is known as shipline's). */
  by?: 'deploy' | 'canary' | 'rollback';
  /** The GitHub Actions run (and its attempt) that wrote it, to tell a stale in-progress record. */
  runId?: string;
  runAttempt?: string;
  /** The machine and process that wrote it, for the same question without GitHub (the ledger). */
  host?: string;
  pid?: number;
  [key: string]: unknown;
}

export interface DeploymentRecord {
  /** The REST id (64-bit; kept as text). */
  id: string;
  /** The GraphQL node id, when read through GraphQL (a `rollbackOf` may name either). */
  nodeId?: string;
  environment: string;
  sha: string;
  ref: string;
  createdAt: string;
  payload: RecordPayload;
  /** The state of its latest status (`pending` when it has none). */
  state: RecordState;
  /** The latest status's description (a rollback's reason lands here). */
  statusDescription?: string;
  /** The newest environment URL any of its statuses gave (carried forward, as GitHub shows it). */
  environmentUrl?: string;
  /** When the latest status was written. */
  stateAt?: string;
}

export interface NewRecord {
  environment: string;
  sha: string;
  ref: string;
  payload: RecordPayload;
  description?: string;
  productionEnvironment?: boolean;
}

export interface StatusUpdate {
  description?: string;
  environmentUrl?: string;
  logUrl?: string;
  /** GitHub marks earlier successful deployments inactive on success unless told not to. */
  autoInactive?: boolean;
}

export interface RecordStore {
  readonly kind: 'github' | 'ledger';
  /** Where the records live, for summaries (`acme/shop deployments`, a ledger path). */
  readonly where: string;
  create(record: NewRecord): Promise<DeploymentRecord>;
  setStatus(id: string, state: RecordState, update?: StatusUpdate): Promise<void>;
  /** The environment's records, newest first, read page by page only as far as the caller goes. */
  history(environment: string): AsyncIterable<DeploymentRecord>;
  /**
   * Where a GitHub Actions run stands (GitHub only; the token needs `actions: read`); undefined
   * when it cannot be told (no permission, an unknown run, an error).
   */
  runState?(runId: string): Promise<RunState | undefined>;
  /** API calls made so far (0 for the ledger). */
  readonly calls: number;
}

export interface RunState {
  status: string;
  conclusion?: string | null;
  attempt: number;
}

// A repository of the example app with staging and production live on the local driver, and the
// reusable workflows run against it by `shipline workflow run`, with a fault injected where asked.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/verify/random.js';
import { ROOT, runAction } from './run-action.js';

export type Environment = 'staging' | 'production';

const tokenRng = createRng(20261123);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The 36 characters after `ghp_` of a token the secret scan must find, drawn from a fixed seed. */
export const plantedTokenBody = (): string => Array.from({ length: 36 }, () => ALNUM[Math.floor(tokenRng.next() * ALNUM.length)]).join('');

export interface WorkflowReport {
  code: number | null;
  result: string;
  jobs: Record<string, { result: string; outputs: Record<string, string> }>;
  log: string;
}

export interface LedgerRecord {
  id: string;
  environment: string;
  payload: { version: string; by?: string; rollbackOf?: string };
  statuses: { state: string; description?: string }[];
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Changes to the example app that make a bad version; each one is checked to apply. */
export const FAULTS = {
  /** The process exits at once: a deploy's health check never passes. */
  crash: (s: string) => `process.exit(1);\n${s}`,
  /** /api/* is not served: /health is fine (deploys pass), the smoke check of the API fails. */
  'no-api': (s: string) => s.replace("url.pathname === '/api' || url.pathname.startsWith('/api/')", 'false'),
  /** 30% of requests fail: a canary aborts it. */
  errors: (s: string) => s.replace('process.env.APP_ERROR_RATE ?? 0)', 'process.env.APP_ERROR_RATE ?? 0.3)'),
  /** Healthy until the file $BREAK_FLAG exists, then every production request fails. */
  'breaks-later': (s: string) =>
    `import { existsSync as flagExists } from 'node:fs';\n${s.replace(
      'function failing() {\n  return ',
      "function failing() {\n  return (environment === 'production' && flagExists(process.env.BREAK_FLAG ?? '/nonexistent')) || ",
    )}`,
} as const;

export class Shop {
  readonly dir = mkdtempSync(join(tmpdir(), 'shipline-rehearsal-'));
  readonly repo = join(this.dir, 'shop');
  readonly state = join(this.repo, '.shipline');
  readonly breakFlag = join(this.dir, 'break-production');
  urls: Record<Environment, string> = { staging: '', production: '' };

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.invalid',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.invalid',
      },
    }).trim();
  }

  /**
   * The repository, with 0.9.0 then 1.0.0 deployed (and recorded) on staging and production: a
   * rollback that should not have happened would put 0.9.0 back, and be seen.
   */
  async setUp(): Promise<this> {
    const ports = { staging: await freePort(), production: await freePort() };
    this.urls = { staging: `http://127.0.0.1:${ports.staging}`, production: `http://127.0.0.1:${ports.production}` };
    mkdirSync(join(this.repo, '.github'), { recursive: true });
    copyFileSync(join(ROOT, 'examples', 'app', 'server.js'), join(this.repo, 'server.js'));
    copyFileSync(join(ROOT, 'examples', 'app', 'package.json'), join(this.repo, 'package.json'));
    copyFileSync(join(ROOT, 'examples', 'checks', 'smoke.yml'), join(this.repo, '.github', 'shipline-smoke.yml'));
    writeFileSync(join(this.repo, '.gitignore'), '.shipline/\nreleases/\n');
    writeFileSync(
      join(this.repo, '.github', 'shipline.yml'),
      [
        'defaults:',
        '  driver: local',
        '  app-command: node "releases/$SHIPLINE_VERSION/server.js"',
        '  smoke:',
        '    retry-delay: 100ms',
        'environments:',
        '  staging:',
        `    port: ${ports.staging}`,
        '  production:',
        `    port: ${ports.production}`,
        '    canary:',
        '      steps: [50, 100]',
        '      step-duration: 2s',
        '      analysis-interval: 250ms',
        '      probe-rps: 40',
        // a loaded test machine must not make a good version look slower than stable
        '      baseline-tolerance: 1',
        '    rollback:',
        '      check-interval: 250ms',
        '',
      ].join('\n'),
    );
    this.git('init', '-q', '-b', 'main');
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'shop');
    for (const version of ['0.9.0', '1.0.0']) {
      mkdirSync(join(this.repo, 'releases', version), { recursive: true });
      copyFileSync(join(this.repo, 'server.js'), join(this.repo, 'releases', version, 'server.js'));
      for (const environment of ['staging', 'production'] as const) {
        const run = await runAction('deploy', {
          cwd: this.repo,
          inputs: { environment, version, artifact: `releases/${version}` },
          env: { GITHUB_REF: `refs/tags/v${version}`, GITHUB_SHA: this.git('rev-parse', 'HEAD'), SHIPLINE_STATE_DIR: this.state },
        });
        if (run.code !== 0) throw new Error(`could not deploy ${version} to ${environment}: ${run.stdout}`);
      }
    }
    this.git('tag', 'v1.0.0');
    return this;
  }

  /** Commits a change for `tag` (with a fault when given) and tags it. */
  release(tag: string, fault?: keyof typeof FAULTS, files: Record<string, string> = {}): void {
    const source = readFileSync(join(this.repo, 'server.js'), 'utf8');
    let next = `${source}// ${tag}\n`;
    if (fault) {
      next = FAULTS[fault](next);
      if (next === `${source}// ${tag}\n`) throw new Error(`the fault ${fault} does not apply: the example app changed`);
    }
    writeFileSync(join(this.repo, 'server.js'), next);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.repo, name), text);
    this.git('add', '-A');
    this.git('commit', '-q', '-m', tag);
    this.git('tag', tag);
  }

  /** Runs a workflow of this repository with the runner; `onLine` sees each log line (and may act). */
  run(workflow: string, args: string[], onLine?: (line: string, child: ReturnType<typeof spawn>) => void): Promise<WorkflowReport> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SHIPLINE_STATE_DIR: this.state,
      GITHUB_REPOSITORY: 'acme/shop',
      SHIPLINE_WORKFLOW_LOCKS: join(this.dir, 'locks'),
      BREAK_FLAG: this.breakFlag,
    };
    delete env.GITHUB_TOKEN;
    const file = join(ROOT, '.github', 'workflows', workflow);
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin', 'shipline.js'), 'workflow', 'run', file, '--event', 'workflow_call', '--json', ...args],
        { cwd: this.repo, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let log = '';
      let partial = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => {
        log += d;
        const lines = (partial + d.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines) onLine?.(line, child);
      });
      child.on('close', (code) => {
        let report = { result: 'none', jobs: {} };
        try {
          report = JSON.parse(out);
        } catch {
          /* the log says why */
        }
        resolve({ code, ...report, log } as WorkflowReport);
      });
    });
  }

  async versionAt(environment: Environment): Promise<string> {
    try {
      const res = await fetch(`${this.urls[environment]}/health`);
      return ((await res.json()) as { version: string }).version;
    } catch (err) {
      return `unreachable (${(err as Error).message})`;
    }
  }

  /** The versions `n` requests to the environment are answered by (the canary split included). */
  async versionsAt(environment: Environment, n = 20): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) seen.add(await this.versionAt(environment));
    return seen;
  }

  records(environment?: Environment): LedgerRecord[] {
    const file = join(this.state, 'deployments.json');
    if (!existsSync(file)) return [];
    const all = (JSON.parse(readFileSync(file, 'utf8')) as { deployments: LedgerRecord[] }).deployments;
    return environment ? all.filter((r) => r.environment === environment) : all;
  }

  /** Stops every process the local driver started. */
  stop(): void {
    const dir = join(this.state, 'local');
    if (!existsSync(dir)) return;
    for (const env of ['staging', 'production']) {
      const file = join(dir, env, 'state.json');
      if (!existsSync(file)) continue;
      const pids: number[] = [];
      JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), (key, value) => {
        if (key === 'pid' && typeof value === 'number') pids.push(value);
        return value;
      });
      for (const pid of pids) {
        for (const target of [-pid, pid]) {
          try {
            process.kill(target, 'SIGTERM');
          } catch {
            /* gone */
          }
        }
      }
    }
  }
}

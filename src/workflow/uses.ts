// What a `uses:` names, and whether this machine can run it: shipline's own actions from this
// checkout, local JavaScript actions, and the few GitHub actions a release workflow needs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** This checkout of shipline (the bundle is dist/workflow/index.js, the source src/workflow/*.ts). */
export const SHIPLINE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Builtin = 'checkout' | 'upload-artifact' | 'download-artifact' | 'upload-sarif';

export type StepAction =
  | { kind: 'builtin'; name: Builtin }
  | { kind: 'node'; dir: string; main: string; inputs: Record<string, { default?: string; required?: boolean }> };

const BUILTINS: [RegExp, Builtin][] = [
  [/^actions\/checkout@/, 'checkout'],
  [/^actions\/upload-artifact@/, 'upload-artifact'],
  [/^actions\/download-artifact@/, 'download-artifact'],
  [/^github\/codeql-action\/upload-sarif@/, 'upload-sarif'],
];

export const RUNNABLE =
  'shipline/shipline/actions/<name>@<ref>, ./<path> (a JavaScript action), actions/checkout, ' +
  'actions/upload-artifact, actions/download-artifact, github/codeql-action/upload-sarif';

/** Resolves a step's `uses:`; throws a message naming what cannot be run. */
export function resolveAction(uses: string, workspace: string): StepAction {
  for (const [pattern, name] of BUILTINS) if (pattern.test(uses)) return { kind: 'builtin', name };
  let dir: string | undefined;
  const own = /^shipline\/shipline(?:\/(actions\/[A-Za-z0-9_.-]+))?@[^@\s]+$/.exec(uses);
  if (own) dir = own[1] ? join(SHIPLINE_ROOT, own[1]) : SHIPLINE_ROOT;
  else if (uses.startsWith('./')) dir = resolve(workspace, uses);
  if (!dir) throw new Error(`uses: ${uses} cannot be run on this machine; it runs ${RUNNABLE}`);
  const file = ['action.yml', 'action.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`uses: ${uses}: no action.yml in ${dir}`);
  const meta = parse(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown; required?: boolean }>;
    runs?: { using?: string; main?: string; pre?: string; post?: string };
  };
  const runs = meta.runs ?? {};
  if (!/^node\d+$/.test(runs.using ?? '') || !runs.main)
    throw new Error(`uses: ${uses} is a ${runs.using ?? 'unknown'} action; only JavaScript (node) actions run on this machine`);
  if (runs.pre || runs.post) throw new Error(`uses: ${uses} has pre/post steps, which this runner does not run`);
  const main = resolve(dir, runs.main);
  if (!existsSync(main)) throw new Error(`uses: ${uses}: ${main} is not built (run npm run build)`);
  const inputs = Object.fromEntries(
    Object.entries(meta.inputs ?? {}).map(([k, v]) => [
      k,
      { default: v?.default === undefined ? undefined : String(v.default), required: v?.required === true },
    ]),
  );
  return { kind: 'node', dir, main, inputs };
}

/** A job's `uses:` (a reusable workflow): the file to run. */
export function resolveWorkflow(uses: string, workspace: string): string {
  const own = /^shipline\/shipline\/(\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml)@[^@\s]+$/.exec(uses);
  const file = own ? join(SHIPLINE_ROOT, own[1]!) : uses.startsWith('./') ? resolve(workspace, uses) : undefined;
  if (!file)
    throw new Error(
      `uses: ${uses} cannot be run on this machine; it runs ` +
        `./.github/workflows/<file> and shipline/shipline/.github/workflows/<file>@<ref>`,
    );
  if (!existsSync(file)) throw new Error(`uses: ${uses}: no workflow file ${file}`);
  return file;
}

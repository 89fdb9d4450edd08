// shipline's command line: runs any action locally with the same bundles a runner starts.
//
//   npx shipline smoke --url http://127.0.0.1:8080 --checks examples/checks/smoke.yml
//   npx shipline deploy --environment staging --version 1.2.3 --dry-run
//   npx shipline deploy --help
//   npx shipline health --url https://example.com --format prometheus --continuous
//   npx shipline workflow run .github/workflows/release.yml --ref v1.2.3 --approve
//
// Flags are the action's inputs as its action.yml names them (`--retry-delay 1s`; a flag alone
// means `true`). The step's log is shown with workflow commands made readable, then the summary
// rendered for the terminal and the outputs. `--outputs-json FILE` also writes the outputs as
// JSON, for scripts; `--verbose` shows every sample's line and unfolds the summary's details.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { isSampleLine, readable } from '../workflow/log.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal: colours in the summary. */
  color?: boolean;
  /** Columns of the terminal. */
  columns?: number;
}

interface ActionSpec {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

/** The CLI's own flags, beside the action's inputs. */
const OWN_FLAGS: Record<string, string> = {
  'outputs-json': 'FILE: also write the exit code and the outputs as JSON to FILE',
  verbose: "show every sample line of the log and unfold the summary's folded sections",
  help: 'show this help',
};

export function readAction(root: string, name: string): ActionSpec | undefined {
  if (!/^[a-z][a-z-]*$/.test(name)) return undefined;
  const file = join(root, 'actions', name, 'action.yml');
  if (!existsSync(file)) return undefined;
  const doc = parseYaml(readFileSync(file, 'utf8')) as Partial<ActionSpec> | null;
  return { name, description: doc?.description ?? '', inputs: doc?.inputs ?? {}, outputs: doc?.outputs ?? {} };
}

function actionNames(root: string): string[] {
  return ['build', 'scan', 'deploy', 'smoke', 'canary', 'rollback', 'gate'].filter((n) => readAction(root, n));
}

export function usage(root: string): string {
  const lines = [
    `usage: shipline <${actionNames(root).join('|')}> [--input value ...] [--outputs-json FILE] [--verbose]`,
    '       shipline <action> --help        the inputs and outputs of an action',
    '       shipline health --url URL [--checks FILE] [--format text|json|prometheus] [--continuous] [--interval 30s]',
    '       shipline workflow run <file>    (shipline workflow --help for its flags)',
    '',
    'actions:',
  ];
  for (const name of actionNames(root))
    lines.push(`  ${name.padEnd(10)}${wrap(firstSentence(readAction(root, name)!.description), 86, ' '.repeat(12))}`);
  return `${lines.join('\n')}\n`;
}

const firstSentence = (text: string) => {
  const m = /^(.*?\.)(?:\s|$)/s.exec(text.trim());
  return (m ? m[1]! : text.trim()).replace(/\s+/g, ' ');
};

/** Words wrapped at `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join(`\n${indent}`);
}

/** `shipline <action> --help`: from the action's action.yml. */
export function actionHelp(spec: ActionSpec, columns = 100): string {
  const names = [...Object.keys(spec.inputs), ...Object.keys(OWN_FLAGS)].map((n) => `--${n}`);
  const left = Math.max(...names.map((n) => n.length)) + 4;
  const width = Math.max(40, Math.min(columns, 120) - left);
  const row = (flag: string, text: string) => `  ${flag.padEnd(left - 2)}${wrap(text, width, ' '.repeat(left))}`;
  const lines = [
    `usage: shipline ${spec.name} [--input value ...] [--outputs-json FILE] [--verbose]`,
    '',
    wrap(spec.description, Math.min(columns, 120) - 2, ''),
    '',
    'inputs (flags):',
  ];
  for (const [name, input] of Object.entries(spec.inputs)) {
    const notes = [input.required ? 'required' : '', input.default !== undefined ? `default ${JSON.stringify(input.default)}` : '']
      .filter(Boolean)
      .join('; ');
    lines.push(row(`--${name}`, `${input.description ?? ''}${notes ? ` (${notes})` : ''}`));
  }
  lines.push('', 'of the command line:');
  for (const [name, text] of Object.entries(OWN_FLAGS)) lines.push(row(`--${name}`, text));
  if (Object.keys(spec.outputs).length > 0) {
    lines.push('', 'outputs:');
    for (const [name, output] of Object.entries(spec.outputs)) lines.push(row(name, output.description ?? ''));
  }
  return `${lines.join('\n')}\n`;
}

class UsageError extends Error {}

/**
 * The flags of `shipline <action>`, read by node:util's parseArgs: `--name value`, `--name=value`,
 * and `--name` alone (followed by another flag or nothing) for `true`, as before. Each name must
 * be an input of the action or one of the command line's own flags.
 */
export function parseActionFlags(
  argv: string[],
  spec: ActionSpec,
): { inputs: Record<string, string>; outputsJson?: string; verbose: boolean; help: boolean } {
  const known = new Set([...Object.keys(spec.inputs), ...Object.keys(OWN_FLAGS)]);
  // Every flag read as a boolean: parseArgs then leaves a following value as a positional,
  // which is paired with the flag before it below (a string option would swallow a next `--flag`).
  const { tokens } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const values: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional')
      throw new UsageError(`unexpected argument ${JSON.stringify(token.value)}: inputs are given as --name value`);
    if (!known.has(token.name)) {
      throw new UsageError(
        `unknown flag ${token.rawName}: ${spec.name} has no input ${JSON.stringify(token.name)} (see shipline ${spec.name} --help)`,
      );
    }
    let value = token.value;
    const next = tokens[i + 1];
    if (value === undefined && next?.kind === 'positional' && token.name !== 'help' && token.name !== 'verbose') {
      value = next.value;
      i++;
    }
    values[token.name] = value ?? 'true';
  }
  const { 'outputs-json': outputsJson, verbose, help, ...inputs } = values;
  return { inputs, outputsJson, verbose: verbose === 'true', help: help !== undefined };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) body.push(lines[i]!);
    out[m[1]!] = body.join('\n');
  }
  return out;
}

/** Runs `node <bundle>` with the given environment; signals to this process are passed on. */
function runBundle(bundle: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<number> {
  const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['inherit', onLine ? 'pipe' : 'inherit', 'inherit'] });
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) onLine!(line);
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) =>
    child.on('close', (c, signal) => {
      process.removeListener('SIGINT', forward);
      process.removeListener('SIGTERM', forward);
      if (partial) onLine!(partial);
      resolve(c ?? (signal === 'SIGINT' ? 130 : 1));
    }),
  );
}

/** `shipline ...`; returns the exit code (2: bad usage, nothing run). `root` holds actions/ and dist/. */
export async function cli(argv: string[], root: string, io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'health') return runBundle(join(root, 'dist', 'health', 'index.js'), rest, process.env);
  if (!action || action === '--help' || action === '-h') {
    io.stderr(usage(root));
    return action ? 0 : 2;
  }
  if (action === 'workflow') {
    // The workflow runner is a bundle of its own, run in this process (it handles Ctrl-C and
    // reads the terminal for approvals): it sees the arguments after `workflow`.
    const runner = join(root, 'dist', 'workflow', 'index.js');
    if (!existsSync(runner)) {
      io.stderr(`shipline: the workflow runner is not built (no ${runner}): run npm run build\n`);
      return 2;
    }
    process.argv.splice(2, 1);
    await import(/* webpackIgnore: true */ pathToFileURL(runner).href);
    return -1;
  }
  const spec = readAction(root, action);
  const bundle = join(root, 'dist', action, 'index.js');
  if (!spec || !existsSync(bundle)) {
    io.stderr(`shipline: no action named ${JSON.stringify(action)}${spec ? ` (no ${bundle}: run npm run build)` : ''}\n${usage(root)}`);
    return 2;
  }
  let flags: ReturnType<typeof parseActionFlags>;
  try {
    flags = parseActionFlags(rest, spec);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`shipline ${action}: ${err.message}\n`);
    return 2;
  }
  if (flags.help) {
    io.stdout(actionHelp(spec, io.columns));
    return 0;
  }

  // The files a runner gives a step, in a folder of this run's own, removed when it ends (also on
  // an error or Ctrl-C: the action is stopped first, then the folder goes).
  const dir = mkdtempSync(join(tmpdir(), 'shipline-cli-'));
  try {
    const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary };
    for (const key of Object.keys(env)) if (key.startsWith('INPUT_')) delete env[key];
    for (const [name, value] of Object.entries(flags.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

    const code = await runBundle(bundle, [], env, (line) => {
      const text = readable(line);
      if (text === '' && line !== '') return;
      if (!flags.verbose && isSampleLine(text)) return;
      io.stdout(`${text}\n`);
    });
    const summary = readFileSync(files.summary, 'utf8').trim();
    // The renderer (and its Markdown library) is loaded only when there is a summary to show.
    const { render } = summary ? await import('./terminal.js') : { render: undefined };
    if (render) io.stdout(`\n──── summary ────\n${render(summary, { verbose: flags.verbose, color: io.color, width: io.columns })}`);
    const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
    if (Object.keys(outputs).length > 0) {
      io.stdout('\n──── outputs ────\n');
      for (const [k, v] of Object.entries(outputs)) io.stdout(`${k}: ${v.includes('\n') ? `\n  ${v.split('\n').join('\n  ')}` : v}\n`);
    }
    if (flags.outputsJson) writeFileSync(flags.outputsJson, JSON.stringify({ code, outputs }, null, 2));
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// Generates what is derived from the actions' metadata, so it cannot drift:
//  - the root action.yml's inputs and outputs (the union of every action's, plus `command`),
//  - the inputs/outputs tables in each actions/<name>/README.md and in README.md.
// `--check` writes nothing and exits 1 when any generated file is out of date.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const stale = [];

const actions = readdirSync(join(root, 'actions'))
  .filter((name) => existsSync(join(root, 'actions', name, 'action.yml')))
  .sort()
  .map((name) => ({ name, meta: parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) }));

function update(path, text) {
  const full = join(root, path);
  const old = existsSync(full) ? readFileSync(full, 'utf8') : '';
  if (old === text) return;
  if (check) stale.push(path);
  else writeFileSync(full, text);
}

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .trim();

function tables(meta) {
  const inputs = Object.entries(meta.inputs ?? {}).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${cell(i.default === undefined ? '' : `\`${i.default}\``)} | ${cell(i.description)} |`,
  );
  const outputs = Object.entries(meta.outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  return [
    '### Inputs',
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs,
  ].join('\n');
}

const BEGIN = '<!-- generated: inputs and outputs (npm run docs) -->';
const END = '<!-- end generated -->';

function replaceBlock(text, block, path) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`${path} has no generated block (${BEGIN} ... ${END})`);
  return `${text.slice(0, start)}${BEGIN}\n${block}\n${text.slice(end)}`;
}

// Each action's README.
for (const { name, meta } of actions) {
  const path = `actions/${name}/README.md`;
  const full = join(root, path);
  const text = existsSync(full)
    ? readFileSync(full, 'utf8')
    : `# ${meta.name}\n\n${meta.description}\n\n## Usage\n\n\`\`\`yaml\n- uses: shipline/shipline/actions/${name}@v0\n\`\`\`\n\n${BEGIN}\n${END}\n`;
  update(path, replaceBlock(text, tables(meta), path));
}

// The root action: command plus the union of every action's inputs and outputs.
const inputs = {
  command: {
    description: `The action to run: ${actions.map((a) => a.name).join(', ')}.`,
    required: true,
  },
};
const outputs = {};
for (const { name, meta } of actions) {
  for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
    if (inputs[input]) {
      inputs[input].usedBy.push(name);
      continue;
    }
    inputs[input] = {
      description: spec.description,
      required: false,
      usedBy: [name],
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  for (const [output, spec] of Object.entries(meta.outputs ?? {})) {
    if (outputs[output]) outputs[output].usedBy.push(name);
    else outputs[output] = { description: spec.description, usedBy: [name] };
  }
}
const finish = (map) =>
  Object.fromEntries(
    Object.entries(map).map(([k, v]) => {
      const { usedBy, ...rest } = v;
      return [k, usedBy ? { ...rest, description: `${rest.description} [${usedBy.join(', ')}]` } : rest];
    }),
  );
const rootMeta = {
  name: 'shipline',
  description:
    'Take a web service from a commit to production safely: build, scan, staged deploy, smoke test, canary promotion judged on live metrics, rollback and gates. `command` picks the action.',
  author: 'shipline',
  branding: { icon: 'send', color: 'blue' },
  inputs: finish(inputs),
  outputs: finish(outputs),
  runs: { using: 'node24', main: 'dist/shipline/index.js' },
};
update(
  'action.yml',
  `# Generated from actions/*/action.yml by \`npm run docs\`; edit those instead.\n${stringify(rootMeta, { lineWidth: 0 })}`,
);

// The root README: one table per action.
const readme = join(root, 'README.md');
if (existsSync(readme)) {
  const block = actions
    .map(({ name, meta }) => `## \`${name}\`\n\n${meta.description}\n\n${tables(meta).replace(/^### /gm, '#### ')}`)
    .join('\n\n');
  update('README.md', replaceBlock(readFileSync(readme, 'utf8'), block, 'README.md'));
}

if (stale.length > 0) {
  console.error(`Generated files are out of date (run npm run docs): ${stale.join(', ')}`);
  process.exit(1);
}

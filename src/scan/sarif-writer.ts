import { open } from 'node:fs/promises';
import type { SarifLog } from './sarif-types.js';

/** Bytes gathered before a write: large enough to be fast, small enough to keep memory flat. */
const CHUNK = 1 << 20;

/**
 * Writes a SARIF log as JSON, one result a line, in chunks: a merge of tens of thousands of results
 * never becomes one huge string (a pretty-printed copy of 50,000 results is ~40 MB, and its UTF-8
 * buffer as much again). The text parses to the same log (each run's `results` written last).
 */
export async function writeSarifLog(file: string, log: SarifLog): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const push = async (text: string) => {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) await flush();
    };
    const flush = async () => {
      if (pending.length === 0) return;
      const text = pending.join('');
      pending = [];
      size = 0;
      await handle.write(text, null, 'utf8');
    };

    const { runs, ...head } = log;
    await push(`${openObject(head)}"runs":[`);
    for (const [i, run] of runs.entries()) {
      const { results, ...rest } = run;
      await push(`${i === 0 ? '\n' : ',\n'}${openObject(rest)}"results":[`);
      for (const [j, result] of (results ?? []).entries()) await push(`${j === 0 ? '\n' : ',\n'}${JSON.stringify(result)}`);
      await push(']}');
    }
    await push('\n]}\n');
    await flush();
  } finally {
    await handle.close();
  }
}

/** `{"a":1,` for an object with members, `{` for an empty one: the start of an object to continue. */
function openObject(value: object): string {
  const text = JSON.stringify(value);
  return text === '{}' ? '{' : `${text.slice(0, -1)},`;
}

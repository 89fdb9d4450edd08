// The run's log: each line of a step is shown readable (workflow commands turned into words),
// prefixed with its job, with every secret and every `::add-mask::` value replaced by ***.
export interface Log {
  /** A line of the runner itself. */
  info(text: string): void;
  /** A line a step printed. */
  step(job: string, line: string): void;
  mask(value: string): void;
  /** Replaces every masked value in a text. */
  redact(text: string): string;
}

const readable = (line: string) =>
  line
    .replace(/^::group::(.*)$/, '▸ $1')
    .replace(/^::endgroup::$/, '')
    .replace(/^::error(?: [^:]*)?::(.*)$/, 'error: $1')
    .replace(/^::warning(?: [^:]*)?::(.*)$/, 'warning: $1')
    .replace(/^::notice(?: [^:]*)?::(.*)$/, 'notice: $1')
    .replace(/^::debug::.*$/, '')
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '')
    .replace(/%25/g, '%');

export function createLog(write: (text: string) => void): Log {
  const masks = new Set<string>();
  const redact = (text: string) => {
    let out = text;
    for (const m of [...masks].sort((a, b) => b.length - a.length)) out = out.split(m).join('***');
    return out;
  };
  return {
    info: (text) => write(`${redact(text)}\n`),
    step(job, line) {
      const addMask = /^::add-mask::(.*)$/.exec(line);
      if (addMask) {
        if (addMask[1]) masks.add(addMask[1]);
        return;
      }
      const text = readable(line);
      if (text === '' && line !== '') return;
      for (const part of redact(text).split('\n')) write(`[${job}] ${part}\n`);
    },
    mask(value) {
      // A one-letter secret would blank out the whole log; the runner skips those too.
      if (value.length > 1) masks.add(value);
    },
    redact,
  };
}

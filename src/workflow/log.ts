// The run's log: each line of a step is shown readable (workflow commands turned into words),
// prefixed with its job, with every secret and every `::add-mask::` value replaced by ***.
export interface Log {
  /** A line of the runner itself. */
  info(text: string): void;
  /** A line a step printed. */
  step(job: string, line: string): void;
  /** A step's summary (its GITHUB_STEP_SUMMARY Markdown), under a title line. */
  summary(title: string, markdown: string): void;
  mask(value: string): void;
  /** Replaces every masked value in a text. */
  redact(text: string): string;
}

export interface LogOptions {
  /** Also the lines written for every sample (the canary's per-look lines). */
  verbose?: boolean;
  /** Turns a summary's Markdown into what is shown (default: the Markdown as written). */
  renderSummary?: (markdown: string) => string;
}

/**
 * A line of an action's log as a person reads it: `::error::x` -> `error: x`, a group title as
 * `▸ title`; '' for a line that is only for the runner (`::endgroup::`, `::debug::`, `::add-mask::`).
 */
export const readable = (line: string): string =>
  line
    .replace(/^::group::(.*)$/, '▸ $1')
    .replace(/^::endgroup::$/, '')
    .replace(/^::error(?: [^:]*)?::(.*)$/, 'error: $1')
    .replace(/^::warning(?: [^:]*)?::(.*)$/, 'warning: $1')
    .replace(/^::notice(?: [^:]*)?::(.*)$/, 'notice: $1')
    .replace(/^::debug::.*$/, '')
    .replace(/^::add-mask::.*$/, '')
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '')
    .replace(/%25/g, '%');

/**
 * A line written for one sample of one metric (the canary's `  error-rate: 0 (<= 0.05) pass — …`):
 * every one of them is in the summary's looks table and the JSON report.
 */
export const isSampleLine = (line: string): boolean =>
  /^ {2}[\w.-]+: (?:no data|-?[\d.]+(?:e[-+]?\d+)?) \([^)]*\) [\w-]+(?: \[\d+\/\d+\])? — /.test(line);

export function createLog(write: (text: string) => void, opts: LogOptions = {}): Log {
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
      if (!opts.verbose && isSampleLine(text)) return;
      for (const part of redact(text).split('\n')) write(`[${job}] ${part}\n`);
    },
    summary(title, markdown) {
      const shown = opts.renderSummary ? opts.renderSummary(markdown).trimEnd() : markdown;
      write(`${redact(`──── summary (${title}) ────\n${shown}\n────`)}\n`);
    },
    mask(value) {
      // A one-letter secret would blank out the whole log; the runner skips those too.
      if (value.length > 1) masks.add(value);
    },
    redact,
  };
}

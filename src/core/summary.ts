import { appendFileSync } from 'node:fs';
import { redactUrls } from './redact.js';

/** Markup the summary trusts as written (built by shipline itself, never from outside text). */
export class Raw {
  constructor(readonly markdown: string) {}
}
export const raw = (markdown: string) => new Raw(markdown);

export type Cell = string | number | boolean | undefined | null | Raw;

/**
 * Escapes text from outside (HTTP bodies, metric labels, user names) so it shows as text in a
 * GitHub-flavoured Markdown summary: no HTML, no links, no table breaks, no formatting.
 */
export function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]#!~])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, ' ');
}

function cell(value: Cell): string {
  if (value instanceof Raw) return value.markdown;
  if (value === undefined || value === null || value === '') return '';
  return escapeText(String(value));
}

/**
 * The job summary of one step: title, verdict, evidence in tables, long detail folded.
 * The verdict has its own slot: it renders right under the title, before everything else,
 * whenever it is set (an action may write its facts as it learns them and decide at the end).
 */
export class Summary {
  private titleLine?: string;
  private readonly verdicts: string[] = [];
  private readonly parts: string[] = [];
  /** Whether a verdict line has been written. */
  hasVerdict = false;
  /** The text of the latest verdict line, as given (for notifications). */
  verdictText?: string;

  /** The summary's top heading; a later call replaces it. It always renders first. */
  title(text: string): this {
    this.titleLine = `## ${escapeText(text)}`;
    return this;
  }

  /** A heading; a level-2 heading written before anything else (and no title) is the title. */
  heading(text: string, level = 2): this {
    if (level === 2 && this.titleLine === undefined && this.parts.length === 0) return this.title(text);
    this.parts.push(`${'#'.repeat(level)} ${escapeText(text)}`);
    return this;
  }

  /** The one line a reader needs: what happened. Renders under the title, before all else, in the order given. */
  verdict(status: 'pass' | 'fail' | 'info', text: string): this {
    this.hasVerdict = true;
    this.verdictText = text;
    const mark = status === 'pass' ? '✅' : status === 'fail' ? '❌' : 'ℹ️';
    this.verdicts.push(`**${mark} ${escapeText(text)}**`);
    return this;
  }

  text(text: string): this {
    this.parts.push(escapeText(text));
    return this;
  }

  raw(markdown: string): this {
    this.parts.push(markdown);
    return this;
  }

  list(items: Cell[]): this {
    if (items.length > 0) this.parts.push(items.map((i) => `- ${cell(i)}`).join('\n'));
    return this;
  }

  table(headers: string[], rows: Cell[][]): this {
    if (rows.length === 0) return this;
    const head = `| ${headers.map(escapeText).join(' | ')} |`;
    const rule = `|${headers.map(() => ' --- ').join('|')}|`;
    const body = rows.map((row) => `| ${row.map(cell).join(' | ')} |`);
    this.parts.push([head, rule, ...body].join('\n'));
    return this;
  }

  /**
   * Key-value facts as a list of `**name**: value` lines: GitHub shows no empty header row above
   * them (a two-column table needs one), and each value keeps the table cells' escaping.
   */
  facts(entries: [string, Cell][]): this {
    const shown = entries.filter(([, v]) => v !== undefined && v !== null && v !== '');
    if (shown.length > 0) this.parts.push(shown.map(([k, v]) => `- **${escapeText(k)}**: ${cell(v)}`).join('\n'));
    return this;
  }

  /** A fenced block: shown as written, never read as Markdown or HTML (the fence outlasts any run of backticks in it). */
  code(text: string, lang = ''): this {
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    this.parts.push(`${fence}${lang}\n${text}\n${fence}`);
    return this;
  }

  details(title: string, body: Summary | string): this {
    const inner = typeof body === 'string' ? escapeText(body) : body.toString();
    this.parts.push(`<details><summary>${escapeText(title)}</summary>\n\n${inner}\n\n</details>`);
    return this;
  }

  get isEmpty(): boolean {
    return this.titleLine === undefined && this.verdicts.length === 0 && this.parts.length === 0;
  }

  private blocks(): string[] {
    return [...(this.titleLine === undefined ? [] : [this.titleLine]), ...this.verdicts, ...this.parts];
  }

  /** The Markdown, with the credentials of any URL in it hidden (`https://***@host/`, escaped). */
  toString(): string {
    return redactUrls(this.blocks().join('\n\n'), '\\*\\*\\*') + '\n';
  }

  /** Appends to `$GITHUB_STEP_SUMMARY`; returns false when there is no such file (local runs). */
  write(path = process.env.GITHUB_STEP_SUMMARY): boolean {
    if (!path || this.isEmpty) return false;
    appendFileSync(path, this.toString() + '\n');
    return true;
  }
}

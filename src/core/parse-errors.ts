/**
 * Parser errors without the text they were parsing. JSON.parse and the YAML parser quote a piece
 * of the input in their messages (`Unexpected token 'r', "root:$6$ab"... is not valid JSON`); a
 * path input can name any file (`/etc/shadow`), so errors say what is wrong and where (line and
 * column), never what the file holds.
 */

export interface SyntaxProblem {
  /** What is wrong, without any of the input's text. */
  problem: string;
  line?: number;
  column?: number;
}

/** "what is wrong at line L, column C" (or without the place when it is unknown). */
export function describeSyntaxProblem(p: SyntaxProblem): string {
  return p.line !== undefined ? `${p.problem} at line ${p.line}, column ${p.column ?? 1}` : p.problem;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** The problem JSON.parse found in `text`, without quoting it. */
export function jsonSyntaxProblem(err: unknown, text: string): SyntaxProblem {
  const message = err instanceof Error ? err.message : String(err);
  const at = /\bat position (\d+)/.exec(message);
  let problem: string;
  if (/end of (JSON )?input/i.test(message)) problem = 'the JSON ends too early (a truncated file?)';
  else if (/^Unexpected token/i.test(message)) problem = 'an unexpected character';
  else if (/^Unexpected non-whitespace character after JSON/i.test(message)) problem = 'text after the end of the JSON value';
  else if (/^Unterminated string/i.test(message)) problem = 'an unterminated string';
  else if (/^Bad control character/i.test(message)) problem = 'a control character in a string';
  else if (/^Bad (escaped|Unicode escape)/i.test(message)) problem = 'a bad escape in a string';
  else if (/^Expected /i.test(message))
    problem = message
      .replace(/\s+in JSON\b.*$/s, '')
      .replace(/"[^"]*"/g, '""')
      .slice(0, 80);
  else problem = 'not valid JSON';
  if (/end of (JSON )?input/i.test(message)) return { problem, ...lineColumn(text, text.length) };
  return at ? { problem, ...lineColumn(text, Number(at[1])) } : { problem };
}

/** The problem the `yaml` parser found, from its error code and position, without its snippet. */
export function yamlSyntaxProblem(err: unknown): SyntaxProblem {
  const e = err as { code?: unknown; linePos?: { line: number; col: number }[] } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const problem = code ? code.toLowerCase().replace(/_/g, ' ') : 'not valid YAML';
  const pos = e?.linePos?.[0];
  return pos ? { problem, line: pos.line, column: pos.col } : { problem };
}

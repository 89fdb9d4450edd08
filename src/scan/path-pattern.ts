/**
 * Matches a workspace-relative path against an ignore entry's `path`: a glob (`*` within a
 * segment, `**` across segments, `?`, `{a,b}`, `[abc]`) matched against the whole path, or, with no
 * glob characters, a prefix (`src/legacy` matches `src/legacy` and everything under it).
 */
export function matchesPathPattern(pattern: string, filePath: string): boolean {
  const p = normalise(pattern);
  const file = normalise(filePath);
  if (!p) return false;
  if (!/[*?[\]{}]/.test(p)) {
    const prefix = p.replace(/\/+$/, '');
    return file === prefix || file.startsWith(`${prefix}/`);
  }
  return globToRegExp(p).test(file);
}

export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const slashAfter = glob[i + 2] === '/';
        if (atStart && slashAfter) {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) {
        out += '\\[';
      } else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^$()|\\/{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

function normalise(p: string): string {
  return p
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

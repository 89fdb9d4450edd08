// The files a step writes for the runner: GITHUB_OUTPUT and GITHUB_ENV (`name=value` or
// `name<<DELIMITER` ... `DELIMITER`), GITHUB_PATH (one directory a line).
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq === -1 || line.indexOf('<<') < eq)) {
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === heredoc[2]) {
          closed = true;
          break;
        }
        body.push(lines[i]!);
      }
      if (!closed) throw new Error(`${file}: no closing delimiter ${heredoc[2]} for ${heredoc[1]}`);
      out[heredoc[1]!] = body.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`${file}: invalid line ${JSON.stringify(line.slice(0, 80))} (expected name=value or name<<DELIMITER)`);
    }
  }
  return out;
}

export function parsePathFile(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

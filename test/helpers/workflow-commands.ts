/**
 * The workflow commands a GitHub runner would take from a step's output: it reads the output line
 * by line (`\n`, `\r\n` or a lone `\r` ends a line), trims leading white space and takes a line
 * starting with `::` as a command (`::name props::data`), or finds the legacy `##[name props]data`
 * anywhere in a line; after `::stop-commands::TOKEN` it takes none until `::TOKEN::`.
 */
export interface WorkflowCommand {
  name: string;
  data: string;
  line: string;
}

export function workflowCommands(output: string): WorkflowCommand[] {
  const found: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/^[\s\u0085]+/, '');
    if (stopToken !== undefined) {
      if (trimmed.trimEnd() === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const v2 = /^::([^\s:]+)(?: [^:]*)?::(.*)$/.exec(trimmed);
    if (v2) {
      const name = v2[1]!.toLowerCase();
      found.push({ name, data: v2[2]!, line });
      if (name === 'stop-commands') stopToken = v2[2]!;
      continue;
    }
    const legacy = /##\[([^\s\]]+)[^\]]*\](.*)$/.exec(line);
    if (legacy) found.push({ name: legacy[1]!.toLowerCase(), data: legacy[2]!, line });
  }
  return found;
}

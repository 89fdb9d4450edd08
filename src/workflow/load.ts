// Reads a workflow file with GitHub's own parser: the parser's errors (with line and column) are
// the errors shown; nothing else decides whether a workflow is valid.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow, type WorkflowTemplate } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';

export class WorkflowError extends Error {}

export interface LoadedWorkflow {
  path: string;
  template: WorkflowTemplate;
  /** The file as parsed, for the keys the model leaves out (a step's `with:`, `working-directory`, ...). */
  raw: TemplateToken;
}

export async function loadWorkflow(path: string): Promise<LoadedWorkflow> {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    throw new WorkflowError(`cannot read the workflow ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const name = basename(path);
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0 || !parsed.value)
    throw new WorkflowError(`${path} does not parse:\n  ${errors.map((e) => e.message).join('\n  ')}`);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  const more = [...parsed.context.errors.getErrors().map((e) => e.message), ...(template.errors ?? []).map((e) => e.Message)];
  if (more.length > 0) throw new WorkflowError(`${path} is not a valid workflow:\n  ${[...new Set(more)].join('\n  ')}`);
  return { path, template, raw: parsed.value };
}

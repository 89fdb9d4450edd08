export interface NpmAuditArgvOptions {
  /** Registry (and so advisory source) to ask instead of the configured one. */
  registry?: string;
}

/** The `npm audit` command line: JSON report, nothing else changed. */
export function npmAuditArgv(options: NpmAuditArgvOptions = {}): string[] {
  const argv = ['audit', '--json'];
  if (options.registry) argv.push('--registry', options.registry);
  return argv;
}

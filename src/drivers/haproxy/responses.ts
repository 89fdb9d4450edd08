import { HaproxyError } from './errors.js';

/** One server line of `show servers state <backend>`. */
export interface ServerState {
  backendId: number;
  backend: string;
  serverId: number;
  server: string;
  address: string;
  port: number | null;
  /** 0 stopped, 1 starting, 2 running, 3 stopping. */
  opState: number;
  /** Bit flags; 0 means no maintenance or drain. */
  adminState: number;
  /** The weight in effect (user weight). */
  weight: number;
  /** The weight from the configuration file. */
  initialWeight: number;
}

export interface WeightReading {
  current: number;
  initial: number;
}

/** Messages of HAProxy 2.x that mean "the name you gave does not exist". */
const NOT_FOUND = /^(No such (backend|server)|Can't find backend)/i;
const PERMISSION = /Permission denied/i;

/** Turns a non-empty answer of a command that normally answers nothing into the right error. */
export function errorFromReply(command: string, reply: string): HaproxyError {
  const text = reply.trim();
  const first = text.split('\n')[0] ?? '';
  if (NOT_FOUND.test(first)) {
    return new HaproxyError('not_found', `HAProxy: ${first.replace(/\.$/, '')} (command \`${command}\`)`);
  }
  if (PERMISSION.test(text)) {
    return new HaproxyError(
      'permission',
      `HAProxy refused \`${command}\`: permission denied; declare the stats socket with \`level admin\``,
    );
  }
  if (/^Unknown command/i.test(first)) {
    return new HaproxyError('rejected', `HAProxy does not know the command \`${command}\``);
  }
  return new HaproxyError('rejected', `HAProxy refused \`${command}\`: ${first}`);
}

/** `set weight`, `enable server`, `disable server` answer nothing when they succeed. */
export function expectEmptyReply(command: string, reply: string): void {
  if (reply.trim() !== '') throw errorFromReply(command, reply);
}

/** Parses `get weight be/srv`: `25 (initial 100)`. */
export function parseGetWeight(command: string, reply: string): WeightReading {
  const match = /^(\d+) \(initial (\d+)\)\s*$/.exec(reply.trim());
  if (!match) throw errorFromReply(command, reply);
  return { current: Number(match[1]), initial: Number(match[2]) };
}

/**
 * Parses `show servers state [<backend>]`: a format version line (`1`), a `#` header naming the
 * columns, then one line per server. Columns are read by name so newer formats still parse.
 */
export function parseServersState(command: string, reply: string): ServerState[] {
  const lines = reply
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const headerAt = lines.findIndex((line) => line.startsWith('#'));
  if (headerAt < 0) throw errorFromReply(command, reply);
  const columns = lines[headerAt]!.replace(/^#\s*/, '').split(/\s+/);
  const col = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new HaproxyError('rejected', `HAProxy's \`${command}\` has no column ${name}`);
    return index;
  };
  const at = {
    beId: col('be_id'),
    be: col('be_name'),
    srvId: col('srv_id'),
    srv: col('srv_name'),
    addr: col('srv_addr'),
    op: col('srv_op_state'),
    admin: col('srv_admin_state'),
    uweight: col('srv_uweight'),
    iweight: col('srv_iweight'),
  };
  const portAt = columns.indexOf('srv_port');
  return lines.slice(headerAt + 1).map((line) => {
    const f = line.split(/\s+/);
    const num = (index: number) => Number(f[index]);
    return {
      backendId: num(at.beId),
      backend: f[at.be] ?? '',
      serverId: num(at.srvId),
      server: f[at.srv] ?? '',
      address: f[at.addr] ?? '',
      port: portAt >= 0 && /^\d+$/.test(f[portAt] ?? '') ? num(portAt) : null,
      opState: num(at.op),
      adminState: num(at.admin),
      weight: num(at.uweight),
      initialWeight: num(at.iweight),
    };
  });
}

/** A server takes traffic when it is up (or starting) and neither in maintenance nor draining. */
export function isServing(state: ServerState): boolean {
  return state.adminState === 0 && (state.opState === 1 || state.opState === 2);
}

import { isHaproxyName, parseSocketAddress } from './address.js';
import { HaproxyError } from './errors.js';
import { expectEmptyReply, parseGetWeight, parseServersState, type ServerState, type WeightReading } from './responses.js';
import { socketSender, type SendCommand } from './socket.js';

/** HAProxy accepts absolute weights in this range. */
export const MAX_WEIGHT = 256;

/** The few runtime API commands shipline uses, each checked and parsed. */
export class HaproxyRuntimeClient {
  constructor(private readonly send: SendCommand) {}

  /** A client for `haproxy-socket` (a unix socket path or `tcp://host:port`). */
  static connect(socket: string, timeoutMs = 5000): HaproxyRuntimeClient {
    const address = parseSocketAddress(socket);
    if (!address) {
      throw new HaproxyError(
        'unreachable',
        `haproxy-socket "${socket}" is neither a unix socket path (/run/haproxy/admin.sock) nor tcp://HOST:PORT`,
      );
    }
    return new HaproxyRuntimeClient(socketSender(address, timeoutMs));
  }

  async setWeight(backend: string, server: string, weight: number): Promise<void> {
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) {
      throw new HaproxyError('rejected', `weight ${weight} is not an integer from 0 to ${MAX_WEIGHT}`);
    }
    const command = `set weight ${serverRef(backend, server)} ${weight}`;
    expectEmptyReply(command, await this.send(command));
  }

  async getWeight(backend: string, server: string): Promise<WeightReading> {
    const command = `get weight ${serverRef(backend, server)}`;
    return parseGetWeight(command, await this.send(command));
  }

  /** Servers of one backend (or of all backends); a missing backend is a `not_found` error. */
  async serversState(backend?: string): Promise<ServerState[]> {
    const command = backend === undefined ? 'show servers state' : `show servers state ${name(backend, 'backend')}`;
    return parseServersState(command, await this.send(command));
  }

  async enableServer(backend: string, server: string): Promise<void> {
    const command = `enable server ${serverRef(backend, server)}`;
    expectEmptyReply(command, await this.send(command));
  }

  async disableServer(backend: string, server: string): Promise<void> {
    const command = `disable server ${serverRef(backend, server)}`;
    expectEmptyReply(command, await this.send(command));
  }
}

function name(value: string, what: 'backend' | 'server'): string {
  if (!isHaproxyName(value)) {
    throw new HaproxyError('rejected', `HAProxy ${what} name "${value}" may only hold letters, digits, "-", "_", "." and ":"`);
  }
  return value;
}

function serverRef(backend: string, server: string): string {
  return `${name(backend, 'backend')}/${name(server, 'server')}`;
}

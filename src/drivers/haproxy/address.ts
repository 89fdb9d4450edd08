/** Where HAProxy's admin socket listens: a unix socket path or a TCP port on a host. */
export type SocketAddress = { path: string } | { host: string; port: number };

/**
 * Reads the `haproxy-socket` setting: `/run/haproxy/admin.sock`, `unix:///run/haproxy/admin.sock`
 * or `tcp://127.0.0.1:9999`. Returns null when the value is none of these.
 */
export function parseSocketAddress(raw: string): SocketAddress | null {
  const value = raw.trim();
  if (value.startsWith('unix://')) {
    const path = value.slice('unix://'.length);
    return path.startsWith('/') ? { path } : null;
  }
  if (value.startsWith('tcp://')) {
    const match = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(value);
    if (!match) return null;
    const port = Number(match[2]);
    if (port < 1 || port > 65535) return null;
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  }
  if (value.startsWith('/') || value.startsWith('./')) return { path: value };
  return null;
}

export function describeSocketAddress(address: SocketAddress): string {
  return 'path' in address ? address.path : `tcp://${address.host}:${address.port}`;
}

/** Backend and server names as HAProxy allows them; anything else could smuggle a second command. */
const NAME = /^[A-Za-z0-9_.:-]+$/;

export function isHaproxyName(name: string): boolean {
  return NAME.test(name);
}

import * as core from './runner-io.js';

/** Replaces user:password in every URL of a text with `***` (`https://***@host/`). */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/\s@'"]+)@/gi, '$1***@');
}

export interface UrlCredentials {
  /** The URL without user info, safe to print. */
  url: string;
  /** `Basic ...` header value when the URL carried credentials. */
  authorization?: string;
}

/** Splits credentials out of a URL so they can travel as a header, never in a printed URL. */
export function splitUrlCredentials(raw: string): UrlCredentials {
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: url.toString() };
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  return { url: url.toString(), authorization };
}

/** Registers a value with the runner so it is masked in every log line, and returns it. */
export function secret(value: string | undefined): string | undefined {
  if (value) core.setSecret(value);
  return value;
}

/**
 * Masks the secret part of a URL's credentials with the runner: the password (raw and decoded),
 * the base64 `user:password` pair sent as basic auth, or a lone user part used as a token.
 * A short user name beside a password is not masked: it would blank out every match in the log.
 */
export function maskUrlCredentials(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const secrets = new Set<string>();
  if (url.password) {
    secrets.add(url.password).add(pass);
    secrets.add(Buffer.from(`${user}:${pass}`).toString('base64'));
  } else if (url.username) {
    secrets.add(url.username).add(user);
  }
  for (const value of secrets) secret(value);
}

import * as core from './runner-io.js';

/**
 * Replaces user:password in every URL of a text with `***` (`https://***@host/`). The user info
 * runs to the last `@` before the path, so a password holding a raw `@` is hidden whole.
 */
export function redactUrls(text: string, mask = '***'): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s'"]+@/gi, (_, scheme: string) => `${scheme}${mask}@`);
}

/**
 * One value that may be a URL, made safe to quote in a message: its user info is hidden even
 * when the URL is not valid (a space or a quote in the password), then any URL inside it.
 * Redact first, cut after: a cut value may end before the `@` that marks the credentials.
 */
export function redactValue(value: string): string {
  return redactUrls(value.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@'));
}

/**
 * A URL without its user info, otherwise exactly as written (`https://user:pass@host/x` ->
 * `https://host/x`): what may be printed, stored in a record or set as an output.
 */
export function stripUrlCredentials(raw: string): string {
  return raw.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
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

import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostName(host: string): string {
  // "[::1]:8080" → "[::1]", "localhost:8080" → "localhost"
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.trim().toLowerCase());
  return m?.[1] ?? '';
}

function isSameOrigin(origin: string, port: number): boolean {
  try {
    const u = new URL(origin);
    // URL keeps IPv6 hosts bracketed ("[::1]"), matching LOOPBACK_HOSTS.
    return (
      u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname) && Number(u.port || 80) === port
    );
  } catch {
    return false; // includes the opaque origin "null"
  }
}

/**
 * Refuses requests a browser could be tricked into sending: a Host that is
 * not a loopback name (DNS rebinding) and any cross-origin request.
 */
export function checkOrigin(req: IncomingMessage, port: number): void {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOSTS.has(hostName(host))) {
    throw new AppError('forbidden', 'requests must address a loopback host');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, port)) {
    throw new AppError('forbidden', 'cross-origin requests are not allowed');
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('forbidden', 'cross-site requests are not allowed');
  }
}

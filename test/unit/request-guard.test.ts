import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkOrigin } from '../../src-main/core/api/request-guard';
import { AppError } from '../../src-main/core/errors';

const PORT = 7381;

const req = (headers: Record<string, string>): IncomingMessage =>
  ({ headers }) as unknown as IncomingMessage;

function forbidden(headers: Record<string, string>, port = PORT): string {
  try {
    checkOrigin(req(headers), port);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('forbidden');
    return (err as AppError).message;
  }
  throw new Error(`expected ${JSON.stringify(headers)} to be forbidden`);
}

describe('checkOrigin', () => {
  it('accepts loopback hosts, with or without a port, in any case', () => {
    for (const host of [
      `127.0.0.1:${PORT}`,
      '127.0.0.1',
      `localhost:${PORT}`,
      'LOCALHOST',
      `[::1]:${PORT}`,
      '[::1]',
      ` localhost:${PORT} `,
    ]) {
      expect(() => checkOrigin(req({ host }), PORT), host).not.toThrow();
    }
  });

  it('refuses any other Host (DNS rebinding)', () => {
    for (const host of [
      `evil.example:${PORT}`,
      'evil.example',
      `localhost.evil.example:${PORT}`,
      `127.0.0.1.nip.io:${PORT}`,
      `0.0.0.0:${PORT}`,
      `192.168.1.10:${PORT}`,
      `::1`,
      `localhost:abc`,
      '',
    ]) {
      expect(forbidden({ host }), host).toBe('requests must address a loopback host');
    }
    expect(forbidden({})).toBe('requests must address a loopback host');
  });

  it('accepts a same-origin Origin', () => {
    for (const origin of [
      `http://127.0.0.1:${PORT}`,
      `http://localhost:${PORT}`,
      `http://[::1]:${PORT}`,
    ]) {
      expect(() => checkOrigin(req({ host: `127.0.0.1:${PORT}`, origin }), PORT)).not.toThrow();
    }
    // Port 80 is implied by http with no port.
    expect(() =>
      checkOrigin(req({ host: 'localhost', origin: 'http://localhost' }), 80),
    ).not.toThrow();
  });

  it('refuses an Origin of another port, host, scheme, or the opaque "null"', () => {
    const host = `127.0.0.1:${PORT}`;
    for (const origin of [
      `http://127.0.0.1:${PORT + 1}`,
      'http://localhost',
      `http://evil.example:${PORT}`,
      `https://localhost:${PORT}`,
      'null',
      'not a url',
      `file://${PORT}`,
    ]) {
      expect(forbidden({ host, origin }), origin).toBe('cross-origin requests are not allowed');
    }
  });

  it('refuses sec-fetch-site: cross-site even without an Origin', () => {
    expect(forbidden({ host: `localhost:${PORT}`, 'sec-fetch-site': 'cross-site' })).toBe(
      'cross-site requests are not allowed',
    );
    for (const site of ['same-origin', 'none']) {
      expect(() =>
        checkOrigin(req({ host: `localhost:${PORT}`, 'sec-fetch-site': site }), PORT),
      ).not.toThrow();
    }
  });
});

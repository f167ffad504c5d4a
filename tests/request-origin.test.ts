/**
 * The origin Auth.js's route handler answers on (lib/request-origin.ts): the
 * host and protocol the browser used, never the address the server listens on.
 * Next.js hands a route handler `http://0.0.0.0:3000/…` when it listens on
 * 0.0.0.0; these requests are built the same way. The handler itself, on the
 * real server, is tested in e2e/auth.spec.ts (next-auth's ESM build cannot be
 * imported by vitest as configured).
 */
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';

import { requestOrigin, withRequestOrigin } from '@/lib/request-origin';

const BOUND = 'http://0.0.0.0:3000';
const request = (path: string, headers: Record<string, string>, init: { method?: string; body?: string } = {}) =>
  new NextRequest(`${BOUND}${path}`, { headers: { 'x-forwarded-proto': 'http', ...headers }, ...init });

describe('requestOrigin', () => {
  const fallback = new URL(`${BOUND}/api/auth/signin`);
  const origin = (headers: Record<string, string>) => requestOrigin(new Headers(headers), fallback);

  it('takes X-Forwarded-Host, else Host, and X-Forwarded-Proto', () => {
    expect(origin({ host: '192.168.1.20:3000' })).toBe('http://192.168.1.20:3000');
    expect(origin({ host: '127.0.0.1:3000', 'x-forwarded-host': 'crm.example.in', 'x-forwarded-proto': 'https' })).toBe(
      'https://crm.example.in',
    );
    expect(
      origin({ host: 'a.example', 'x-forwarded-host': 'b.example, c.example', 'x-forwarded-proto': 'https, http' }),
    ).toBe('https://b.example');
    expect(origin({ host: '[fe80::1]:3000' })).toBe('http://[fe80::1]:3000');
  });

  it('ignores values that are not a host or a protocol', () => {
    expect(origin({ host: 'evil.example/path@x' })).toBe('http://0.0.0.0:3000');
    expect(origin({ host: '192.168.1.20:3000', 'x-forwarded-host': 'a b' })).toBe('http://192.168.1.20:3000');
    expect(origin({ host: '192.168.1.20:3000', 'x-forwarded-proto': 'javascript' })).toBe('http://192.168.1.20:3000');
    expect(origin({})).toBe('http://0.0.0.0:3000');
  });

  it('readdresses the request, keeping path, query, method, headers and body', async () => {
    const req = withRequestOrigin(
      request(
        '/api/auth/signout?x=1',
        { host: '192.168.1.20:3000', 'content-type': 'application/x-www-form-urlencoded' },
        { method: 'POST', body: 'a=b' },
      ),
    );
    expect(req.url).toBe('http://192.168.1.20:3000/api/auth/signout?x=1');
    expect(req.method).toBe('POST');
    expect(req.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await req.text()).toBe('a=b');
  });
});

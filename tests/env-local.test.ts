import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ensureAuthSecret } from '@/scripts/local-db';

/** .env.local holds AUTH_SECRET (and often DATABASE_URL with a password): only its owner may read it. */
describe('.env.local', () => {
  let dir: string;
  let file: string;
  const modeOf = (p: string) => statSync(p).mode & 0o777;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'env-local-'));
    file = path.join(dir, '.env.local');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created with mode 0600 and a generated secret', () => {
    const env: Record<string, string | undefined> = {};
    const secret = ensureAuthSecret(file, env);
    expect(modeOf(file)).toBe(0o600);
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(readFileSync(file, 'utf8')).toContain(`AUTH_SECRET=${secret}\n`);
    expect(env.AUTH_SECRET).toBe(secret);
    // The next start reads the same secret back.
    expect(ensureAuthSecret(file, {})).toBe(secret);
  });

  it('narrows an existing world-readable file to 0600 when it appends the secret', () => {
    writeFileSync(file, 'DATABASE_URL=mysql://u:pw@127.0.0.1:3306/p', { mode: 0o644 });
    expect(modeOf(file)).toBe(0o644);
    const secret = ensureAuthSecret(file, {});
    expect(modeOf(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`DATABASE_URL=mysql://u:pw@127.0.0.1:3306/p\nAUTH_SECRET=${secret}\n`);
  });

  it('narrows an existing loose file even when AUTH_SECRET comes from the environment', () => {
    writeFileSync(file, 'AUTH_SECRET=from-the-file-0123456789\n', { mode: 0o664 });
    expect(ensureAuthSecret(file, { AUTH_SECRET: 'from-the-environment-0123' })).toBe('from-the-environment-0123');
    expect(modeOf(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('AUTH_SECRET=from-the-file-0123456789\n');
  });

  it('keeps an existing secret and leaves a stricter mode alone', () => {
    writeFileSync(file, 'AUTH_SECRET=kept-secret-0123456789\n', { mode: 0o400 });
    expect(ensureAuthSecret(file, {})).toBe('kept-secret-0123456789');
    expect(modeOf(file)).toBe(0o400);
  });
});

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openEmbedded, openServer } from '../../../core/db.js';
import { createServerDatabase } from '../../../test/support.js';
import { testTemplate } from '../../../test/templates.js';
import { verifyPassword } from '../domain/password.js';

/**
 * `npm run admin -- unlock|reset <username>` against a stopped Shanzhi's database, as an operator would run it when no
 * administrator can sign in: an embedded data folder, or the PostgreSQL database DATABASE_URL names.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-admin-cli-'));
let env: NodeJS.ProcessEnv;
let open: () => Promise<Db>;
let drop = async () => {};
let admin: string;

beforeAll(async () => {
  const template = await testTemplate(['370983']);
  admin = template.admin.username;
  const { DATABASE_URL: _, ...rest } = process.env;
  if (template.engine === 'embedded') {
    cpSync(template.dataDir, dir, { recursive: true });
    env = { ...rest, DATA_DIR: dir };
    open = () => openEmbedded(dir);
  } else {
    const created = await createServerDatabase(template.adminUrl, 'shanzhi_test', template.database);
    drop = created.drop;
    const key = () => randomBytes(32).toString('base64');
    env = { ...rest, DATA_DIR: dir, DATABASE_URL: created.url, SESSION_SECRET: key(), DATA_KEY: key() };
    open = () => openServer(created.url);
  }
});
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  promisify(execFile)('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: ROOT, env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** Opens the database while the command is not running (an embedded folder serves one process at a time). */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('npm run admin', () => {
  it('unlocks the only administrator every address had been shut out of', async () => {
    await withDb(async (db) => {
      const [u] = await db.query<{ id: number }>('SELECT id::int AS id FROM identity_users WHERE username = $1', [
        admin,
      ]);
      for (let i = 0; i < 60; i++)
        await db.query(`INSERT INTO identity_sign_in_failures (account, address, checked) VALUES ($1, $2, true)`, [
          `user:${u?.id}`,
          `203.0.113.${i}`,
        ]);
      await db.query(`UPDATE identity_users SET locked_until = now() + interval '15 minutes' WHERE id = $1`, [u?.id]);
    });
    const res = await run('unlock', admin);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(admin);
    const after = await withDb((db) =>
      db.query<{ failures: number; locked: boolean }>(
        `SELECT (SELECT count(*)::int FROM identity_sign_in_failures) AS failures, locked_until IS NOT NULL AS locked
         FROM identity_users WHERE username = $1`,
        [admin],
      ),
    );
    expect(after).toEqual([{ failures: 0, locked: false }]);
  }, 120_000);

  it('resets a password to a one-time one printed once, to be changed at the next sign-in', async () => {
    const res = await run('reset', admin);
    expect(res.code, res.stderr).toBe(0);
    const password = res.stdout.trim().split('\n').at(-1) as string;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await withDb(async (db) => {
      const [u] = await db.query<{ hash: string; mustChange: boolean }>(
        'SELECT password_hash AS hash, must_change_password AS "mustChange" FROM identity_users WHERE username = $1',
        [admin],
      );
      expect(await verifyPassword(u?.hash as string, password)).toBe(true);
      expect(u?.mustChange).toBe(true);
      const audit = await db.query<{ text: string }>(
        `SELECT row_to_json(a)::text AS text FROM core_audit a WHERE action = 'identity.password_reset'`,
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]?.text).toContain('cli');
      expect(audit[0]?.text).not.toContain(password);
    });
  }, 120_000);

  it('names a user that does not exist and changes nothing', async () => {
    const res = await run('reset', 'nobody.here');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('nobody.here');
    expect((await run('lock', admin)).code).toBe(2);
  }, 120_000);
});

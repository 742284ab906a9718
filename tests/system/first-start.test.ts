import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * The Quick start's `npm start` on a new machine: the embedded engine, the full demo. Its first start must hand out
 * the administrator's one-time password even though the demo brings its own staff accounts, and those staff must be
 * there for the demo's reports and fires to reach someone. The first start is the same on either engine, so it runs
 * once, on the embedded default.
 */

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-first-start-'));
let server: ServerProcess;

describe.skipIf(Boolean(process.env.DATABASE_URL))('a first start with the full demo', () => {
  beforeAll(async () => {
    server = await startServerProcess({
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      DEMO_DATA: 'demo',
      DEMO_SCALE: 'small',
      SESSION_SECRET: randomBytes(32).toString('base64'),
      DATA_KEY: randomBytes(32).toString('base64'),
      ESCALATION_INTERVAL_SECONDS: '0',
      IOT_JOB_INTERVAL_SECONDS: '0',
    });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives the administrator a one-time password, and the demo district's staff are there", async () => {
    expect(server.admin?.username).toBe('admin');
    const cookie = await adminSession(server, 'First-Start-Boss-2026');
    const users = await fetch(`${server.base}/api/identity/users?q=gw-320114&limit=5`, { headers: { cookie } });
    expect(users.status).toBe(200);
    const { items, total } = (await users.json()) as { items: { username: string; role: string }[]; total: number };
    // a grid worker for each of 雨花台区's generated grids
    expect(total).toBeGreaterThan(1000);
    expect(items).toHaveLength(5);
    expect(items.every((u) => u.role === 'grid_worker' && u.username.startsWith('gw-320114'))).toBe(true);
  });
});

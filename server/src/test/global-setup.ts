import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, TEMPLATES_ENV, templateDatabasePrefix } from './templates.js';

/**
 * Once per vitest run: a directory for the run's database templates, which the first test file needing each
 * builds (templates.ts); at the end the directory and the run's template databases go.
 */
export default function setup(): () => Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-templates-'));
  // the forked workers inherit it
  process.env[TEMPLATES_ENV] = dir;
  return async () => {
    const adminUrl = process.env.DATABASE_URL;
    if (adminUrl) {
      const { rows } = await adminQuery(adminUrl, 'SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${templateDatabasePrefix(dir)}\\_%`,
      ]);
      for (const { datname } of rows) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('names every wrong variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DATA_DIR: os.tmpdir() });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toMatch(/^PORT:/m);
      expect(text).toMatch(/^DATABASE_URL:/m);
      expect(text).toMatch(/^LOG_LEVEL:/m);
    }
  });

  it('requires explicit secrets on a server and generates them, private, when embedded', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET.*\n.*DATA_KEY/s);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-config-'));
    const first = loadConfig({ DATA_DIR: dir });
    const file = path.join(dir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.engine).toBe('embedded');
    expect(first.dataKey).toHaveLength(32);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.sessionSecret.equals(first.sessionSecret)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).dataKey).toBe(first.dataKey.toString('base64'));
  });

  it('treats an empty variable as unset', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-config-'));
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: '' }).engine).toBe('embedded');
  });
});

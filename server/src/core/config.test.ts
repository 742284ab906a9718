import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModules, loadShanzhiConfig } from '../modules.js';
import { ConfigError, environmentVariables } from './config.js';

describe('configuration', () => {
  it('names every wrong variable at once, the core’s and the modules’', () => {
    try {
      loadShanzhiConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        DATA_DIR: os.tmpdir(),
        MQTT_URL: 'http://broker',
        LOCKOUT_THRESHOLD: '0',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toMatch(/^PORT:/m);
      expect(text).toMatch(/^DATABASE_URL:/m);
      expect(text).toMatch(/^LOG_LEVEL:/m);
      expect(text).toMatch(/^MQTT_URL:/m);
      expect(text).toMatch(/^LOCKOUT_THRESHOLD:/m);
    }
  });

  it('gives each module its settings under its name, with their defaults', () => {
    const config = loadShanzhiConfig({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'shanzhi-config-')) });
    expect(config.iot.topicRoot).toBe('shanzhi');
    expect(config.identity.lockout).toEqual({ threshold: 5, minutes: 15, perAddress: 30, perAccount: 50 });
    expect(config.cases.escalationIntervalSeconds).toBe(60);
    expect(config.geo.map.tileCrs).toBe('wgs84');
  });

  it('requires explicit secrets on a server and generates them, private, when embedded', () => {
    expect(() => loadShanzhiConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(
      /SESSION_SECRET.*\n.*DATA_KEY/s,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-config-'));
    const first = loadShanzhiConfig({ DATA_DIR: dir });
    const file = path.join(dir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.engine).toBe('embedded');
    expect(first.dataKey).toHaveLength(32);
    const second = loadShanzhiConfig({ DATA_DIR: dir });
    expect(second.sessionSecret.equals(first.sessionSecret)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).dataKey).toBe(first.dataKey.toString('base64'));
  });

  it('treats an empty variable as unset', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-config-'));
    expect(loadShanzhiConfig({ DATA_DIR: dir, DATABASE_URL: '' }).engine).toBe('embedded');
  });

  it('is documented: README’s table names every variable the core and the modules read, and no other', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const documented = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    const read = environmentVariables(createModules().flatMap((m) => (m.settings ? [m.settings] : [])));
    expect(
      read.filter((v) => !documented.has(v)),
      'read but not in README',
    ).toEqual([]);
    expect(
      [...documented].filter((v) => !read.includes(v as string)),
      'in README but never read',
    ).toEqual([]);
  });
});

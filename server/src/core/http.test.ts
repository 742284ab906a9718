import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createModules } from '../modules.js';
import { loggerOptions } from './http.js';
import { pickLocale } from './i18n.js';

describe('logs', () => {
  it('never carry passwords, tokens, phone or ID numbers', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions(
      'info',
      undefined,
      createModules().flatMap((m) => m.redact ?? []),
    );
    const log = pino(options as pino.LoggerOptions, sink);
    log.info({ body: { password: 'Secret-Pass-1', phone: '13812345678', idNumber: '320114199001011234' } }, 'x');
    log.info({ body: { newPassword: 'Other-Pass-22', contactPhone: '13900001111', secret: 'mqtt-secret-9' } }, 'z');
    log.info(
      { req: { method: 'GET', url: '/x', headers: { authorization: 'Bearer abc.def', cookie: 'sz_session=tok' } } },
      'y',
    );
    const text = lines.join('');
    for (const secret of [
      'Secret-Pass-1',
      'Other-Pass-22',
      '13812345678',
      '13900001111',
      '320114199001011234',
      'mqtt-secret-9',
      'abc.def',
      'sz_session=tok',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});

describe('language', () => {
  it('is Chinese unless English is preferred', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('fr-FR,en;q=0.5,zh;q=0.8')).toBe('zh-CN');
    expect(pickLocale('de')).toBe('zh-CN');
  });
});

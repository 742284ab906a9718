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
    // a body logged below the top level, and a library's error carrying the record it choked on
    log.info({ request: { body: { password: 'Nested-Pass-3', token: 'nested-token-4' } } }, 'w');
    log.error({ err: { record: { phone: '13700002222', api_key: 'deep-key-5' } } }, 'v');
    const text = lines.join('');
    for (const secret of [
      'Nested-Pass-3',
      'nested-token-4',
      '13700002222',
      'deep-key-5',
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

describe('a logged request line', () => {
  it('carries no credential from its query string, whatever the parameter', () => {
    const serialize = (loggerOptions('info') as { serializers: { req: (r: object) => { url: string } } }).serializers
      .req;
    const url =
      '/open311/v2/requests.json?api_key=K1&token=T2&access_token=A3&code=C4&password=P5&secret=S6&refresh_token=R7&page=2';
    const logged = serialize({ method: 'GET', url }).url;
    for (const value of ['K1', 'T2', 'A3', 'C4', 'P5', 'S6', 'R7']) expect(logged).not.toContain(value);
    expect(logged).toBe(
      '/open311/v2/requests.json?api_key=[redacted]&token=[redacted]&access_token=[redacted]&code=[redacted]' +
        '&password=[redacted]&secret=[redacted]&refresh_token=[redacted]&page=2',
    );
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

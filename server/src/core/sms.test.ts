import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunSms, aliyunSignature, SmsError } from './sms.js';

describe('Alibaba Cloud SMS signature', () => {
  it('matches the worked example in Alibaba Cloud’s documentation', () => {
    // the documented SendSms request: secret testSecret, GET, signature zJDF+Lrzhj/ThnlvIToysFRq6t4=
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature('testSecret', 'GET', params)).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });
});

describe('the Alibaba Cloud adapter over real HTTP', () => {
  let server: http.Server;
  let endpoint: string;
  const received: URLSearchParams[] = [];
  let answer = { Code: 'OK', Message: 'OK', BizId: '9006^0' };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push(new URLSearchParams(body));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sms = () =>
    new AliyunSms({
      endpoint,
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '善治',
      templates: { otp: 'SMS_1', notice: 'SMS_2' },
    });

  it('posts a signed SendSms the provider can verify, with the template and its variables', async () => {
    const { providerId } = await sms().send({
      phone: '13800138000',
      template: 'otp',
      params: { code: '123456' },
      text: '',
    });
    expect(providerId).toBe('9006^0');
    const got = received.at(-1) as URLSearchParams;
    expect(got.get('TemplateCode')).toBe('SMS_1');
    expect(JSON.parse(got.get('TemplateParam') as string)).toEqual({ code: '123456' });
    const signed = Object.fromEntries([...got].filter(([k]) => k !== 'Signature'));
    expect(got.get('Signature')).toBe(aliyunSignature('secret', 'POST', signed));
  });

  it('turns a refusal into an error that names the provider’s code', async () => {
    answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控', BizId: '' };
    const err = await sms()
      .send({ phone: '13800138000', template: 'otp', params: { code: '1' }, text: '' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsError);
    expect((err as SmsError).providerCode).toBe('isv.BUSINESS_LIMIT_CONTROL');
  });
});

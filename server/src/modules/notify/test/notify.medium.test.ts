import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
let base: string;
let resident: string;
let community: string;
let point: { lng: number; lat: number };

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  resident = await t.userCookie('resident', '370983', 'notify.resident');
  const located = await t.app.inject({
    url: '/api/geo/locate?lng=116.7712&lat=36.1791',
    headers: { cookie: resident },
  });
  point = { lng: located.json().wgs84[0], lat: located.json().wgs84[1] };
  community = await t.userCookie('community_staff', located.json().chain[2].code, 'notify.cs');
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t?.stop());

const messages = async (cookie: string) =>
  (await t.app.inject({ url: '/api/notify/messages', headers: { cookie } })).json() as {
    items: { id: number; titleZh: string; titleEn: string; subject: string; read: boolean }[];
    unread: number;
  };

/** Opens the SSE stream over real HTTP and resolves with the first message event. */
function firstLiveMessage(cookie: string): {
  ready: Promise<void>;
  message: Promise<Record<string, unknown>>;
  close: () => void;
} {
  let close: () => void = () => undefined;
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  const message = new Promise<Record<string, unknown>>((resolve, reject) => {
    const req = http.get(`${base}/api/notify/stream`, { headers: { cookie } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes(': connected')) onReady();
        const match = buffer.match(/event: message\nid: \d+\ndata: (.+)\n\n/);
        if (match) resolve(JSON.parse(match[1] as string));
      });
    });
    req.on('error', reject);
    close = () => req.destroy();
  });
  return { ready, message, close };
}

describe('件件有回音: the reporter hears back', () => {
  it('stores a message for each step and pushes it live to an open page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: resident },
      payload: { categoryCode: 'S02', description: '楼道灯坏了', location: point },
    });
    const { id, number } = res.json().case;
    await t.events.drain();
    const after = await messages(resident);
    expect(after.items[0]).toMatchObject({
      titleZh: `您反映的问题已提交，编号 ${number}`,
      subject: `case:${id}`,
      read: false,
    });

    const live = firstLiveMessage(resident);
    await live.ready;
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      headers: { cookie: community },
      payload: { action: 'accept' },
    });
    const pushed = await live.message;
    live.close();
    expect(pushed.titleZh).toBe(`您反映的问题 ${number} 已受理立案`);
    expect(pushed.titleEn).toBe(`Your report ${number} was accepted`);

    const inbox = await messages(resident);
    expect(inbox.unread).toBe(2);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notify/messages/${inbox.items[0]?.id}/read`,
      headers: { cookie: resident },
    });
    expect(read.statusCode).toBe(204);
    expect((await messages(resident)).unread).toBe(1);
    const unreadOnly = await t.app.inject({ url: '/api/notify/messages?unread=true', headers: { cookie: resident } });
    expect(unreadOnly.json().items).toHaveLength(1);
    const all = await t.app.inject({ url: '/api/notify/messages?unread=false', headers: { cookie: resident } });
    expect(all.json().items).toHaveLength(2);
    const notMine = await t.app.inject({
      method: 'POST',
      url: `/api/notify/messages/${inbox.items[1]?.id}/read`,
      headers: { cookie: community },
    });
    expect(notMine.statusCode).toBe(404);
    // the community hears of the report only as work raised to it (the grid has no worker), never the reporter's words
    expect((await messages(community)).items.map((m) => m.titleZh)).toEqual([
      expect.stringMatching(/^【原接收方无人，已上报】.+有新的群众反映/),
    ]);
  });
});

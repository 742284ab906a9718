import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
let resident: string;
let other: string;
let point: { lng: number; lat: number };

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  resident = await t.userCookie('resident', '370983', 'media.owner');
  other = await t.userCookie('resident', '370983', 'media.other');
  const located = await t.app.inject({
    url: '/api/geo/locate?lng=116.7712&lat=36.1791',
    headers: { cookie: resident },
  });
  point = { lng: located.json().wgs84[0], lat: located.json().wgs84[1] };
});
afterAll(async () => t?.stop());

function multipart(bytes: Buffer, filename: string, type: string) {
  const boundary = '----shanzhi-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (cookie: string, bytes: Buffer, filename = 'photo.jpg', type = 'image/jpeg') => {
  const { payload, headers } = multipart(bytes, filename, type);
  return t.app.inject({ method: 'POST', url: '/api/cases/media', headers: { ...headers, cookie }, payload });
};

/** A real photo as a phone would send it: JPEG with EXIF, including where it was taken. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 10/1 44/1' },
    })
    .toBuffer();
}

describe('photos and voice notes', () => {
  it('stores a real photo without its metadata, with a thumbnail, and attaches it to the report', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(resident, original);
    expect(res.statusCode, res.body).toBe(201);
    const { id, kind } = res.json();
    expect(kind).toBe('photo');

    const full = await t.app.inject({ url: `/api/cases/media/${id}`, headers: { cookie: resident } });
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([1600, 1200]);
    expect(meta.exif).toBeUndefined();
    const thumb = await t.app.inject({ url: `/api/cases/media/${id}?thumb=1`, headers: { cookie: resident } });
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);

    const report = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: resident },
      payload: { categoryCode: 'E0101', description: '垃圾堆放', location: point, mediaIds: [id] },
    });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json().timeline[0].media).toEqual([{ id, kind: 'photo', mime: 'image/jpeg' }]);
    expect((await t.app.inject({ url: `/api/cases/media/${id}`, headers: { cookie: other } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/cases/media/${id}`, headers: { cookie: t.adminCookie } })).statusCode).toBe(
      200,
    );
  });

  it('refuses a fake image, a corrupt one and an oversized one by their bytes', async () => {
    const fake = await upload(resident, Buffer.from('this is not an image at all'), 'photo.jpg', 'image/jpeg');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error).toMatchObject({ code: 'cases.bad_media', field: 'file' });
    const good = await phonePhoto();
    const corrupt = await upload(resident, good.subarray(0, 600));
    expect(corrupt.statusCode).toBe(400);
    const huge = await upload(resident, Buffer.concat([good, Buffer.alloc(11 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases_media');
    expect(n).toBe(1);
  });

  it('refuses someone else’s upload in a report and writes nothing', async () => {
    const mine = (await upload(other, await phonePhoto())).json().id;
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases_cases'))[0]?.n;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: resident },
      payload: { categoryCode: 'E0101', description: '垃圾', location: point, mediaIds: [mine] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('mediaIds');
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases_cases'))[0]?.n).toBe(before);
  });
});

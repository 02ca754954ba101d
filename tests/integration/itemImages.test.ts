// Item images end to end through the local cloud: an operator uploads an image (catalog.uploadItemImage, stored with
// cloud.uploadFile), saves the item with the cloud:// file id, and a member's mall.list / mall.detail answer a
// temporary URL that serves exactly those bytes; an expired or altered URL is refused; a non-image, an oversize or
// an empty upload is refused and stores nothing; a member or an analyst cannot upload.
import fs from 'fs';
import path from 'path';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;
const OP = 'img-op';
const ANALYST = 'img-analyst';
const MEMBER = 'img-member';
let seq = 0;
const rid = (p = 'img') => `${p}-${Date.now().toString(36)}-${++seq}`;

/** A real PNG of `w`×`h` pixels (zlib-deflated rows), padded with a text chunk to about `pad` more bytes. */
function png(w = 2, h = 2, pad = 0): Buffer {
  const zlib = require('zlib') as typeof import('zlib');
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: h }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w * 3 }, (_, i) => (i * 40 + y * 90) % 256))])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(pad > 0 ? [chunk('tEXt', Buffer.concat([Buffer.from('pad\0'), Buffer.alloc(pad, 0x61)]))] : []),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const admin = (action: string, input: object, openid = OP) => t.call('catalog', { action, ...input }, openid);
const upload = (bytes: Buffer, fileName = 'photo.png', openid = OP) => admin('uploadItemImage', { fileName, contentBase64: bytes.toString('base64') }, openid);
const storedFiles = () => {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) (e.isDirectory() ? walk(path.join(dir, e.name)) : out.push(path.join(dir, e.name)));
  };
  walk(path.join(t.dataDir, 'storage', 'files'));
  return out.sort();
};

const fields = (image?: string) => ({
  kind: 'coupon', name: '带图代金券', category: '优惠券', description: '有图', pointsPrice: 10, faceValueFen: 1000,
  perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, fundedBy: { format: 'mall' }, voucherValidDays: 30, sort: 3, ...(image ? { image } : {}),
});

async function publishedItem(image: string) {
  const saved = await admin('saveItem', { requestId: rid('save'), item: fields(image), stock: 5 });
  expect(saved.body.ok).toBe(true);
  const { itemId, version } = saved.body.data.item;
  expect(saved.body.data.item.image).toBe(image);
  const pub = await admin('setItemPublished', { itemId, published: true, expectedVersion: version, requestId: rid('pub') });
  expect(pub.body.ok).toBe(true);
  return itemId as string;
}

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('staff', [
    { _id: OP, openid: OP, name: '运营小图', role: 'operator', storeId: null, active: true },
    { _id: ANALYST, openid: ANALYST, name: '分析师', role: 'analyst', storeId: null, active: true },
  ]);
  await member(t, MEMBER);
});

afterAll(async () => {
  await t.stop();
});

afterEach(async () => {
  await t.resetClock();
});

test('upload, save the item with the file id, and the member mall answers a URL serving those bytes', async () => {
  const image = png(3, 2);
  const up = await upload(image);
  expect(up.body).toMatchObject({ ok: true, data: { bytes: image.length, contentType: 'image/png' } });
  const { fileId } = up.body.data;
  expect(fileId).toMatch(/^cloud:\/\/[\w-]+\.[\w-]+\/mall-items\/[0-9a-f]{2}\/[0-9a-f]{32}\.png$/);
  // The same bytes again: the same id, no second file.
  const files = storedFiles();
  expect((await upload(image, 'again.png')).body.data.fileId).toBe(fileId);
  expect(storedFiles()).toEqual(files);

  const itemId = await publishedItem(fileId);
  const list = await t.call('mall', { action: 'list' }, MEMBER);
  const shown = list.body.data.items.find((i: { id: string }) => i.id === itemId);
  expect(shown.image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_storage\/mall-items\/.+\?t=\d+&sign=/);
  const res = await fetch(shown.image);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);

  const detail = await t.call('mall', { action: 'detail', itemId }, MEMBER);
  expect(detail.body.data.image).toMatch(/\/_storage\/mall-items\//);
  expect(Buffer.from(await (await fetch(detail.body.data.image)).arrayBuffer()).equals(image)).toBe(true);

  // The console keeps the file id (what saveItem takes back).
  const consoleItem = await admin('listItems', { itemId });
  expect(consoleItem.body.data.items[0].image).toBe(fileId);
  // The upload is audited without its bytes.
  const audit = t.cloud.db.find('staff_audit', { action: 'uploadItemImage' }).docs as Array<{ input: Record<string, unknown>; staff: string }>;
  expect(audit.length).toBeGreaterThan(0);
  expect(audit[0].input).toEqual({ fileName: 'photo.png', bytes: image.length, fileId });
  expect(audit[0].staff).toBe(OP);
});

test('an expired or altered URL is refused; the mall then hands out a fresh one', async () => {
  const image = png(4, 4);
  const { fileId } = (await upload(image)).body.data;
  const itemId = await publishedItem(fileId);
  const url = (await t.call('mall', { action: 'detail', itemId }, MEMBER)).body.data.image as string;
  expect((await fetch(url)).status).toBe(200);

  const tampered = new URL(url);
  tampered.searchParams.set('t', String(Number(tampered.searchParams.get('t')) + 86400));
  expect((await fetch(tampered)).status).toBe(403);
  const otherFile = new URL(url);
  otherFile.pathname = otherFile.pathname.replace(/[0-9a-f]{32}\.png$/, 'ffffffffffffffffffffffffffffffff.png');
  expect((await fetch(otherFile)).status).toBe(403);

  // Three hours later the URL has expired; the warm mall does not hand it out again.
  await t.setClock(new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString());
  expect((await fetch(url)).status).toBe(403);
  const fresh = (await t.call('mall', { action: 'detail', itemId }, MEMBER)).body.data.image as string;
  expect(fresh).not.toBe(url);
  expect((await fetch(fresh)).status).toBe(200);
});

test('a non-image, an oversize or an empty upload is refused and stores nothing', async () => {
  const files = storedFiles();
  const before = dumpDatabase(t);
  const text = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'fake.png');
  expect(text.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '只支持 PNG、JPEG 或 WebP 图片' } });
  const gif = await upload(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'anim.gif');
  expect(gif.body.error.message).toBe('只支持 PNG、JPEG 或 WebP 图片');
  const notBase64 = await admin('uploadItemImage', { fileName: 'x.png', contentBase64: '***not base64***' });
  expect(notBase64.body.error.code).toBe('INVALID_INPUT');
  const empty = await admin('uploadItemImage', { fileName: 'x.png', contentBase64: '====' });
  expect(empty.body.error.code).toBe('INVALID_INPUT');
  // Over 2 MB: the local gateway's 1 MB event bound refuses it before the function (CloudBase's is 6 MB, where the
  // action itself answers 图片不能超过 2 MB: tests/unit/itemImageRules.test.ts).
  const big = await upload(png(2, 2, 2 * 1024 * 1024));
  expect(big.body.ok).toBe(false);
  expect(big.body.error.code).toBe('INVALID_INPUT');
  expect(storedFiles()).toEqual(files);
  expect(dumpDatabase(t)).toEqual(before);
});

test('a member or an analyst cannot upload', async () => {
  const files = storedFiles();
  expect((await upload(png(), 'm.png', MEMBER)).body.error.code).toBe('FORBIDDEN');
  expect((await upload(png(), 'a.png', ANALYST)).body.error.code).toBe('FORBIDDEN');
  expect(storedFiles()).toEqual(files);
});

test('an item whose file does not exist shows no image; an https image is shown as it is', async () => {
  const ghost = (await upload(png(5, 5))).body.data.fileId.replace(/[0-9a-f]{32}\.png$/, '0'.repeat(32) + '.png');
  const ghostId = await publishedItem(ghost);
  const httpsId = await publishedItem('https://example.com/coupon.png');
  const list = (await t.call('mall', { action: 'list' }, MEMBER)).body.data.items as Array<{ id: string; image: string | null }>;
  expect(list.find((i) => i.id === ghostId)?.image).toBeNull();
  expect(list.find((i) => i.id === httpsId)?.image).toBe('https://example.com/coupon.png');
  expect(list.every((i) => i.image === null || /^https?:\/\//.test(i.image))).toBe(true);
});

// Cloud storage on the local cloud through the unmodified wx-server-sdk: uploadFile (getUploadMetadata, then a PUT
// of the bytes), getTempFileURL (signed, expiring URLs the cloud serves), deleteFile; files survive a restart of the
// same data directory; oversize files and unsafe cloudPaths are refused and write nothing.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { sendSignedTcb } from '../helpers/signedTcb';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'storage-functions');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-storage-'));
let t: TestCloud;

const start = () => startTestCloud({ functionsDir: FUNCTIONS, maxWorkersPerFunction: 1, dataDir });

beforeAll(async () => {
  t = await start();
});

afterAll(async () => {
  await t.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await t.resetClock();
});

const bytes = (n: number, seed = 7) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256));
const upload = async (cloudPath: string, content: Buffer) => (await t.call('files', { op: 'upload', cloudPath, base64: content.toString('base64') })).body;
const uploadSized = async (cloudPath: string, size: number) => (await t.call('files', { op: 'upload', cloudPath, size })).body;
const urls = async (fileList: unknown[]) => (await t.call('files', { op: 'url', fileList })).body;
const filesOnDisk = () => {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) (e.isDirectory() ? walk(path.join(dir, e.name)) : out.push(path.join(dir, e.name)));
  };
  walk(path.join(dataDir, 'storage'));
  return out.sort();
};

test('uploadFile stores the bytes under <data>/storage and answers a cloud:// fileID', async () => {
  const content = bytes(5000);
  const r = await upload('items/a/photo.png', content);
  expect(r.error).toBeUndefined();
  expect(r.fileID).toMatch(/^cloud:\/\/[\w-]+\.[\w-]+\/items\/a\/photo\.png$/);
  const onDisk = path.join(dataDir, 'storage', 'files', 'items', 'a', 'photo.png');
  expect(fs.readFileSync(onDisk).equals(content)).toBe(true);
});

test('getTempFileURL answers a URL that serves the bytes; downloadFile reads them back', async () => {
  const content = bytes(3000, 11);
  const { fileID } = await upload('items/b.jpg', content);
  const r = await urls([fileID, { fileID: 'cloud://nope.bucket/items/missing.png', maxAge: 60 }]);
  expect(r.fileList).toHaveLength(2);
  expect(r.fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 7200 });
  expect(r.fileList[1].status).toBe(-503003);
  expect(r.fileList[1].tempFileURL).toBe('');
  const res = await fetch(r.fileList[0].tempFileURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  const down = await t.call('files', { op: 'download', fileID });
  expect(Buffer.from(down.body.base64, 'base64').equals(content)).toBe(true);
});

test('a temporary URL is refused once expired or when any part of it is altered', async () => {
  const { fileID } = await upload('items/c.png', bytes(100));
  const { fileList } = await urls([{ fileID, maxAge: 600 }]);
  const url = new URL(fileList[0].tempFileURL);
  expect((await fetch(url)).status).toBe(200);

  const longer = new URL(url);
  longer.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600));
  expect((await fetch(longer)).status).toBe(403);
  const forged = new URL(url);
  forged.searchParams.set('sign', 'A'.repeat(url.searchParams.get('sign')!.length));
  expect((await fetch(forged)).status).toBe(403);
  const other = new URL(url);
  other.pathname = '/_storage/items/a/photo.png';
  expect((await fetch(other)).status).toBe(403);
  const unsigned = new URL(url);
  unsigned.search = '';
  expect((await fetch(unsigned)).status).toBe(403);

  await t.setClock(new Date(Date.now() + 11 * 60 * 1000).toISOString());
  expect((await fetch(url)).status).toBe(403);
  await t.resetClock();
  expect((await fetch(url)).status).toBe(200);
});

test('the default URL lives two hours', async () => {
  const { fileID } = await upload('items/d.png', bytes(10));
  const { fileList } = await urls([fileID]);
  const url = fileList[0].tempFileURL;
  await t.setClock(new Date(Date.now() + 110 * 60 * 1000).toISOString());
  expect((await fetch(url)).status).toBe(200);
  await t.setClock(new Date(Date.now() + 121 * 60 * 1000).toISOString());
  expect((await fetch(url)).status).toBe(403);
});

test('an oversize file or an unsafe cloudPath is refused and writes nothing', async () => {
  const before = filesOnDisk();
  const big = await uploadSized('items/big.png', 2 * 1024 * 1024 + 1);
  // wx-server-sdk answers the COS refusal as `uploadFile:fail [EntityTooLarge]: ...`.
  expect(big.error.errMsg).toMatch(/^uploadFile:fail \[EntityTooLarge\]/);
  for (const cloudPath of ['../escape.png', 'items/../../escape.png', '/etc/escape.png', 'items//x.png', 'items\\x.png']) {
    const r = await upload(cloudPath, bytes(10));
    expect(r.error).toBeDefined();
  }
  expect(filesOnDisk()).toEqual(before);
  expect(fs.existsSync(path.join(dataDir, 'escape.png'))).toBe(false);
  // Exactly the limit is accepted.
  expect((await uploadSized('items/limit.png', 2 * 1024 * 1024)).fileID).toBeDefined();
  expect(fs.statSync(path.join(dataDir, 'storage', 'files', 'items', 'limit.png')).size).toBe(2 * 1024 * 1024);
});

test('an upload token works once, only with its authorization, and only signed /tcb requests get one', async () => {
  const keys = t.cloud.secrets;
  const meta = await sendSignedTcb(t.url, '/tcb', { action: 'storage.getUploadMetadata', envName: 'local', path: 'items/token.png', method: 'put' }, keys);
  expect(meta.status).toBe(200);
  const { url, authorization } = meta.body.data;
  expect((await fetch(url, { method: 'PUT', headers: { authorization: 'wrong' }, body: bytes(10) })).status).toBe(403);
  expect((await fetch(url, { method: 'PUT', headers: { authorization, key: encodeURIComponent('items/token.png') }, body: bytes(10) })).status).toBe(200);
  expect((await fetch(url, { method: 'PUT', headers: { authorization }, body: bytes(20) })).status).toBe(403);
  const unsigned = await sendSignedTcb(t.url, '/tcb', { action: 'storage.getUploadMetadata', envName: 'local', path: 'items/x.png', method: 'put' }, { secretId: keys.secretId, secretKey: 'not-the-key' });
  expect(unsigned.status).toBe(401);
});

test('deleteFile removes the file; its URLs stop serving it', async () => {
  const { fileID } = await upload('items/e.png', bytes(50));
  const { fileList } = await urls([fileID]);
  const r = (await t.call('files', { op: 'delete', fileList: [fileID, 'cloud://local.nope/items/none.png'] })).body;
  expect(r.fileList[0]).toMatchObject({ fileID, status: 0 });
  expect(r.fileList[1].status).not.toBe(0);
  expect((await fetch(fileList[0].tempFileURL)).status).toBe(404);
  expect((await urls([fileID])).fileList[0].status).toBe(-503003);
});

test('files and their URLs survive a restart of the same data directory', async () => {
  const content = bytes(777, 3);
  const { fileID } = await upload('items/keep.webp', content);
  const { fileList } = await urls([fileID]);
  await t.stop();
  t = await start();
  const fresh = (await urls([fileID])).fileList[0];
  expect(fresh.status).toBe(0);
  for (const u of [fresh.tempFileURL, fileList[0].tempFileURL.replace(/^http:\/\/[^/]+/, t.url)]) {
    const res = await fetch(u);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  }
});

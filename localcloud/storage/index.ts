// Cloud storage as the unmodified wx-server-sdk (@cloudbase/node-sdk 3.17.2, src/storage/index.ts) calls it:
//
//   cloud.uploadFile({ cloudPath, fileContent })  /tcb `storage.getUploadMetadata` { path, method: 'put' }
//                                                   → { data: { url, token, authorization, fileId, cosFileId } }
//                                                 then PUT <url> with the bytes (headers authorization, key,
//                                                   x-cos-meta-fileid); an empty 200 body is success, an XML
//                                                   <Error><Code/><Message/><RequestId/><TraceId/></Error> a failure
//   cloud.getTempFileURL({ fileList })            /tcb `storage.batchGetDownloadUrl` { file_list: [{ fileid, max_age? }] }
//                                                   → { data: { download_list: [{ fileID, tempFileURL, code, maxAge }] } }
//   cloud.deleteFile({ fileList })                /tcb `storage.batchDeleteFile` { fileid_list }
//                                                   → { data: { delete_list: [{ fileID, code }] } }
//
// `/tcb` requests arrive here already signature-verified. The upload URL carries a random one-use token bound to
// one cloudPath for 10 minutes; temporary download URLs are `/_storage/<cloudPath>?t=<expiry s>&sign=<hmac>`,
// signed with a key derived from the local cloud's secret key (so they stay valid across restarts of the same data
// directory) and refused once expired (on the local cloud's movable clock) or altered. Files live in
// `<data>/storage/files/<cloudPath>` (written to `<data>/storage/tmp/` then renamed), or in memory without a data
// directory. fileIDs look like real ones: `cloud://<env>.<bucket>/<cloudPath>`.
import crypto from 'crypto';
import fs from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import path from 'path';
import { readBodyWithin, sendJson } from '../http';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Default lifetime of a temporary URL when the caller gives no maxAge (CloudBase's default is 2 hours too). */
export const DEFAULT_URL_MAX_AGE_S = 2 * 60 * 60;
const MAX_URL_MAX_AGE_S = 24 * 60 * 60;
const UPLOAD_TOKEN_MS = 10 * 60 * 1000;
/** CloudBase answers at most 50 files per getTempFileURL / deleteFile call. */
export const MAX_FILES_PER_CALL = 50;
const MAX_CLOUD_PATH = 1024;

const TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

export interface StorageOptions {
  dataDir: string | null;
  /** Key material for signing temporary URLs (the local cloud's secret key). */
  secret: string;
  now: () => Date;
  maxFileBytes?: number;
}

interface PendingUpload { cloudPath: string; fileId: string; authorization: string; expiresMs: number }

/** null when `cloudPath` is a safe relative path; else why not. */
export function cloudPathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || !cloudPath) return 'cloudPath must be a non-empty string';
  if (cloudPath.length > MAX_CLOUD_PATH) return 'cloudPath is too long';
  if (cloudPath.startsWith('/') || /^[a-zA-Z]:/.test(cloudPath)) return 'cloudPath must be relative';
  if (/[\\\0]/.test(cloudPath)) return 'cloudPath has a forbidden character';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'cloudPath has an empty, . or .. segment';
  return null;
}

export function bucketOf(env: string): string {
  return `${Buffer.from(env).toString('hex').slice(0, 8)}-${env}-1250000000`;
}

export function fileIdOf(env: string, cloudPath: string): string {
  return `cloud://${env}.${bucketOf(env)}/${cloudPath}`;
}

/** The cloudPath of a fileID this cloud issued, or null. */
export function parseFileId(fileId: unknown): string | null {
  if (typeof fileId !== 'string') return null;
  const m = /^cloud:\/\/([\w-]+)\.([\w-]+)\/(.+)$/.exec(fileId);
  if (!m || m[2] !== bucketOf(m[1])) return null;
  return cloudPathProblem(m[3]) ? null : m[3];
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class LocalStorage {
  private readonly memory = new Map<string, Buffer>();
  private readonly pending = new Map<string, PendingUpload>();
  private readonly urlKey: Buffer;
  private readonly root: string | null;
  private readonly maxFileBytes: number;

  constructor(private readonly opts: StorageOptions) {
    this.urlKey = crypto.createHmac('sha256', opts.secret).update('localcloud-storage-url').digest();
    this.root = opts.dataDir ? path.join(opts.dataDir, 'storage') : null;
    this.maxFileBytes = opts.maxFileBytes ?? MAX_FILE_BYTES;
    if (this.root) {
      fs.mkdirSync(path.join(this.root, 'files'), { recursive: true });
      fs.rmSync(path.join(this.root, 'tmp'), { recursive: true, force: true });
      fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true });
    }
  }

  private fileOf(cloudPath: string): string {
    const base = path.join(this.root as string, 'files');
    const file = path.resolve(base, cloudPath);
    if (!file.startsWith(base + path.sep)) throw new Error('cloudPath escapes the storage root');
    return file;
  }

  read(cloudPath: string): Buffer | null {
    if (!this.root) return this.memory.get(cloudPath) ?? null;
    try {
      const file = this.fileOf(cloudPath);
      return fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
    } catch {
      return null;
    }
  }

  private write(cloudPath: string, bytes: Buffer): void {
    if (!this.root) { this.memory.set(cloudPath, bytes); return; }
    const file = this.fileOf(cloudPath);
    const tmp = path.join(this.root, 'tmp', crypto.randomBytes(12).toString('hex'));
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.renameSync(tmp, file);
  }

  private remove(cloudPath: string): boolean {
    if (!this.root) return this.memory.delete(cloudPath);
    try {
      const file = this.fileOf(cloudPath);
      if (!fs.statSync(file).isFile()) return false;
      fs.unlinkSync(file);
      return true;
    } catch {
      return false;
    }
  }

  private sign(cloudPath: string, expiresS: number): string {
    return crypto.createHmac('sha256', this.urlKey).update(`${cloudPath}\n${expiresS}`).digest('base64url');
  }

  /** A temporary URL for `cloudPath` valid for `maxAgeS` seconds from the local cloud's now. */
  tempUrl(baseUrl: string, cloudPath: string, maxAgeS = DEFAULT_URL_MAX_AGE_S): string {
    const expiresS = Math.floor(this.opts.now().getTime() / 1000) + maxAgeS;
    const encoded = cloudPath.split('/').map(encodeURIComponent).join('/');
    return `${baseUrl}/_storage/${encoded}?t=${expiresS}&sign=${this.sign(cloudPath, expiresS)}`;
  }

  /** Answers a `storage.*` action of `/tcb` (already signature-verified); `baseUrl` is the address the caller used. */
  handle(action: string, params: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
    const env = typeof params.envName === 'string' && /^[\w-]+$/.test(params.envName) ? params.envName : 'local';
    const requestId = `local-storage-${crypto.randomBytes(6).toString('hex')}`;
    if (action === 'storage.getUploadMetadata') {
      const cloudPath = params.path;
      const problem = cloudPathProblem(cloudPath);
      if (problem) return { code: 'STORAGE_INVALID_PARAM', message: problem, requestId };
      const token = crypto.randomBytes(24).toString('base64url');
      const fileId = fileIdOf(env, cloudPath as string);
      const authorization = `q-sign-algorithm=local&q-token=${token}`;
      this.sweepPending();
      this.pending.set(token, { cloudPath: cloudPath as string, fileId, authorization, expiresMs: Date.now() + UPLOAD_TOKEN_MS });
      return {
        data: { url: `${baseUrl}/_storage/upload/${token}`, token, authorization, fileId, cosFileId: `local-${token.slice(0, 12)}`, download_url: '' },
        requestId,
      };
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = params.file_list;
      if (!Array.isArray(list) || list.length === 0) return { code: 'INVALID_PARAM', message: 'file_list must be a non-empty array', requestId };
      if (list.length > MAX_FILES_PER_CALL) return { code: 'INVALID_PARAM', message: `at most ${MAX_FILES_PER_CALL} files per call`, requestId };
      const download_list = list.map((entry) => {
        const fileID = String((entry as { fileid?: unknown })?.fileid ?? '');
        const rawAge = Number((entry as { max_age?: unknown })?.max_age);
        const maxAge = Number.isFinite(rawAge) && rawAge > 0 ? Math.min(Math.floor(rawAge), MAX_URL_MAX_AGE_S) : DEFAULT_URL_MAX_AGE_S;
        const cloudPath = parseFileId(fileID);
        if (!cloudPath || !this.exists(cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not found', maxAge };
        return { fileID, tempFileURL: this.tempUrl(baseUrl, cloudPath, maxAge), code: 'SUCCESS', maxAge };
      });
      return { data: { download_list }, requestId };
    }
    if (action === 'storage.batchDeleteFile') {
      const list = params.fileid_list;
      if (!Array.isArray(list) || list.length === 0) return { code: 'INVALID_PARAM', message: 'fileid_list must be a non-empty array', requestId };
      if (list.length > MAX_FILES_PER_CALL) return { code: 'INVALID_PARAM', message: `at most ${MAX_FILES_PER_CALL} files per call`, requestId };
      const delete_list = list.map((fileID) => {
        const cloudPath = parseFileId(fileID);
        const removed = cloudPath !== null && this.remove(cloudPath);
        return removed ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not found' };
      });
      return { data: { delete_list }, requestId };
    }
    return { code: 'INVALID_ACTION', message: `storage action ${action} is not emulated`, requestId };
  }

  private exists(cloudPath: string): boolean {
    if (!this.root) return this.memory.has(cloudPath);
    try {
      return fs.statSync(this.fileOf(cloudPath)).isFile();
    } catch {
      return false;
    }
  }

  private sweepPending(): void {
    const now = Date.now();
    for (const [token, p] of this.pending) if (p.expiresMs < now) this.pending.delete(token);
  }

  private cosError(res: ServerResponse, status: number, code: string, message: string): void {
    const id = crypto.randomBytes(8).toString('hex');
    const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${xmlEscape(message)}</Message>\n<Resource>/</Resource>\n<RequestId>${id}</RequestId>\n<TraceId>${id}</TraceId>\n</Error>`;
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  }

  /** PUT (or POST) /_storage/upload/<token>: the bytes of one upload prepared by getUploadMetadata. */
  async upload(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    this.sweepPending();
    const pending = this.pending.get(token);
    if (!pending || req.headers.authorization !== pending.authorization) {
      req.resume();
      return this.cosError(res, 403, 'AccessDenied', 'unknown or expired upload token');
    }
    if (req.headers.key !== undefined && req.headers.key !== encodeURIComponent(pending.cloudPath)) {
      req.resume();
      return this.cosError(res, 403, 'AccessDenied', 'the key does not match the prepared upload');
    }
    this.pending.delete(token); // one use, whatever the outcome
    const bytes = await readBodyWithin(req, this.maxFileBytes);
    if (!bytes) return this.cosError(res, 400, 'EntityTooLarge', `file larger than ${this.maxFileBytes} bytes`);
    this.write(pending.cloudPath, bytes);
    res.writeHead(200, { 'content-length': 0, 'x-cos-request-id': crypto.randomBytes(8).toString('hex') });
    res.end();
  }

  /** GET / HEAD /_storage/<cloudPath>?t=&sign=: a file through a temporary URL that is unexpired and unaltered. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): void {
    let cloudPath: string;
    try {
      cloudPath = url.pathname.slice('/_storage/'.length).split('/').map(decodeURIComponent).join('/');
    } catch {
      return sendJson(res, 400, { code: 'INVALID_PARAM', message: 'bad path' });
    }
    const t = url.searchParams.get('t') ?? '';
    const sign = url.searchParams.get('sign') ?? '';
    if (cloudPathProblem(cloudPath) || !/^\d{1,12}$/.test(t)) return sendJson(res, 403, { code: 'STORAGE_SIGN_PARAM_INVALID', message: 'invalid temporary URL' });
    const expected = Buffer.from(this.sign(cloudPath, Number(t)));
    const given = Buffer.from(sign);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return sendJson(res, 403, { code: 'STORAGE_SIGN_PARAM_INVALID', message: 'invalid temporary URL signature' });
    }
    const nowS = this.opts.now().getTime() / 1000;
    if (Number(t) < nowS) return sendJson(res, 403, { code: 'STORAGE_SIGN_PARAM_INVALID', message: 'temporary URL expired' });
    const bytes = this.read(cloudPath);
    if (!bytes) return sendJson(res, 404, { code: 'STORAGE_FILE_NONEXIST', message: 'file not found' });
    res.writeHead(200, {
      'content-type': TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream',
      'content-length': bytes.length,
      'cache-control': `private, max-age=${Math.max(0, Math.floor(Number(t) - nowS))}`,
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }
}

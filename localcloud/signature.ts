// Checks the CloudBase request signature (TC3-HMAC-SHA256) on `/tcb`, computed the way @cloudbase/node-sdk signs
// (@cloudbase/signature-nodejs `tc3sign` with `withSignedParams`), against the local cloud's own key pair:
//
//   Authorization: TC3-HMAC-SHA256 Credential=<secretId>/<YYYY-MM-DD>/tcb/tc3_request, SignedParams=<k;k>,
//                  SignedHeaders=<h;h>, Signature=<hex>          X-Timestamp: <unix seconds>
//   canonical request = method \n //host/path \n query \n <h:value lower-cased, one a line>\n \n <h;h> \n payload hash
//   payload hash      = sha256 over `&<key>=<value>\r\n` for each signed body parameter (keys lower-cased; objects
//                       as JSON; multipart parts as their bytes)
//   signing key       = HMAC chain TC3<secretKey> → date → tcb → tc3_request
//
// Every non-empty body parameter must be among the signed ones (nothing can be added to a signed request), the
// host must be signed, and the timestamp must be within X-Signature-Expires (at most 600 s) of now.
import crypto from 'crypto';
import type { IncomingHttpHeaders } from 'http';

export interface KeyPair { secretId: string; secretKey: string }

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body's parameters: the parsed JSON object, or the multipart parts. */
  params: Record<string, unknown>;
  multipart: boolean;
}

const MAX_AGE_S = 600;
const AUTH = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=([^,]*),)? SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;

const camSafe = (s: string) => encodeURIComponent(s).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (data: string, key: string | Buffer) => crypto.createHmac('sha256', key).update(data).digest();

/** The body parameters as the signer formats them: lower-cased keys, string values (Buffers as they are). */
function formatParams(params: Record<string, unknown>, multipart: boolean): Map<string, string | Buffer> {
  const out = new Map<string, string | Buffer>();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const k = camSafe(key.toLowerCase().trim());
    if (Buffer.isBuffer(value)) out.set(k, multipart ? value : value.toString('utf8').trim());
    else out.set(k, (typeof value === 'string' ? value : JSON.stringify(value)).trim());
  }
  return out;
}

// The signing key depends on the secret and the day only: derived once a day, not three HMACs a request.
let kept: { secretKey: string; date: string; key: Buffer } | null = null;
function signingKeyFor(secretKey: string, date: string): Buffer {
  if (kept?.secretKey !== secretKey || kept.date !== date) kept = { secretKey, date, key: hmac('tc3_request', hmac('tcb', hmac(date, `TC3${secretKey}`))) };
  return kept.key;
}

/** null when the request is signed with `keys`; else why it is refused. */
export function verifySignature(req: SignedRequest, keys: KeyPair, nowMs = Date.now()): string | null {
  const auth = String(req.headers.authorization ?? '');
  const m = AUTH.exec(auth);
  if (!m) return 'missing or malformed TC3-HMAC-SHA256 authorization';
  const [, secretId, date, signedParamsList, signedHeadersList, signature] = m;
  if (secretId !== keys.secretId) return 'unknown secretId';

  const timestamp = Number(req.headers['x-timestamp']);
  if (!Number.isInteger(timestamp)) return 'missing X-Timestamp';
  const maxAge = Math.min(MAX_AGE_S, Number(req.headers['x-signature-expires'] ?? MAX_AGE_S) || MAX_AGE_S);
  if (Math.abs(nowMs / 1000 - timestamp) > maxAge) return 'signature expired';
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'credential date does not match X-Timestamp';

  const signedHeaders = signedHeadersList.split(';');
  if (!signedHeaders.includes('host')) return 'host is not signed';
  const canonicalHeaders = signedHeaders.map((h) => {
    const raw = req.headers[h];
    let value = (Array.isArray(raw) ? raw.join(',') : String(raw ?? '')).trim().toLowerCase();
    if (h === 'content-type' && value.startsWith('multipart/form-data')) value = 'multipart/form-data';
    return `${h}:${value}\n`;
  }).join('');

  const formatted = formatParams(req.params, req.multipart);
  const present = [...formatted.entries()].filter(([, v]) => v.length > 0).map(([k]) => k);
  const signedParams = signedParamsList !== undefined
    ? (signedParamsList ? signedParamsList.split(';') : [])
    : [...present].sort((l, r) => l.localeCompare(r));
  const signedSet = new Set(signedParams);
  if (present.some((k) => !signedSet.has(k))) return 'unsigned body parameters';
  const payload = crypto.createHash('sha256');
  for (const key of signedParams) {
    const value = formatted.get(key);
    if (value === undefined) return 'a signed parameter is missing';
    payload.update(`&${key}=`);
    payload.update(value);
    payload.update('\r\n');
  }

  const [pathname, query = ''] = req.url.split(/\?(.*)/s, 2);
  const signedUrl = `//${String(req.headers.host ?? '')}${pathname}`;
  const rest = `\n${signedUrl}\n${query}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${payload.digest('hex')}`;
  const signingKey = signingKeyFor(keys.secretKey, date);
  const expected = Buffer.from(signature, 'hex');
  // The SDK signs with the method as it names it ('post'); other signers use 'POST'.
  for (const method of new Set([req.method.toLowerCase(), req.method.toUpperCase()])) {
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/tcb/tc3_request\n${sha256(method + rest)}`;
    if (crypto.timingSafeEqual(hmac(stringToSign, signingKey), expected)) return null;
  }
  return 'signature mismatch';
}

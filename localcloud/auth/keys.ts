// The local cloud's custom-login key (自定义登录私钥): the same JSON a CloudBase console downloads (private_key_id,
// private_key, env_id), generated once per data directory (`<data>/custom-login-key.json`, mode 0600; fresh each
// start without one). Functions get it as CUSTOM_LOGIN_KEY and sign tickets with @cloudbase/node-sdk's createTicket;
// the web gateway (webAuth.ts) checks those tickets with its public half.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

export interface CustomLoginKey { private_key_id: string; private_key: string; env_id: string }

/** The environment id of the local cloud, as its functions and web SDK see it. */
export const LOCAL_ENV_ID = 'local';

const FILE = 'custom-login-key.json';

function generate(): CustomLoginKey {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { private_key_id: crypto.randomUUID(), private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), env_id: LOCAL_ENV_ID };
}

export function loadCustomLoginKey(dataDir: string | null): CustomLoginKey {
  if (!dataDir) return generate();
  const file = path.join(dataDir, FILE);
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CustomLoginKey>;
    if (stored.private_key_id && stored.private_key && stored.env_id === LOCAL_ENV_ID) return stored as CustomLoginKey;
  }
  const key = generate();
  fs.writeFileSync(file, JSON.stringify(key, null, 2) + '\n', { mode: 0o600 });
  return key;
}

/** What every function's environment carries for custom login. */
export const customLoginEnv = (key: CustomLoginKey): Record<string, string> => ({ CUSTOM_LOGIN_KEY: JSON.stringify(key) });

export interface TicketClaims { uid: string; env: string; iat: number; exp: number; refresh: number; expire: number }

/**
 * Checks a ticket as CloudBase does: `<private_key_id>/@@/<JWT>`, RS256 with this environment's key, for this
 * environment, not past its `exp` (node-sdk gives it 10 minutes, on the real clock). Answers its claims or why not.
 */
export function verifyTicket(ticket: string, key: CustomLoginKey, now = Date.now()): { ok: true; claims: TicketClaims } | { ok: false; reason: string } {
  const at = ticket.indexOf('/@@/');
  if (at < 0) return { ok: false, reason: 'malformed ticket' };
  if (ticket.slice(0, at) !== key.private_key_id) return { ok: false, reason: 'ticket signed with an unknown key' };
  const parts = ticket.slice(at + 4).split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed ticket' };
  const [header, payload, signature] = parts;
  let head: { alg?: string };
  let claims: TicketClaims;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed ticket' };
  }
  if (head.alg !== 'RS256') return { ok: false, reason: 'ticket not RS256' };
  const publicKey = crypto.createPublicKey(key.private_key);
  if (!crypto.verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'bad ticket signature' };
  if (claims.env !== key.env_id) return { ok: false, reason: 'ticket of another environment' };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'ticket expired' };
  if (typeof claims.uid !== 'string' || !/^[a-zA-Z0-9_\-#@~=*(){}[\]:.,<>+]{4,32}$/.test(claims.uid)) return { ok: false, reason: 'bad uid' };
  return { ok: true, claims };
}

// The local cloud's own secrets, generated once per data directory (random, kept in `<dataDir>/secrets.json`, mode
// 0600) so codes stay valid across restarts; memory-only clouds (no data directory) generate fresh ones each start.
// - memberCodeSecret: the functions' MEMBER_CODE_SECRET (cloudfunctions/runtime/codeSecret.ts refuses to run without one).
// - secretId / secretKey: the key pair `/tcb` checks CloudBase request signatures against. Functions get it as
//   TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY; LOCALCLOUD_SECRET_ID / LOCALCLOUD_SECRET_KEY set it instead.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

export interface LocalSecrets { memberCodeSecret: string; secretId: string; secretKey: string }

const FILE = 'secrets.json';

function generate(): LocalSecrets {
  return {
    memberCodeSecret: crypto.randomBytes(32).toString('base64url'),
    secretId: `AKIDlocal${crypto.randomBytes(12).toString('hex')}`,
    secretKey: crypto.randomBytes(24).toString('base64url'),
  };
}

export function loadSecrets(dataDir: string | null, env: Record<string, string | undefined> = process.env): LocalSecrets {
  let secrets: LocalSecrets;
  if (!dataDir) secrets = generate();
  else {
    const file = path.join(dataDir, FILE);
    const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
    const fresh = generate();
    secrets = {
      memberCodeSecret: stored.memberCodeSecret || fresh.memberCodeSecret,
      secretId: stored.secretId || fresh.secretId,
      secretKey: stored.secretKey || fresh.secretKey,
    };
    if (secrets.memberCodeSecret !== stored.memberCodeSecret || secrets.secretId !== stored.secretId || secrets.secretKey !== stored.secretKey) {
      fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
    }
  }
  if (env.LOCALCLOUD_SECRET_ID && env.LOCALCLOUD_SECRET_KEY) {
    secrets = { ...secrets, secretId: env.LOCALCLOUD_SECRET_ID, secretKey: env.LOCALCLOUD_SECRET_KEY };
  }
  return secrets;
}

/** What every function's environment carries from the local cloud's secrets. */
export function functionEnv(secrets: LocalSecrets): Record<string, string> {
  return {
    MEMBER_CODE_SECRET: secrets.memberCodeSecret,
    TENCENTCLOUD_SECRETID: secrets.secretId,
    TENCENTCLOUD_SECRETKEY: secrets.secretKey,
  };
}

// Applies cloudfunctions/database/indexes.json (the same file the local cloud enforces) to a real cloud
// environment through the WeChat HTTP API: collections are created, then their indexes.
//   WX_APPID=... WX_APPSECRET=... TCB_ENV=... npm run deploy:database
//   npm run deploy:database -- --dry-run     (prints the requests, sends nothing)
// Security rules have no HTTP API: the script prints cloudfunctions/database/security-rules.json per
// collection for the console (数据库 → 集合 → 数据权限 → 自定义安全规则).
import fs from 'fs';
import path from 'path';
import type { IndexFile } from '../localcloud/db';

const DIR = path.join(__dirname, '..', 'cloudfunctions', 'database');

export interface ApiRequest { path: string; body: Record<string, unknown> }

export function planDatabaseRequests(indexes: IndexFile, env: string): ApiRequest[] {
  return Object.entries(indexes).flatMap(([collection, specs]) => [
    { path: 'tcb/databasecollectionadd', body: { env, collection_name: collection } },
    {
      path: 'tcb/updateindex',
      body: {
        env,
        collection_name: collection,
        create_indexes: specs.map((s) => ({
          name: s.name,
          unique: s.unique === true,
          keys: Object.entries(s.keys).map(([name, direction]) => ({ name, direction: String(direction) })),
        })),
        drop_indexes: [],
      },
    },
  ]);
}

async function post(url: string, body: unknown): Promise<{ errcode?: number; errmsg?: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { errcode?: number; errmsg?: string };
}

async function main() {
  const dryRun = process.argv.includes('--dry-run');
  const env = process.env.TCB_ENV ?? (dryRun ? 'your-env-id' : '');
  const indexes = JSON.parse(fs.readFileSync(path.join(DIR, 'indexes.json'), 'utf8')) as IndexFile;
  const requests = planDatabaseRequests(indexes, env);
  const rules = JSON.parse(fs.readFileSync(path.join(DIR, 'security-rules.json'), 'utf8')) as Record<string, unknown>;
  if (dryRun) {
    for (const r of requests) console.log(`POST https://api.weixin.qq.com/${r.path}\n${JSON.stringify(r.body, null, 2)}\n`);
  } else {
    const { WX_APPID, WX_APPSECRET } = process.env;
    if (!WX_APPID || !WX_APPSECRET || !env) throw new Error('set WX_APPID, WX_APPSECRET and TCB_ENV (or pass --dry-run)');
    const tokenRes = await fetch(`https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${WX_APPID}&secret=${WX_APPSECRET}`);
    const { access_token: token, errmsg } = (await tokenRes.json()) as { access_token?: string; errmsg?: string };
    if (!token) throw new Error(`could not get an access token: ${errmsg}`);
    for (const r of requests) {
      const out = await post(`https://api.weixin.qq.com/${r.path}?access_token=${token}`, r.body);
      // Creating a collection that exists, or an index that exists, is reported and skipped.
      console.log(`${r.path} ${r.body.collection_name}: ${out.errcode === 0 ? 'ok' : `${out.errcode} ${out.errmsg}`}`);
    }
  }
  console.log('\nSecurity rules to set in the console for each collection (functions bypass them; clients get no direct access):');
  for (const [collection, rule] of Object.entries(rules)) console.log(`  ${collection}: ${JSON.stringify(rule)}`);
}

if (require.main === module) main().catch((err) => { console.error(err.message ?? err); process.exit(1); });
